package org.sild.core.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.management.Fixtures.PKI;
import static org.sild.core.management.Fixtures.SERVER;
import static org.sild.core.management.Fixtures.assertFault;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.signature.SigningKey;
import org.sild.testing.IssuedCert;
import org.sild.testing.KeyType;
import org.sild.testing.SubjectNames;

class RequestSignatureTest {

    private static final byte[] DATA = "<soap/>".getBytes(StandardCharsets.UTF_8);

    @Test
    void algorithmIdsAreJavasNames() {
        assertThat(RequestSignature.algorithmOf("SHA256withRSA")).isEqualTo(SignatureAlgorithm.RSA_SHA256);
        assertThat(RequestSignature.algorithmOf("sha384withrsa")).isEqualTo(SignatureAlgorithm.RSA_SHA384);
        assertThat(RequestSignature.algorithmOf(" SHA512withRSAandMGF1 ")).isEqualTo(SignatureAlgorithm.RSA_PSS_SHA512);
        assertThat(RequestSignature.algorithmOf("SHA256withECDSA")).isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            assertThat(RequestSignature.algorithmOf(new RequestSignature(a, new byte[1]).algorithmId())).isEqualTo(a);
        }
        assertFault(() -> RequestSignature.algorithmOf("SHA1withRSA"), ErrorCode.UNSUPPORTED_ALGORITHM);
        assertFault(() -> RequestSignature.algorithmOf("http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"),
                ErrorCode.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void rsaKeysSignWithSha512AndRsaAndEcKeysWithEcdsa() {
        IssuedCert rsa = Fixtures.OWNER_SIGNING;
        IssuedCert ec = PKI.issue(PKI.signingSpec(SubjectNames.ejbcaSigning("EE", "GOV", "TS1OWNER"))
                .keyType(KeyType.EC_P256).build());

        RequestSignature byRsa = RequestSignature.sign(SigningKey.software(rsa.privateKey()), rsa.publicKey(), DATA);
        RequestSignature byEc = RequestSignature.sign(SigningKey.software(ec.privateKey()), ec.publicKey(), DATA);

        assertThat(byRsa.algorithmId()).isEqualTo("SHA512withRSA");
        assertThat(byEc.algorithmId()).isEqualTo("SHA512withECDSA");
        assertThat(byRsa.verifies(rsa.publicKey(), DATA)).isTrue();
        assertThat(byEc.verifies(ec.publicKey(), DATA)).isTrue();
        assertThat(byRsa.verifies(ec.publicKey(), DATA)).isFalse();
        assertThat(byEc.verifies(ec.publicKey(), new byte[] {1})).isFalse();
    }

    @Test
    void anEcSignedRequestRoundTripsAndVerifies() {
        IssuedCert ec = PKI.issue(PKI.signingSpec(SubjectNames.ejbcaSigning("EE", "GOV", "TS1OWNER"))
                .keyType(KeyType.EC_P256).build());
        ManagementMessage message = Fixtures.message(new ManagementRequest.MaintenanceModeDisable(SERVER));
        ManagementPackage pkg = ManagementPackage.signed(message, Fixtures.sign(message, ec));
        ManagementPackage.Encoded encoded = pkg.encode(new Random(3));

        ManagementPackage read = ManagementPackage.read(new java.io.ByteArrayInputStream(encoded.body()),
                encoded.contentType());

        assertThat(Fixtures.verifier().build().verify(read).request()).isEqualTo(message.request());
    }
}
