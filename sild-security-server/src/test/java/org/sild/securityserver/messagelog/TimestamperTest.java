package org.sild.securityserver.messagelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.hashchain.Digest;
import org.sild.core.hashchain.HashChainFiles;
import org.sild.core.hashchain.HashChainVerifier;
import org.sild.core.pki.TimeStampToken;
import org.sild.core.pki.TimeStampVerifier;
import org.sild.core.signature.XadesSignature;
import org.sild.runtime.store.Store;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

class TimestamperTest {

    static final FaultCode REFUSED = FaultCode.of(ErrorCode.LOGGING_FAILED, ErrorCode.TIMESTAMPER_FAILED);
    static final TimeStampVerifier TSA_VERIFIER = new TimeStampVerifier(List.of(StampingFixture.PKI.tsa().certificate()));

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void oneRecordGetsASingleTimeStampSeveralABatch(TestDatabases kind) {
        try (var f = new StampingFixture(); var db = TestStore.open(kind)) {
            var tsa = f.tsa();
            f.approve(tsa.url());
            try (var stamper = stamper(f, db.store(), MessageLogSettings.defaults());
                    var log = new StoreMessageLog(db.store(), StoreMessageLog.Settings.defaults(), stamper)) {
                LogRecord alone = f.record("q-single");
                log.append(alone);
                assertThat(stamper.stampPending()).isEqualTo(1);
                assertThat(stamper.stampPending()).as("nothing left").isZero();

                LogEntry single = log.findByQueryId("q-single").getFirst();
                TimestampRecord ts = log.findTimestamp(single.timestampRecord().orElseThrow()).orElseThrow();
                assertThat(ts.isBatch()).isFalse();
                assertThat(single.timestampHashChain()).isEmpty();
                var signature = XadesSignature.parse(single.record().signature().signatureXml());
                assertThat(signature.timeStamp()).hasValueSatisfying(t -> assertThat(t).isEqualTo(ts.token()));
                byte[] signatureValue = XadesSignature.parse(alone.signature().signatureXml()).signatureValue();
                assertThat(signature.signatureValue()).isEqualTo(signatureValue);
                assertThat(TSA_VERIFIER.verifyToken(ts.token(), signatureValue).genTime()).isNotNull();
                var token = TimeStampToken.parse(ts.token());
                assertThat(token.digestAlgorithm()).isEqualTo(DigestAlgorithm.SHA512);
                assertThat(token.certificates()).as("TSA certificate added").contains(StampingFixture.PKI.tsa().certificate());
                assertThat(single.signatureHash()).as("recomputed over the stamped signature")
                        .isEqualTo(DigestAlgorithm.SHA512.base64Digest(single.record().signature().signatureXml()));

                for (int i = 0; i < 3; i++) {
                    log.append(f.record("q-batch-" + i));
                }
                assertThat(stamper.stampPending()).isEqualTo(3);
                List<LogEntry> batch = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    batch.add(log.findByQueryId("q-batch-" + i).getFirst());
                }
                long batchTs = batch.getFirst().timestampRecord().orElseThrow();
                assertThat(batch).allSatisfy(e -> assertThat(e.timestampRecord()).contains(batchTs));
                TimestampRecord batchRecord = log.findTimestamp(batchTs).orElseThrow();
                byte[] result = batchRecord.hashChainResult().orElseThrow();
                assertThat(new String(result, StandardCharsets.UTF_8)).contains("URI=\"/ts-hashchain.xml#STEP0\"");
                TSA_VERIFIER.verifyToken(batchRecord.token(), result);
                for (LogEntry e : batch) {
                    byte[] signatureXml = e.record().signature().signatureXml();
                    assertThat(XadesSignature.parse(signatureXml).timeStamp()).as("batch: signature unchanged").isEmpty();
                    byte[] chain = e.timestampHashChain().orElseThrow();
                    var verification = HashChainVerifier.builder()
                            .resolver(uri -> uri.equals(HashChainFiles.TIMESTAMP.chainName()) ? Optional.of(chain)
                                    : Optional.empty())
                            .input(HashChainFiles.TIMESTAMP.dataRef(), Digest.of(DigestAlgorithm.SHA512, signatureXml))
                            .build().verify(result);
                    assertThat(verification.unverifiedDataRefs()).isEmpty();
                }
                assertThat(tsa.requests).hasValue(2);
            }
        }
    }

    @Test
    void tsasAreTriedInOrder() {
        try (var f = new StampingFixture(); var db = TestStore.open(TestDatabases.H2)) {
            var first = f.tsa();
            var second = f.tsa();
            first.down = true;
            f.approve(first.url(), second.url());
            try (var stamper = stamper(f, db.store(), MessageLogSettings.defaults());
                    var log = new StoreMessageLog(db.store(), StoreMessageLog.Settings.defaults(), stamper)) {
                log.append(f.record("q-1"));
                log.append(f.record("q-2"));
                assertThat(stamper.stampPending()).isEqualTo(2);
                assertThat(first.requests).hasValue(1);
                assertThat(second.requests).hasValue(1);
                second.down = true;
                log.append(f.record("q-3"));
                assertThatThrownBy(stamper::stampPending).isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.TIMESTAMPING_FAILED));
                    assertThat(e.getMessage()).contains(first.url()).contains(second.url()).contains("HTTP 500");
                });
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void failurePeriodRefusesNewRecordsUntilStampingRecovers(TestDatabases kind) throws Exception {
        try (var f = new StampingFixture(); var db = TestStore.open(kind)) {
            var tsa = f.tsa();
            f.approve(tsa.url());
            var settings = MessageLogSettings.builder().acceptableTimestampFailurePeriod(Duration.ofHours(1)).build();
            var metrics = new SimpleMeterRegistry();
            try (var stamper = Timestamper.builder().store(db.store()).globalConf(f.globalConf).settings(settings)
                    .clock(f.clock).metrics(metrics).build();
                    var log = new StoreMessageLog(db.store(), StoreMessageLog.Settings.defaults(), stamper)) {
                tsa.down = true;
                log.append(f.record("before"));
                var failedAt = f.clock.instant();
                assertFault(stamper::stampPending, FaultCode.of(ErrorCode.TIMESTAMPING_FAILED));
                assertThat(stamper.failingSince()).isPresent();
                assertThat(stamper.failingSince().orElseThrow()).isBeforeOrEqualTo(failedAt);

                f.clock.advance(Duration.ofMinutes(30));
                log.append(f.record("within-period"));
                assertFault(stamper::stampPending, FaultCode.of(ErrorCode.TIMESTAMPING_FAILED));
                assertThat(stamper.healthCheck().check().healthy()).as("within the period").isTrue();

                f.clock.advance(Duration.ofMinutes(31));
                assertFault(() -> log.append(f.record("refused")), REFUSED);
                assertThat(log.findByQueryId("refused")).as("refused before storing").isEmpty();
                assertThat(stamper.healthCheck().check().healthy()).isFalse();
                assertThat(metrics.get(Timestamper.FAILURES).counter().count()).isEqualTo(2);
                assertThat(metrics.get(Timestamper.PENDING).gauge().value()).isEqualTo(2);

                tsa.down = false;
                assertThat(stamper.stampPending()).as("the backlog").isEqualTo(2);
                assertThat(stamper.failingSince()).isEmpty();
                log.append(f.record("after"));
                assertThat(stamper.stampPending()).isEqualTo(1);
                assertThat(pending(db.store())).isZero();
                assertThat(metrics.get(Timestamper.STAMPED).counter().count()).isEqualTo(3);
                assertThat(metrics.get(Timestamper.LAST_SUCCESS).gauge().value())
                        .isEqualTo(f.clock.instant().getEpochSecond());
                assertThat(stamper.healthCheck().check().healthy()).isTrue();
            }
        }
    }

    @Test
    void aZeroFailurePeriodNeverRefuses() {
        try (var f = new StampingFixture(); var db = TestStore.open(TestDatabases.H2)) {
            var tsa = f.tsa();
            tsa.down = true;
            f.approve(tsa.url());
            var settings = MessageLogSettings.builder().acceptableTimestampFailurePeriod(Duration.ZERO).build();
            try (var stamper = stamper(f, db.store(), settings);
                    var log = new StoreMessageLog(db.store(), StoreMessageLog.Settings.defaults(), stamper)) {
                log.append(f.record("a"));
                assertFault(stamper::stampPending, FaultCode.of(ErrorCode.TIMESTAMPING_FAILED));
                f.clock.advance(Duration.ofDays(30));
                f.approve(tsa.url());
                assertFault(stamper::stampPending, FaultCode.of(ErrorCode.TIMESTAMPING_FAILED));
                log.append(f.record("b"));
                assertThat(log.findByQueryId("b")).hasSize(1);
            }
        }
    }

    @Test
    void withoutApprovedTsasNothingIsLoggedAndAnExpiredConfigurationFailsStamping() {
        try (var f = new StampingFixture(); var db = TestStore.open(TestDatabases.H2)) {
            var tsa = f.tsa();
            f.approve();
            try (var stamper = stamper(f, db.store(), MessageLogSettings.defaults());
                    var log = new StoreMessageLog(db.store(), StoreMessageLog.Settings.defaults(), stamper)) {
                assertThatThrownBy(() -> log.append(f.record("no-tsa"))).isInstanceOfSatisfying(XRoadException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(REFUSED);
                            assertThat(e.getMessage()).contains("no timestamping services configured");
                        });
                assertThat(log.findByQueryId("no-tsa")).isEmpty();

                f.approve(tsa.url());
                log.append(f.record("ok"));
                f.clock.advance(Duration.ofDays(2));
                assertFault(stamper::stampPending, FaultCode.of(ErrorCode.OUTDATED_GLOBAL_CONF));
                assertThat(stamper.failingSince()).isPresent();
                assertThat(tsa.requests).hasValue(0);
            }
        }
    }

    @Test
    void theRecordsLimitSplitsTheBacklogIntoBatches() {
        try (var f = new StampingFixture(); var db = TestStore.open(TestDatabases.H2)) {
            var tsa = f.tsa();
            f.approve(tsa.url());
            var settings = MessageLogSettings.builder().timestampRecordsLimit(2).build();
            try (var stamper = stamper(f, db.store(), settings);
                    var log = new StoreMessageLog(db.store(), StoreMessageLog.Settings.defaults(), stamper)) {
                for (int i = 0; i < 5; i++) {
                    log.append(f.record("r-" + i));
                }
                assertThat(stamper.stampPending()).isEqualTo(5);
                assertThat(tsa.requests).hasValue(3);
                var stamps = new ArrayList<Long>();
                for (int i = 0; i < 5; i++) {
                    stamps.add(log.findByQueryId("r-" + i).getFirst().timestampRecord().orElseThrow());
                }
                assertThat(stamps.get(0)).isEqualTo(stamps.get(1));
                assertThat(stamps.get(2)).isEqualTo(stamps.get(3)).isNotEqualTo(stamps.get(0));
                assertThat(stamps.get(4)).isNotEqualTo(stamps.get(2));
                assertThat(log.findTimestamp(stamps.get(0)).orElseThrow().isBatch()).isTrue();
                assertThat(log.findTimestamp(stamps.get(4)).orElseThrow().isBatch()).as("the last one alone").isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void immediateModeStampsWhileLoggingAndFailsTheExchangeWhenItCannot(TestDatabases kind) throws Exception {
        try (var f = new StampingFixture(); var db = TestStore.open(kind)) {
            var tsa = f.tsa();
            f.approve(tsa.url());
            var settings = MessageLogSettings.builder().timestampImmediately(true).build();
            try (var stamper = stamper(f, db.store(), settings);
                    var log = new StoreMessageLog(db.store(), StoreMessageLog.Settings.defaults(), stamper)) {
                var futures = new ArrayList<Future<?>>();
                try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < 20; i++) {
                        LogRecord r = f.record("now-" + i);
                        futures.add(executor.submit((Callable<Void>) () -> {
                            log.append(r);
                            return null;
                        }));
                    }
                }
                for (Future<?> future : futures) {
                    future.get();
                }
                var stamps = new HashSet<Long>();
                for (int i = 0; i < 20; i++) {
                    LogEntry e = log.findByQueryId("now-" + i).getFirst();
                    stamps.add(e.timestampRecord().orElseThrow());
                    assertThat(XadesSignature.parse(e.record().signature().signatureXml()).timeStamp()).isPresent();
                }
                assertThat(stamps).as("one single time-stamp each").hasSize(20);

                tsa.down = true;
                assertFault(() -> log.append(f.record("tsa-down")),
                        FaultCode.of(ErrorCode.LOGGING_FAILED, ErrorCode.TIMESTAMPING_FAILED));
                assertThat(log.findByQueryId("tsa-down").getFirst().timestampRecord()).as("logged, stamped later")
                        .isEmpty();
                tsa.down = false;
                assertThat(stamper.stampPending()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void pendingRecordsSurviveARestartAndCountTowardTheFailurePeriod(TestDatabases kind) {
        try (var f = new StampingFixture(); var db = TestStore.open(kind)) {
            var tsa = f.tsa();
            f.approve(tsa.url());
            tsa.down = true;
            var settings = MessageLogSettings.builder().acceptableTimestampFailurePeriod(Duration.ofHours(1)).build();
            var loggedAt = f.clock.instant();
            try (var stamper = stamper(f, db.store(), settings);
                    var log = new StoreMessageLog(db.store(), StoreMessageLog.Settings.defaults(), stamper)) {
                log.append(f.record("p-1"));
                log.append(f.record("p-2"));
            }
            f.clock.advance(Duration.ofHours(2));
            try (Store again = TestStore.openStore(db.database());
                    var stamper = stamper(f, again, settings);
                    var log = new StoreMessageLog(again, StoreMessageLog.Settings.defaults(), stamper)) {
                log.append(f.record("p-3"));
                assertFault(stamper::stampPending, FaultCode.of(ErrorCode.TIMESTAMPING_FAILED));
                assertThat(stamper.failingSince()).as("the oldest pending record bounds the streak")
                        .hasValueSatisfying(t -> assertThat(t).isBetween(loggedAt.minusMillis(1), loggedAt.plusMillis(1)));
                assertFault(() -> log.append(f.record("p-4")), REFUSED);
                tsa.down = false;
                assertThat(stamper.stampPending()).isEqualTo(3);
                assertThat(pending(again)).isZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void concurrentTimestampersSharingTheStoreStampEachRecordOnce(TestDatabases kind) throws Exception {
        try (var f = new StampingFixture(); var db = TestStore.open(kind)) {
            var tsa = f.tsa();
            f.approve(tsa.url());
            var settings = MessageLogSettings.builder().timestampRecordsLimit(7).build();
            try (Store second = TestStore.openStore(db.database());
                    var a = stamper(f, db.store(), settings); var b = stamper(f, second, settings);
                    var log = new StoreMessageLog(db.store())) {
                for (int i = 0; i < 40; i++) {
                    log.append(f.record("c-" + i));
                }
                int total;
                try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                    Future<Integer> x = executor.submit(a::stampPending);
                    Future<Integer> y = executor.submit(b::stampPending);
                    total = x.get() + y.get();
                }
                assertThat(total).isEqualTo(40);
                assertThat(pending(db.store())).isZero();
                try (Connection c = db.database().connect(); Statement s = c.createStatement();
                        var rs = s.executeQuery("SELECT COUNT(*) FROM message_log_timestamp")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("40 records in batches of 7").isEqualTo(6);
                }
            }
        }
    }

    @Test
    void theScheduleStampsOnItsOwn() throws Exception {
        try (var f = new StampingFixture(); var db = TestStore.open(TestDatabases.H2)) {
            var tsa = f.tsa();
            f.approve(tsa.url());
            var settings = MessageLogSettings.builder().timestampInterval(Duration.ofMillis(200))
                    .timestampRetryDelay(Duration.ofMillis(100)).build();
            try (var stamper = stamper(f, db.store(), settings).start();
                    var log = new StoreMessageLog(db.store(), StoreMessageLog.Settings.defaults(), stamper)) {
                log.append(f.record("s-1"));
                log.append(f.record("s-2"));
                awaitNothingPending(db.store());
                tsa.down = true;
                log.append(f.record("s-3"));
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (stamper.failingSince().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(stamper.failingSince()).isPresent();
                tsa.down = false;
                awaitNothingPending(db.store());
                assertThat(stamper.failingSince()).isEmpty();
            }
        }
    }

    @Test
    void theIntervalComesFromGlobalConfigurationUnlessConfigured() {
        try (var f = new StampingFixture(); var db = TestStore.open(TestDatabases.H2)) {
            f.approve();
            try (var fromConf = stamper(f, db.store(), MessageLogSettings.defaults());
                    var configured = stamper(f, db.store(),
                            MessageLogSettings.builder().timestampInterval(Duration.ofSeconds(5)).build())) {
                assertThat(fromConf.interval()).isEqualTo(Duration.ofSeconds(60));
                assertThat(configured.interval()).isEqualTo(Duration.ofSeconds(5));
            }
        }
    }

    private static Timestamper stamper(StampingFixture f, Store store, MessageLogSettings settings) {
        return Timestamper.builder().store(store).globalConf(f.globalConf).settings(settings).clock(f.clock).build();
    }

    private static void awaitNothingPending(Store store) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (pending(store) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(pending(store)).isZero();
    }

    private static long pending(Store store) {
        return store.withConnection(TimestampStore::countPending);
    }

    private static void assertFault(ThrowingCallable call, FaultCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}
