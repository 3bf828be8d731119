package org.sild.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.core.pki.CertChainVerifierTest.assertFault;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.testing.CertSpec;
import org.sild.testing.IssuedCert;
import org.sild.testing.KeyType;
import org.sild.testing.KeyUsage;
import org.sild.testing.OcspResponseBuilder;
import org.sild.testing.TestCa;
import org.sild.testing.TestKeys;
import org.sild.testing.TestPki;

class OcspVerifierTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TestPki PKI = TestPki.builder().clock(CLOCK).build();
    private static final IssuedCert CERT = PKI.signingCert("GOV", "1234");
    private static final X509Certificate CA = PKI.intermediate().certificate();
    private static final OcspVerifier VERIFIER = new OcspVerifier(OcspTrust.of(List.of(
            TrustedCa.of(PKI.root().certificate()), TrustedCa.of(CA))));

    @Test
    void goodResponseSignedByTheIssuingCa() {
        OcspResponse response = OcspResponse.parse(PKI.ocsp(CERT.certificate()).build());

        VERIFIER.verify(response, CERT.certificate(), CA, NOW);

        assertThat(response.status()).isEqualTo(new OcspCertStatus.Good());
        assertThat(response.thisUpdate()).isEqualTo(NOW);
        assertThat(response.producedAt()).isEqualTo(NOW);
        assertThat(response.nextUpdate()).isEmpty();
        assertThat(response.serialNumber()).isEqualTo(CERT.certificate().getSerialNumber());
        assertThat(response.responderKeyHash()).isPresent();
        assertThat(response.responderName()).isEmpty();
        assertThat(response.certificates()).containsExactly(CA);
        assertThat(response.signatureAlgorithmOid()).isEqualTo("1.2.840.113549.1.1.11");
        assertThat(VERIFIER.responderCertificate(response, CA)).contains(CA);
    }

    @Test
    void delegatedResponderWithOcspSigningIsAuthorisedWithoutListing() {
        OcspResponse response = OcspResponse.parse(PKI.ocsp(CERT.certificate()).signer(PKI.ocspResponder())
                .responderIdByName().build());

        VERIFIER.verify(response, CERT.certificate(), CA, NOW);

        assertThat(response.responderName()).contains(PKI.ocspResponder().certificate().getSubjectX500Principal());
    }

    @Test
    void listedResponderIsAuthorisedEvenWithoutOcspSigningAndWithoutBeingEmbedded() {
        TestPki other = TestPki.builder().name("Responder Org").clock(CLOCK).build();
        IssuedCert listed = other.issue(CertSpec.builder(new X500Principal("CN=listed responder")).build());
        var trust = OcspTrust.of(List.of(new TrustedCa(CA, List.of(listed.certificate()))));
        byte[] der = PKI.ocsp(CERT.certificate()).signer(listed).includeSignerCertificate(false).build();

        new OcspVerifier(trust).verify(OcspResponse.parse(der), CERT.certificate(), CA, NOW);
        assertFault(() -> VERIFIER.verify(OcspResponse.parse(der), CERT.certificate(), CA, NOW),
                ErrorCode.INCORRECT_VALIDATION_INFO);
    }

    @Test
    void responderNotIssuedByTheCaIsNotAuthorised() {
        TestPki other = TestPki.builder().name("Rogue").clock(CLOCK).build();
        OcspResponse response = OcspResponse.parse(PKI.ocsp(CERT.certificate()).signer(other.ocspResponder()).build());

        assertIncorrect(response, "not authorized");
    }

    @Test
    void responderIssuedByTheCaWithoutOcspSigningIsNotAuthorised() {
        IssuedCert plain = PKI.issue(CertSpec.builder(new X500Principal("CN=plain"))
                .keyUsage(KeyUsage.DIGITAL_SIGNATURE).build());
        OcspResponse response = OcspResponse.parse(PKI.ocsp(CERT.certificate()).signer(plain).build());

        assertIncorrect(response, "not authorized");
    }

    @Test
    void responderClaimingTheCaAsIssuerButSignedByAnotherKeyIsNotAuthorised() {
        TestCa forger = TestCa.of(CA, TestKeys.fresh(KeyType.EC_P256).getPrivate(), List.of(), KeyType.EC_P256, CLOCK);
        IssuedCert fake = forger.issue(CertSpec.builder(new X500Principal("CN=fake responder"))
                .extendedKeyUsage(CertSpec.OCSP_SIGNING).build());
        OcspResponse response = OcspResponse.parse(PKI.ocsp(CERT.certificate()).signer(fake).build());

        assertIncorrect(response, "not authorized");
    }

    @Test
    void unknownResponderIsNotFound() {
        TestPki other = TestPki.builder().name("Unknown").clock(CLOCK).build();
        OcspResponse response = OcspResponse.parse(PKI.ocsp(CERT.certificate()).signer(other.ocspResponder())
                .includeSignerCertificate(false).build());

        assertIncorrect(response, "Could not find OCSP certificate");
    }

    @Test
    void signatureByAnotherKeyIsInvalid() {
        OcspResponse response = OcspResponse.parse(PKI.ocsp(CERT.certificate())
                .signer(CA, TestKeys.fresh(KeyType.RSA_2048).getPrivate()).build());

        assertIncorrect(response, "Signature on OCSP response is not valid");
    }

    @Test
    void responseAboutAnotherCertificateDoesNotApply() {
        OcspResponse response = OcspResponse.parse(PKI.ocsp(CERT.certificate())
                .certIdSerialNumber(BigInteger.TEN).build());

        assertIncorrect(response, "does not apply");
        assertThat(response.isFor(CERT.certificate(), CA)).isFalse();
        assertThat(OcspResponse.find(List.of(response), CERT.certificate(), CA)).isEmpty();
    }

    @Test
    void responseNamingTheWrongIssuerDoesNotApply() {
        OcspResponse response = OcspResponse.parse(PKI.ocsp(CERT.certificate()).build());

        assertFault(() -> VERIFIER.verify(response, CERT.certificate(), PKI.root().certificate(), NOW),
                ErrorCode.INCORRECT_VALIDATION_INFO);
    }

    @Test
    void freshnessIsMeasuredOnThisUpdate() {
        OcspResponse edge = OcspResponse.parse(PKI.ocsp(CERT.certificate()).thisUpdate(NOW.minusSeconds(3600))
                .producedAt(NOW).build());
        OcspResponse stale = OcspResponse.parse(PKI.ocsp(CERT.certificate()).thisUpdate(NOW.minusSeconds(3601))
                .producedAt(NOW).build());

        VERIFIER.verify(edge, CERT.certificate(), CA, NOW);
        assertIncorrect(stale, "too old");
        assertThat(VERIFIER.isExpired(stale, NOW)).isTrue();
        new OcspVerifier(VERIFIER.trust().withFreshnessSeconds(7200)).verify(stale, CERT.certificate(), CA, NOW);
    }

    @Test
    void passedNextUpdateIsRejectedUnlessSwitchedOff() {
        OcspResponse response = OcspResponse.parse(PKI.ocsp(CERT.certificate()).thisUpdate(NOW.minusSeconds(60))
                .nextUpdate(NOW.minusSeconds(1)).build());

        assertIncorrect(response, "nextUpdate");
        new OcspVerifier(VERIFIER.trust().withVerifyNextUpdate(false)).verify(response, CERT.certificate(), CA, NOW);
        VERIFIER.verify(OcspResponse.parse(PKI.ocsp(CERT.certificate()).nextUpdate(NOW).build()),
                CERT.certificate(), CA, NOW);
    }

    @Test
    void validUntilIsTheLastInstantTheTimeChecksPass() {
        OcspResponse response = OcspResponse.parse(PKI.ocsp(CERT.certificate()).thisUpdate(NOW.minusSeconds(600))
                .build());
        Instant until = VERIFIER.validUntil(response);

        assertThat(until).isEqualTo(NOW.minusSeconds(600).plusSeconds(3600));
        VERIFIER.verify(response, CERT.certificate(), CA, until);
        assertThat(VERIFIER.isExpired(response, until.plusSeconds(1))).isTrue();

        OcspResponse soonStale = OcspResponse.parse(PKI.ocsp(CERT.certificate()).nextUpdate(NOW.plusSeconds(60)).build());
        assertThat(VERIFIER.validUntil(soonStale)).isEqualTo(NOW.plusSeconds(60));
        assertThat(new OcspVerifier(VERIFIER.trust().withVerifyNextUpdate(false)).validUntil(soonStale))
                .isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void revokedAndUnknownStatusesAreCertValidation() {
        Instant revokedAt = NOW.minusSeconds(3000);
        OcspResponse revoked = OcspResponse.parse(PKI.ocsp(CERT.certificate()).revoked(revokedAt, 1).build());
        OcspResponse unknown = OcspResponse.parse(PKI.ocsp(CERT.certificate()).unknown().build());

        VERIFIER.verifyValidity(revoked, CERT.certificate(), CA, NOW);
        assertThat(revoked.status()).isEqualTo(new OcspCertStatus.Revoked(revokedAt, Optional.of(1)));
        assertThatThrownBy(() -> VERIFIER.verify(revoked, CERT.certificate(), CA, NOW))
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code().toString()).isEqualTo("CertValidation");
                    assertThat(e.getMessage()).startsWith("OCSP response indicates certificate status is REVOKED");
                });
        assertThatThrownBy(() -> VERIFIER.verify(unknown, CERT.certificate(), CA, NOW))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("OCSP response indicates certificate status is UNKNOWN"));
    }

    @Test
    void nonceIsReadInBothEncodingsAndCanBeRequired() {
        OcspResponse withNonce = OcspResponse.parse(PKI.ocsp(CERT.certificate()).nonce(new byte[] {1, 2, 3}).build());
        OcspResponse without = OcspResponse.parse(PKI.ocsp(CERT.certificate()).build());

        assertThat(withNonce.nonce()).hasValueSatisfying(n -> assertThat(n).containsExactly(1, 2, 3));
        OcspVerifier.verifyNonce(withNonce, new byte[] {1, 2, 3});
        assertFault(() -> OcspVerifier.verifyNonce(withNonce, new byte[] {1, 2, 4}),
                ErrorCode.INCORRECT_VALIDATION_INFO);
        assertFault(() -> OcspVerifier.verifyNonce(without, new byte[] {1}), ErrorCode.INCORRECT_VALIDATION_INFO);
    }

    @Test
    void unsuccessfulAndMalformedResponsesAreRejectedOnParsing() {
        assertThatThrownBy(() -> OcspResponse.parse(OcspResponseBuilder.unsuccessful(OcspResponseBuilder.TRY_LATER)))
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code().toString()).isEqualTo("IncorrectValidationInfo");
                    assertThat(e.getMessage()).contains("tryLater");
                });
        assertFault(() -> OcspResponse.parse(new byte[] {0x30, 0x03, 0x0a, 0x01}), ErrorCode.IO_ERROR);
        assertFault(() -> OcspResponse.parse("not ocsp".getBytes()), ErrorCode.IO_ERROR);
        assertFault(() -> OcspResponse.parse(new byte[OcspResponse.MAX_SIZE + 1]), ErrorCode.IO_ERROR);
    }

    @Test
    void encodedBytesAreKept() {
        byte[] der = PKI.ocsp(CERT.certificate()).build();

        assertThat(OcspResponse.parse(der).encoded()).isEqualTo(der);
    }

    private static void assertIncorrect(OcspResponse response, String messagePart) {
        assertThatThrownBy(() -> VERIFIER.verify(response, CERT.certificate(), CA, NOW))
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code().toString()).isEqualTo("IncorrectValidationInfo");
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }
}
