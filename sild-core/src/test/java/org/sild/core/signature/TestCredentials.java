package org.sild.core.signature;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.sild.core.pki.TrustedCa;
import org.sild.core.pki.CertChainVerifier;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspTrust;
import org.sild.core.pki.OcspVerifier;
import org.sild.testing.IssuedCert;
import org.sild.testing.KeyType;
import org.sild.testing.KeyUsage;
import org.sild.testing.SubjectNames;
import org.sild.testing.TestPki;

/**
 * Signing credentials for the signature tests from the shared test PKI (root → intermediate → member),
 * with OCSP responses for the member and the intermediate, and the PKI check a security server runs.
 */
final class TestCredentials {

    /** The PKI's clock: certificates and OCSP responses are issued at this instant. */
    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    static final TestPki PKI = TestPki.builder().name("Sild signature tests")
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    static final X509Certificate INTERMEDIATE = PKI.intermediate().certificate();

    private static final Credential RSA = new Credential(PKI.signingCert("COM", "1234"));
    private static final Credential EC = new Credential(PKI.issue(PKI.signingSpec(
            SubjectNames.ejbcaSigning("EE", "COM", "1234")).keyType(KeyType.EC_P256).build()));

    /** A member's signing key and certificate, as issued by the test PKI. */
    record Credential(IssuedCert issued) {
        PrivateKey key() {
            return issued.privateKey();
        }

        X509Certificate certificate() {
            return issued.certificate();
        }

        SigningKey signingKey() {
            return SigningKey.software(key());
        }

        /** Good OCSP responses for the certificate and its intermediate CA, as of {@link #NOW}. */
        List<byte[]> ocsp() {
            return List.of(PKI.ocsp(certificate()).build(), PKI.ocsp(INTERMEDIATE).build());
        }
    }

    private TestCredentials() {
    }

    /** EE/COM/1234's RSA credential (EJBCA profile: C=EE, O=COM, CN=1234). */
    static Credential rsa() {
        return RSA;
    }

    /** EE/COM/1234's EC P-256 credential. */
    static Credential ec() {
        return EC;
    }

    /** Another certificate for the key of {@code credential}: same key, different certificate. */
    static Credential twin(Credential credential) {
        return new Credential(PKI.issue(PKI.signingSpec(credential.certificate().getSubjectX500Principal())
                .keyPair(credential.issued().keyPair()).build()));
    }

    /**
     * A credential with {@code subject} (attributes encoded in the order written) and keyUsage nonRepudiation
     * or, for {@code signing == false}, digitalSignature (an authentication-style certificate).
     */
    static Credential withSubject(KeyType keyType, String subject, boolean signing) {
        var principal = new X500Principal(encoded(subject));
        var spec = PKI.signingSpec(principal).keyType(keyType);
        if (!signing) {
            spec.keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT);
        }
        return new Credential(PKI.issue(spec.build()));
    }

    private static byte[] encoded(String subject) {
        try {
            return new X500Name(subject).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chain and OCSP check of a security server trusting this PKI (the PKI package's verifiers). */
    static SignerCertificateCheck pkiCheck() {
        var chains = new CertChainVerifier(List.of(PKI.root().certificate()));
        var ocsp = new OcspVerifier(OcspTrust.of(List.of(TrustedCa.of(PKI.root().certificate()),
                TrustedCa.of(INTERMEDIATE))));
        return e -> chains.verify(e.signingCertificate(), e.extraCertificates(),
                e.ocspResponses().stream().map(OcspResponse::parse).toList(), ocsp, e.verificationTime());
    }
}
