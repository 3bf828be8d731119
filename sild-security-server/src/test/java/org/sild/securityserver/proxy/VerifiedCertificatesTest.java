package org.sild.securityserver.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sild.core.id.MemberId;
import org.sild.core.signature.SignerEvidence;
import org.sild.testing.IssuedCert;
import org.sild.testing.TestPki;

class VerifiedCertificatesTest {

    private static final TestPki PKI = TestPki.create();
    private static final MemberId MEMBER = new MemberId("DEV", "GOV", "1");
    private static final IssuedCert CERT = PKI.signingCert("GOV", "1");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant UNTIL = T0.plus(Duration.ofMinutes(20));

    private final VerifiedCertificates cache = new VerifiedCertificates();
    private final Object conf = new Object();

    private static SignerEvidence evidence(byte[] ocsp, Instant at) {
        return new SignerEvidence(CERT.certificate(), List.of(PKI.intermediate().certificate()), List.of(ocsp), MEMBER, at);
    }

    @Test
    void holdsForTheSameEvidenceAndConfigurationWithinItsSpan() {
        byte[] ocsp = PKI.ocsp(CERT.certificate()).build();
        cache.remember(conf, evidence(ocsp, T0), UNTIL);

        assertThat(cache.verified(conf, evidence(ocsp, T0))).isTrue();
        assertThat(cache.verified(conf, evidence(ocsp.clone(), UNTIL))).as("same bytes, end of the span").isTrue();
        assertThat(cache.verified(conf, evidence(ocsp, UNTIL.plusMillis(1)))).as("past the span").isFalse();
        assertThat(cache.verified(conf, evidence(ocsp, T0.minusMillis(1)))).as("before it was verified").isFalse();
        assertThat(cache.verified(new Object(), evidence(ocsp, T0))).as("another configuration").isFalse();
    }

    @Test
    void otherEvidenceIsNotCovered() {
        byte[] good = PKI.ocsp(CERT.certificate()).build();
        byte[] revoked = PKI.ocsp(CERT.certificate()).revoked(T0.minusSeconds(60)).build();
        cache.remember(conf, evidence(good, T0), UNTIL);

        assertThat(cache.verified(conf, evidence(revoked, T0))).isFalse();
        var otherSigner = new SignerEvidence(CERT.certificate(), List.of(PKI.intermediate().certificate()),
                List.of(good), new MemberId("DEV", "GOV", "2"), T0);
        assertThat(cache.verified(conf, otherSigner)).isFalse();
        var noIntermediate = new SignerEvidence(CERT.certificate(), List.of(), List.of(good), MEMBER, T0);
        assertThat(cache.verified(conf, noIntermediate)).isFalse();
    }

    @Test
    void startsAgainWhenFull() {
        for (int i = 0; i < VerifiedCertificates.MAX_ENTRIES; i++) {
            cache.remember(conf, evidence(new byte[] {(byte) i, (byte) (i >> 8)}, T0), UNTIL);
        }
        assertThat(cache.size()).isEqualTo(VerifiedCertificates.MAX_ENTRIES);
        cache.remember(conf, evidence(new byte[] {1, 2, 3}, T0), UNTIL);
        assertThat(cache.size()).isEqualTo(1);
    }
}
