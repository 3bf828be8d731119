package org.sild.securityserver.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.securityserver.signer.Faults.assertFault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.CertHashes;
import org.sild.core.pki.OcspResponse;
import org.sild.testing.TestPki;

class OwnOcspResponsesTest {

    @TempDir
    Path dir;

    private SignerTestBed bed;
    private X509Certificate auth;
    private X509Certificate sign;

    @BeforeEach
    void setUp() {
        bed = new SignerTestBed(dir);
        auth = bed.certifiedAuthKey(KeyAlgorithm.EC_P256).certificate().orElseThrow();
        sign = bed.certifiedSigningKey(SignerTestBed.OWNER, KeyAlgorithm.EC_P256).certificate().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    private Instant now() {
        return bed.clock.instant();
    }

    @Test
    void fetchesVerifiesPersistsAndServesTheResponsesOfEveryOwnCertificateAndItsCa() throws Exception {
        bed.ocsp.refresh();
        X509Certificate intermediate = bed.pki.intermediate().certificate();

        OwnOcspResponses.Evidence evidence = bed.ocsp.evidence(auth, now());
        assertThat(evidence.path()).containsExactly(auth, intermediate);
        assertThat(OcspResponse.parse(evidence.ocspResponses().get(0)).isFor(auth, intermediate)).isTrue();
        assertThat(OcspResponse.parse(evidence.ocspResponses().get(1)).isFor(intermediate, bed.pki.root().certificate()))
                .isTrue();
        assertThat(bed.ocsp.evidence(sign, now()).path()).containsExactly(sign, intermediate);
        assertThat(bed.responder.requests()).isEqualTo(3);

        assertThat(bed.ocsp.response(CertHashes.sha1Hex(auth), now())).hasValue(evidence.ocspResponses().get(0));
        assertThat(bed.ocsp.response(CertHashes.sha256Hex(auth), now())).hasValue(evidence.ocspResponses().get(0));
        assertThat(bed.ocsp.response(CertHashes.sha1Hex(bed.pki.root().certificate()), now())).isEmpty();
        assertThat(persisted()).containsExactlyInAnyOrder(CertHashes.sha256Hex(auth) + ".der",
                CertHashes.sha256Hex(sign) + ".der", CertHashes.sha256Hex(intermediate) + ".der");
        assertThat(bed.ocsp.statuses(now())).hasSize(3).allSatisfy(s -> {
            assertThat(s.fresh()).isTrue();
            assertThat(s.problem()).isEmpty();
            assertThat(s.thisUpdate()).isPresent();
        });
        assertThat(bed.ocsp.nextRefresh()).isEqualTo(now().plusSeconds(1200));
    }

    @Test
    void aRestartServesThePersistedResponsesWithoutAskingTheResponder() {
        bed.ocsp.refresh();
        bed.responder.down(true);
        int asked = bed.responder.requests();
        bed.clock.advance(Duration.ofMinutes(10));
        try (SoftwareToken token = SoftwareToken.open(dir.resolve("token"), SignerTestBed.PIN, new SecureRandom(),
                bed.clock); OwnOcspResponses restarted = bed.ocsp(token)) {
            assertFault(() -> restarted.evidence(auth, now()), ErrorCode.CERT_VALIDATION);
            restarted.load();
            assertThat(restarted.evidence(auth, now()).ocspResponses()).hasSize(2);
            assertThat(restarted.evidence(sign, now()).ocspResponses()).hasSize(2);
        }
        assertThat(bed.responder.requests()).isEqualTo(asked);
    }

    @Test
    void aStaleResponseIsNeverServed() {
        bed.ocsp.refresh();
        bed.clock.advance(Duration.ofSeconds(3601));
        assertFault(() -> bed.ocsp.evidence(auth, now()), ErrorCode.CERT_VALIDATION).hasMessageContaining("no longer fresh");
        assertThat(bed.ocsp.response(CertHashes.sha1Hex(auth), now())).isEmpty();
        assertThat(bed.ocsp.statuses(now())).noneMatch(OcspStatus::fresh);
        bed.ocsp.refresh();
        assertThat(bed.ocsp.evidence(auth, now()).ocspResponses()).hasSize(2);
    }

    @Test
    void aPassedNextUpdateEndsAResponseAndIsRefreshedBefore() {
        bed.responder.nextUpdate(Duration.ofMinutes(10));
        bed.ocsp.refresh();
        assertThat(bed.ocsp.nextRefresh()).isEqualTo(now().plus(Duration.ofSeconds(450)));
        bed.clock.advance(Duration.ofMinutes(11));
        assertFault(() -> bed.ocsp.evidence(sign, now()), ErrorCode.CERT_VALIDATION).hasMessageContaining("no longer fresh");
    }

    @Test
    void aRevokedCertificateLosesItsResponse() {
        bed.ocsp.refresh();
        bed.responder.revoke(sign);
        bed.clock.advance(Duration.ofMinutes(1));
        bed.ocsp.refresh();
        assertFault(() -> bed.ocsp.evidence(sign, now()), ErrorCode.CERT_VALIDATION).hasMessageContainingAll("REVOKED", "says the status of");
        assertThat(persisted()).doesNotContain(CertHashes.sha256Hex(sign) + ".der");
        assertThat(bed.ocsp.statuses(now())).anySatisfy(s -> {
            assertThat(s.certificate()).isEqualTo(sign);
            assertThat(s.problem()).hasValueSatisfying(p -> assertThat(p).containsIgnoringCase("revoked"));
        });
        assertThat(bed.ocsp.evidence(auth, now()).ocspResponses()).hasSize(2);
        assertThat(bed.ocsp.nextRefresh()).isEqualTo(now().plusSeconds(30));
    }

    @Test
    void whileTheResponderIsDownTheOldResponseServesUntilStaleAndRetriesComeSooner() {
        bed.ocsp.refresh();
        bed.responder.down(true);
        bed.clock.advance(Duration.ofSeconds(100));
        bed.ocsp.refresh();
        assertThat(bed.ocsp.evidence(auth, now()).ocspResponses()).hasSize(2);
        assertThat(bed.ocsp.nextRefresh()).isEqualTo(now().plusSeconds(30));
        assertThat(bed.ocsp.statuses(now())).allSatisfy(s -> {
            assertThat(s.fresh()).isTrue();
            assertThat(s.problem()).hasValueSatisfying(p -> assertThat(p).contains("HTTP 503"));
        });
    }

    @Test
    void theFetchIntervalAndTheFreshnessLimitPlanTheNextRefresh() {
        bed.globalConf.set(bed.conf(3600, Optional.of(600)));
        bed.ocsp.refresh();
        assertThat(bed.ocsp.nextRefresh()).isEqualTo(now().plusSeconds(600));
        bed.globalConf.set(bed.conf(3600, Optional.of(10)));
        bed.ocsp.refresh();
        assertThat(bed.ocsp.nextRefresh()).as("at least 60 s").isEqualTo(now().plusSeconds(60));
        bed.globalConf.set(bed.conf(400, Optional.empty()));
        bed.ocsp.refresh();
        assertThat(bed.ocsp.nextRefresh()).as("three quarters of 400 s").isEqualTo(now().plusSeconds(300));
    }

    @Test
    void aNewGlobalConfigurationIsAppliedToResponsesVerifiedUnderTheOldOne() {
        bed.ocsp.refresh();
        bed.clock.advance(Duration.ofSeconds(120));
        assertThat(bed.ocsp.evidence(auth, now()).ocspResponses()).hasSize(2);
        bed.globalConf.set(bed.conf(60, Optional.empty()));
        assertFault(() -> bed.ocsp.evidence(auth, now()), ErrorCode.CERT_VALIDATION).hasMessageContaining("too old");
    }

    @Test
    void aCertificateWithoutPathToAnApprovedCaIsReported() {
        TestPki other = TestPki.builder().name("Other CA").instance("DEV").clock(bed.clock).build();
        TokenKey key = bed.token.generateKey(KeyPurpose.SIGNING, Optional.of(SignerTestBed.OTHER), KeyAlgorithm.EC_P256, "x");
        var cert = other.issue(other.signingSpec(CertificateRequests.signingSubject(SignerTestBed.OTHER))
                .keyPair(new java.security.KeyPair(key.publicKey(), null)).build());
        bed.token.importCertificate(cert.chain());
        bed.ocsp.refresh();
        assertFault(() -> bed.ocsp.evidence(cert.certificate(), now()), ErrorCode.CERT_VALIDATION)
                .hasMessageContaining("certificate path does not verify");
        assertThat(bed.ocsp.statuses(now())).anySatisfy(s -> assertThat(s.problem()).isPresent());
        assertThat(bed.ocsp.evidence(sign, now()).ocspResponses()).hasSize(2);
    }

    @Test
    void respondersThatCannotAnswerAreNamed() {
        bed.globalConf.set(TestGlobalConf.of(bed.pki, List.of(), 3600, Optional.empty(), true));
        bed.ocsp.refresh();
        assertFault(() -> bed.ocsp.evidence(auth, now()), ErrorCode.CERT_VALIDATION)
                .hasMessageContaining("lists no OCSP responder");
        bed.globalConf.set(TestGlobalConf.of(bed.pki, List.of("http://[broken", bed.responder.url()), 3600,
                Optional.empty(), true));
        bed.ocsp.refresh();
        assertThat(bed.ocsp.evidence(auth, now()).ocspResponses()).as("the second responder answers").hasSize(2);

        TokenKey key = bed.token.generateKey(KeyPurpose.SIGNING, Optional.of(SignerTestBed.OTHER), KeyAlgorithm.EC_P256, "y");
        var unknown = bed.issue(CertificateRequests.signing(bed.token, key.id()), false);
        bed.token.importCertificate(unknown.chain());
        bed.ocsp.refresh();
        assertFault(() -> bed.ocsp.evidence(unknown.certificate(), now()), ErrorCode.CERT_VALIDATION)
                .hasMessageContaining("unauthorized").hasMessageContaining("is not a URL");
    }

    @Test
    void withoutValidGlobalConfigurationNothingIsFetched() {
        try (OwnOcspResponses ocsp = OwnOcspResponses.builder().token(bed.token)
                .globalConf(at -> {
                    throw new XRoadException(ErrorCode.OUTDATED_GLOBAL_CONF, "expired");
                })
                .transport((u, r) -> new byte[0]).directory(dir.resolve("x"))
                .clock(bed.clock).build()) {
            assertFault(ocsp::refresh, ErrorCode.OUTDATED_GLOBAL_CONF);
            assertThat(ocsp.nextRefresh()).isEqualTo(now().plusSeconds(30));
        }
    }

    @Test
    void theBackgroundLoopFetchesAtOnceAndOnDemand() throws Exception {
        bed.ocsp.start();
        awaitEvidence(bed.ocsp, sign);
        TokenKey key = bed.token.generateKey(KeyPurpose.SIGNING, Optional.of(SignerTestBed.OTHER), KeyAlgorithm.EC_P256, "z");
        var later = bed.issue(CertificateRequests.signing(bed.token, key.id()), false);
        bed.responder.register(later.certificate());
        bed.token.importCertificate(later.chain());
        bed.ocsp.refreshNow();
        awaitEvidence(bed.ocsp, later.certificate());
        bed.ocsp.close();
        Thread.sleep(100);
        int asked = bed.responder.requests();
        bed.ocsp.refreshNow();
        Thread.sleep(100);
        assertThat(bed.responder.requests()).isEqualTo(asked);
    }

    private void awaitEvidence(OwnOcspResponses ocsp, X509Certificate cert) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                ocsp.evidence(cert, now());
                return;
            } catch (XRoadException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    private List<String> persisted() {
        try (Stream<Path> files = Files.list(dir.resolve("ocsp"))) {
            return files.map(f -> f.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
