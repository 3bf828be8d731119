package org.sild.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.pki.CertChainVerifierTest.assertFault;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.testing.KeyType;
import org.sild.testing.SubjectNames;
import org.sild.testing.TestKeys;

class CertificationRequestTest {

    private static final X500Principal SUBJECT = SubjectNames.ejbcaSigning("EE", "GOV", "1234");

    @ParameterizedTest
    @CsvSource({
        "RSA_2048, RSA_SHA256", "RSA_2048, RSA_SHA512", "EC_P256, ECDSA_SHA256",
        "EC_P384, ECDSA_SHA384", "EC_P256, ECDSA_SHA512"})
    void createsAndParsesSignedRequests(KeyType type, SignatureAlgorithm algorithm) throws Exception {
        KeyPair keys = TestKeys.get(type, "csr");

        byte[] der = CertificationRequest.create(SUBJECT, keys.getPublic(), algorithm,
                software(algorithm, keys.getPrivate()));

        CertificationRequest parsed = CertificationRequest.parse(der);
        assertThat(parsed.subject()).isEqualTo(SUBJECT);
        assertThat(parsed.publicKey()).isEqualTo(keys.getPublic());
        assertThat(parsed.signatureAlgorithmOid()).isEqualTo(algorithm.oid());
        assertThat(parsed.encoded()).isEqualTo(der);
        assertThat(new PKCS10CertificationRequest(der).getSubject().toString()).isEqualTo("C=EE,O=GOV,CN=1234");
        assertThat(SignatureAlgorithm.byOid(algorithm.oid())).contains(algorithm);
    }

    @Test
    void pssIsNotUsedForRequests() {
        KeyPair keys = TestKeys.get(KeyType.RSA_2048, "csr");
        assertFault(() -> CertificationRequest.create(SUBJECT, keys.getPublic(), SignatureAlgorithm.RSA_PSS_SHA512,
                software(SignatureAlgorithm.RSA_PSS_SHA512, keys.getPrivate())), ErrorCode.UNSUPPORTED_SIGN_ALGORITHM);
    }

    @Test
    void signerHoldingAnotherKeyFails() {
        KeyPair keys = TestKeys.get(KeyType.RSA_2048, "csr");
        PrivateKey other = TestKeys.get(KeyType.RSA_2048, "csr other").getPrivate();

        assertFault(() -> CertificationRequest.create(SUBJECT, keys.getPublic(), SignatureAlgorithm.RSA_SHA256,
                software(SignatureAlgorithm.RSA_SHA256, other)), ErrorCode.CSR_FAILED);
    }

    @Test
    void algorithmMustFitTheKey() {
        KeyPair keys = TestKeys.get(KeyType.EC_P256, "csr");

        assertFault(() -> CertificationRequest.create(SUBJECT, keys.getPublic(), SignatureAlgorithm.RSA_SHA256,
                data -> new byte[0]), ErrorCode.CSR_FAILED);
    }

    @Test
    void signerFaultsPassThrough() {
        KeyPair keys = TestKeys.get(KeyType.EC_P256, "csr");

        assertFault(() -> CertificationRequest.create(SUBJECT, keys.getPublic(), SignatureAlgorithm.ECDSA_SHA256,
                data -> {
                    throw new XRoadException(ErrorCode.TOKEN_NOT_ACTIVE, "token 0 is not active");
                }), ErrorCode.TOKEN_NOT_ACTIVE);
    }

    @Test
    void tamperedOrMalformedRequestsAreInvalid() {
        KeyPair keys = TestKeys.get(KeyType.EC_P256, "csr");
        byte[] der = CertificationRequest.create(SUBJECT, keys.getPublic(), SignatureAlgorithm.ECDSA_SHA256,
                software(SignatureAlgorithm.ECDSA_SHA256, keys.getPrivate()));
        byte[] tampered = der.clone();
        // The subject is inside the signed part; change one letter of "GOV".
        int at = indexOf(tampered, "GOV".getBytes());
        tampered[at] = 'X';

        assertFault(() -> CertificationRequest.parse(tampered), ErrorCode.INVALID_REQUEST);
        assertFault(() -> CertificationRequest.parse(new byte[] {1, 2, 3}), ErrorCode.INVALID_REQUEST);
        assertFault(() -> CertificationRequest.parse(new byte[CertificationRequest.MAX_SIZE + 1]),
                ErrorCode.INVALID_REQUEST);
    }

    @Test
    void pemRoundTrip() {
        KeyPair keys = TestKeys.get(KeyType.EC_P256, "csr");
        byte[] der = CertificationRequest.create(SUBJECT, keys.getPublic(), SignatureAlgorithm.ECDSA_SHA256,
                software(SignatureAlgorithm.ECDSA_SHA256, keys.getPrivate()));

        String pem = Pem.writeCertificationRequest(der);

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n")
                .endsWith("-----END CERTIFICATE REQUEST-----\n");
        assertThat(Pem.readCertificationRequest(pem)).isEqualTo(der);
        assertThat(Pem.readCertificationRequest(pem.replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST")))
                .isEqualTo(der);
    }

    private static DataSigner software(SignatureAlgorithm algorithm, PrivateKey key) {
        return data -> {
            try {
                Signature s = algorithm.newSignature();
                s.initSign(key);
                s.update(data);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
