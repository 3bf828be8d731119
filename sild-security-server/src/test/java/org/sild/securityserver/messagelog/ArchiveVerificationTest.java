package org.sild.securityserver.messagelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.asic.ArchiveChain;
import org.sild.core.asic.AsicVerification;
import org.sild.core.asic.AsicVerifier;
import org.sild.core.asic.VerificationConf;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.id.ServiceId;
import org.sild.core.rest.HttpHeader;
import org.sild.core.rest.RestRequest;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.MessageSigner;
import org.sild.core.signature.SigningKey;
import org.sild.core.transport.MessageType;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.IssuedCert;
import org.sild.testing.TestDatabases;
import org.sild.testing.TestPki;

/**
 * Records signed for real, stamped by the time-stamper (single and batch) and archived: every container in
 * the archives verifies with {@link AsicVerifier} against the verification configuration, and the archives
 * chain.
 */
class ArchiveVerificationTest {

    static final TestPki PKI = StampingFixture.PKI;
    static final IssuedCert SIGNING = PKI.signingCert("GOV", "70000003");
    static final MessageSigner SIGNER = MessageSigner.builder().signingKey(SigningKey.software(SIGNING.privateKey()))
            .certificate(SIGNING.certificate()).extraCertificates(List.of(PKI.intermediate().certificate()))
            .ocspResponses(List.of(PKI.ocsp(SIGNING.certificate()).build(),
                    PKI.ocsp(PKI.intermediate().certificate()).build())).build();
    static final ServiceId SERVICE = StoreMessageLogTest.PERSONS;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void archivedContainersVerifyAndArchivesChain(TestDatabases kind) throws Exception {
        try (var f = new StampingFixture(); var db = TestStore.open(kind)) {
            var tsa = f.tsa();
            SharedParameters shared = shared(tsa.url());
            f.globalConf.publish(shared, f.clock.instant().plus(Duration.ofDays(1)));
            var settings = MessageLogSettings.builder().archiveMaxFileSize(1).build();
            try (var stamper = Timestamper.builder().store(db.store()).globalConf(f.globalConf).settings(settings)
                    .clock(f.clock).build();
                    var log = new StoreMessageLog(db.store(), StoreMessageLog.Settings.defaults(), stamper)) {
                log.append(record(f, "q-single"));
                assertThat(stamper.stampPending()).isEqualTo(1);
                for (int i = 0; i < 3; i++) {
                    log.append(record(f, "q-batch-" + i));
                }
                assertThat(stamper.stampPending()).isEqualTo(3);

                var archiver = new LogArchiver(db.store(), dir, settings, id -> true, new SimpleMeterRegistry());
                List<Path> files = archiver.archive().files();

                assertThat(files).hasSize(4);
                var verifier = new AsicVerifier(VerificationConf.of(List.of(shared)));
                var results = new ArrayList<AsicVerification>();
                var chain = ArchiveChain.startingAfter("");
                for (Path file : files) {
                    assertThat(Files.size(file)).isPositive();
                    chain.next(file, (name, container) -> results.add(verifier.verify(container)));
                }
                assertThat(results).hasSize(4).allSatisfy(r -> assertThat(r.valid()).as(r.reason()).isTrue());
                assertThat(results).extracting(r -> r.checked().orElseThrow().batchTimeStamp())
                        .containsExactly(false, true, true, true);
            }
        }
    }

    private static SharedParameters shared(String tsaUrl) {
        var root = new ApprovedCa.CaInfo(PKI.root().certificate(), List.of(
                new ApprovedCa.OcspResponder("http://127.0.0.1:1/ocsp", Optional.empty(), Optional.empty())));
        var intermediate = new ApprovedCa.CaInfo(PKI.intermediate().certificate(), List.of(
                new ApprovedCa.OcspResponder("http://127.0.0.1:1/ocsp", Optional.empty(), Optional.empty())));
        return SharedParameters.builder(PKI.instance())
                .approvedCa(new ApprovedCa("Test CA", Optional.of(false), root, List.of(intermediate),
                        ProxyHarness.EJBCA, Optional.empty(), Optional.empty()))
                .approvedTsa(new ApprovedTsa("Test TSA", tsaUrl, PKI.tsa().certificate(), Optional.empty()))
                .build();
    }

    private static LogRecord record(StampingFixture f, String queryId) {
        String requestId = UUID.randomUUID().toString();
        RestRequest request = RestRequest.fromClient("GET", "/r1/" + PKI.instance() + "/GOV/70000001/registry/persons",
                Optional.empty(), List.of(new HttpHeader("X-Road-Client", PKI.instance() + "/GOV/70000003/portal"),
                        new HttpHeader("X-Road-Id", queryId)), requestId, () -> queryId);
        byte[] message = request.headerPart();
        return new LogRecord(queryId, requestId, StampingFixture.CLIENT, SERVICE, false, MessageType.REST, message,
                Optional.empty(), SIGNER.sign(MessageParts.of(message)), f.clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
