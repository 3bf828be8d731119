package org.sild.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.testing.CertSpec;
import org.sild.testing.IssuedCert;
import org.sild.testing.KeyType;
import org.sild.testing.KeyUsage;
import org.sild.testing.TestCa;
import org.sild.testing.TestKeys;
import org.sild.testing.TestPki;

class CertChainVerifierTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TestPki PKI = TestPki.builder().clock(CLOCK).build();
    private static final IssuedCert AUTH = PKI.authCert("SS1");
    private static final CertChainVerifier VERIFIER = new CertChainVerifier(List.of(PKI.root().certificate()));
    private static final OcspVerifier OCSP = new OcspVerifier(OcspTrust.of(List.of(
            TrustedCa.of(PKI.root().certificate()), TrustedCa.of(PKI.intermediate().certificate()))));

    @Test
    void buildsThePathThroughTheIntermediateToTheApprovedCa() {
        CertChain chain = VERIFIER.verify(AUTH.certificate(), List.of(PKI.intermediate().certificate()), NOW);

        assertThat(chain.certificates()).containsExactly(AUTH.certificate(), PKI.intermediate().certificate());
        assertThat(chain.trustAnchor()).isEqualTo(PKI.root().certificate());
        assertThat(chain.endEntity()).isEqualTo(AUTH.certificate());
        assertThat(chain.issuerOf(0)).isEqualTo(PKI.intermediate().certificate());
        assertThat(chain.issuerOf(1)).isEqualTo(PKI.root().certificate());
        assertThat(chain.withTrustAnchor()).containsExactlyElementsOf(AUTH.chain());
    }

    @Test
    void theIntermediateCanBeTheApprovedCaItself() {
        var verifier = new CertChainVerifier(List.of(PKI.intermediate().certificate()));

        CertChain chain = verifier.verify(AUTH.certificate(), List.of(), NOW);

        assertThat(chain.certificates()).containsExactly(AUTH.certificate());
        assertThat(chain.trustAnchor()).isEqualTo(PKI.intermediate().certificate());
    }

    @Test
    void missingIntermediateCannotCreatePath() {
        assertFault(() -> VERIFIER.verify(AUTH.certificate(), List.of(), NOW), ErrorCode.CANNOT_CREATE_CERT_PATH);
    }

    @Test
    void certificateOfAnotherPkiCannotCreatePath() {
        TestPki other = TestPki.builder().name("Other").clock(CLOCK).build();
        IssuedCert foreign = other.authCert("SS1");

        assertFault(() -> VERIFIER.verify(foreign.certificate(), List.of(other.intermediate().certificate()), NOW),
                ErrorCode.CANNOT_CREATE_CERT_PATH);
    }

    @Test
    void forgedIssuerSignatureCannotCreatePath() {
        // Same issuer name as the real intermediate, but signed with another key.
        TestCa forger = TestCa.of(PKI.intermediate().certificate(), TestKeys.fresh(KeyType.EC_P256)
                .getPrivate(), List.of(PKI.root().certificate()), KeyType.EC_P256, CLOCK);
        IssuedCert forged = forger.issue(CertSpec.builder(new X500Principal("CN=forged")).build());

        assertFault(() -> VERIFIER.verify(forged.certificate(), List.of(PKI.intermediate().certificate()), NOW),
                ErrorCode.CANNOT_CREATE_CERT_PATH);
    }

    @Test
    void noApprovedCasCannotCreatePath() {
        assertFault(() -> new CertChainVerifier(List.of()).verify(AUTH.certificate(), List.of(), NOW),
                ErrorCode.CANNOT_CREATE_CERT_PATH);
    }

    @Test
    void expiredOrNotYetValidEndEntityIsCertValidityTime() {
        IssuedCert expired = PKI.issue(PKI.authSpec(new X500Principal("CN=old")).expiredAt(NOW).build());
        IssuedCert future = PKI.issue(PKI.authSpec(new X500Principal("CN=new")).notYetValidAt(NOW).build());

        assertFault(() -> VERIFIER.verify(expired.certificate(), expired.issuers(), NOW), ErrorCode.CERT_VALIDITY_TIME);
        assertFault(() -> VERIFIER.verify(future.certificate(), future.issuers(), NOW), ErrorCode.CERT_VALIDITY_TIME);
        assertThat(VERIFIER.verify(expired.certificate(), expired.issuers(), NOW.minus(Duration.ofDays(30))))
                .isNotNull();
        assertThat(VERIFIER.verify(future.certificate(), future.issuers(), NOW.plus(Duration.ofDays(30))))
                .isNotNull();
    }

    @Test
    void expiredIntermediateCannotCreatePath() {
        IssuedCert oldCa = PKI.root().issue(CertSpec.builder(new X500Principal("CN=Old CA"))
                .keyUsage(KeyUsage.KEY_CERT_SIGN).ca(0).validity(NOW.minus(Duration.ofDays(400)), NOW.minusSeconds(60))
                .build());
        TestCa ca = TestCa.of(oldCa.certificate(), oldCa.privateKey(), List.of(PKI.root().certificate()),
                KeyType.RSA_2048, CLOCK);
        IssuedCert leaf = ca.issue(CertSpec.builder(new X500Principal("CN=leaf of old CA")).build());

        assertFault(() -> VERIFIER.verify(leaf.certificate(), leaf.issuers(), NOW), ErrorCode.CANNOT_CREATE_CERT_PATH);
    }

    @Test
    void caWithoutBasicConstraintsCannotCreatePath() {
        IssuedCert notCa = PKI.root().issue(CertSpec.builder(new X500Principal("CN=Not a CA")).build());
        TestCa ca = TestCa.of(notCa.certificate(), notCa.privateKey(), List.of(PKI.root().certificate()),
                KeyType.RSA_2048, CLOCK);
        IssuedCert leaf = ca.issue(CertSpec.builder(new X500Principal("CN=leaf of non-CA")).build());

        assertFault(() -> VERIFIER.verify(leaf.certificate(), leaf.issuers(), NOW), ErrorCode.CANNOT_CREATE_CERT_PATH);
    }

    @Test
    void withGoodOcspForEveryCertificateBelowTheAnchor() {
        var responses = List.of(
                OcspResponse.parse(PKI.ocsp(AUTH.certificate()).build()),
                OcspResponse.parse(PKI.ocsp(PKI.intermediate().certificate()).build()));

        CertChain chain = VERIFIER.verify(AUTH.certificate(), AUTH.issuers(), responses, OCSP, NOW);

        assertThat(chain.endEntity()).isEqualTo(AUTH.certificate());
    }

    @Test
    void validUntilIsTheEarliestExpiryOfTheChainAndItsOcspResponses() {
        Instant older = NOW.minusSeconds(1200);
        var responses = List.of(
                OcspResponse.parse(PKI.ocsp(AUTH.certificate()).build()),
                OcspResponse.parse(PKI.ocsp(PKI.intermediate().certificate()).thisUpdate(older).build()));
        CertChain chain = VERIFIER.verify(AUTH.certificate(), AUTH.issuers(), responses, OCSP, NOW);

        Instant until = CertChainVerifier.validUntil(chain, responses, OCSP);

        assertThat(until).isEqualTo(older.plusSeconds(3600));
        VERIFIER.verify(AUTH.certificate(), AUTH.issuers(), responses, OCSP, until);
        assertFault(() -> VERIFIER.verify(AUTH.certificate(), AUTH.issuers(), responses, OCSP, until.plusSeconds(1)),
                ErrorCode.INVALID_CERT_PATH, ErrorCode.INCORRECT_VALIDATION_INFO);
        assertFault(() -> CertChainVerifier.validUntil(chain, responses.subList(0, 1), OCSP), ErrorCode.CERT_VALIDATION);
    }

    @Test
    void ocspFaultsArePrefixedInvalidCertPath() {
        var intermediateGood = OcspResponse.parse(PKI.ocsp(PKI.intermediate().certificate()).build());
        var revoked = OcspResponse.parse(PKI.ocsp(AUTH.certificate()).revoked(NOW.minusSeconds(10)).build());
        var stale = OcspResponse.parse(PKI.ocsp(AUTH.certificate()).thisUpdate(NOW.minusSeconds(3601)).build());

        assertFault(() -> VERIFIER.verify(AUTH.certificate(), AUTH.issuers(), List.of(revoked, intermediateGood),
                OCSP, NOW), ErrorCode.INVALID_CERT_PATH, ErrorCode.CERT_VALIDATION);
        assertFault(() -> VERIFIER.verify(AUTH.certificate(), AUTH.issuers(), List.of(stale, intermediateGood),
                OCSP, NOW), ErrorCode.INVALID_CERT_PATH, ErrorCode.INCORRECT_VALIDATION_INFO);
        assertFault(() -> VERIFIER.verify(AUTH.certificate(), AUTH.issuers(),
                List.of(OcspResponse.parse(PKI.ocsp(AUTH.certificate()).build())), OCSP, NOW),
                ErrorCode.INVALID_CERT_PATH, ErrorCode.CERT_VALIDATION);
    }

    static void assertFault(Runnable call, ErrorCode... code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(code)));
    }
}
