package org.sild.securityserver.messagelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.signature.SignatureData;
import org.sild.core.transport.MessageType;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

class StoreMessageLogTest {

    static final SubsystemId PORTAL = new SubsystemId("DEV", "GOV", "70000003", "portal");
    static final MemberId POS_MEMBER = new MemberId("DEV", "COM", "10000001");
    static final ServiceId PERSONS = new ServiceId(new SubsystemId("DEV", "GOV", "70000001", "registry"), "persons");
    static final ServiceId RANDOM = new ServiceId(new SubsystemId("DEV", "GOV", "70000002", "testservice"),
            "getRandom", "v1");
    static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void storesAndFindsRecords(TestDatabases kind) {
        try (var db = TestStore.open(kind); var log = new StoreMessageLog(db.store())) {
            String requestId = UUID.randomUUID().toString();
            var soapRequest = new LogRecord("q-1", requestId, PORTAL, RANDOM, false, MessageType.SOAP,
                    bytes("<Envelope/>"), Optional.empty(), SignatureData.of(bytes("<sig/>")), T);
            var soapResponse = new LogRecord("q-1", requestId, PORTAL, RANDOM, true, MessageType.SOAP,
                    bytes("<Envelope>r</Envelope>"), Optional.empty(),
                    SignatureData.batch(bytes("<sig2/>"), bytes("<result/>"), bytes("<chain/>")), T.plusMillis(5));
            var rest = new LogRecord("q-2", "r-2", POS_MEMBER, PERSONS, false, MessageType.REST,
                    bytes("GET /r1/DEV/GOV/70000001/registry/persons/1\r\n"), Optional.of(new byte[] {0, 1, 2, -1}),
                    SignatureData.of(bytes("<sig3/>")), T);
            log.append(soapRequest);
            log.append(soapResponse);
            log.append(rest);

            List<LogEntry> q1 = log.findByQueryId("q-1");
            assertThat(q1).extracting(LogEntry::record).containsExactly(soapRequest, soapResponse);
            assertThat(q1.get(0).id()).isLessThan(q1.get(1).id());
            LogEntry first = q1.getFirst();
            assertThat(first.signatureHash()).isEqualTo(DigestAlgorithm.SHA512.base64Digest(bytes("<sig/>")));
            assertThat(first.timestampRecord()).isEmpty();
            assertThat(first.archived()).isFalse();
            assertThat(log.findByRequestId(requestId)).hasSize(2);
            assertThat(log.findByQueryId("q-2")).extracting(LogEntry::record).containsExactly(rest);
            assertThat(log.find(first.id())).contains(first);
            assertThat(log.findByQueryId("q-1", PORTAL)).hasSize(2);
            assertThat(log.findByQueryId("q-1", RANDOM.provider())).as("the provider's side").hasSize(2);
            assertThat(log.findByQueryId("q-1", POS_MEMBER)).isEmpty();
            assertThat(log.findByQueryId("nope")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void manyConcurrentAppendsAreAllDurable(TestDatabases kind) throws Exception {
        int count = 3000;
        try (var db = TestStore.open(kind);
                var log = new StoreMessageLog(db.store(), new StoreMessageLog.Settings(2, 200, Duration.ofSeconds(60)))) {
            var futures = new ArrayList<Future<?>>();
            long start = System.nanoTime();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < count; i++) {
                    var record = record("c-" + i, PORTAL);
                    futures.add(executor.submit(() -> {
                        log.append(record);
                        // Durable when append returns: visible to another connection at once.
                        assertThat(log.findByQueryId(record.queryId())).hasSize(1);
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
            System.out.printf("message log on %s: %d concurrent appends (each then read back) in %d ms%n", kind,
                    count, (System.nanoTime() - start) / 1_000_000);
            try (Connection c = db.database().connect(); Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT query_id) FROM message_log")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(count);
                assertThat(rs.getLong(2)).isEqualTo(count);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aRefusedRecordFailsOnlyItsOwnAppend(TestDatabases kind) throws Exception {
        try (var db = TestStore.open(kind); var log = new StoreMessageLog(db.store())) {
            try (Connection c = db.database().connect(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE message_log ADD CONSTRAINT no_poison CHECK (query_id <> 'poison')");
            }
            var failures = appendConcurrently(500, i -> log.append(record(i == 250 ? "poison" : "ok-" + i, PORTAL)));
            assertThat(failures).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.LOGGING_FAILED));
                assertThat(e.getMessage()).contains("poison");
            });
            assertThat(log.findByQueryId("poison")).isEmpty();
            assertThat(log.findByQueryId("ok-499")).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void linkedRowsAreStoredInTheRecordsTransaction(TestDatabases kind) throws Exception {
        try (var db = TestStore.open(kind); var log = new StoreMessageLog(db.store())) {
            try (Connection c = db.database().connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE linked_row (query_id VARCHAR(100) NOT NULL CHECK (query_id <> 'poison'))");
            }
            // The linked row of one record breaks the constraint: neither it nor its record stays.
            var failures = appendConcurrently(300, i -> log.append(record("q-" + i, PORTAL),
                    new LinkedWrite(db.store(), c -> {
                        try (var ps = c.prepareStatement("INSERT INTO linked_row (query_id) VALUES (?)")) {
                            ps.setString(1, i == 150 ? "poison" : "q-" + i);
                            ps.executeUpdate();
                        }
                    })));
            assertThat(failures).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.LOGGING_FAILED));
                assertThat(e.getMessage()).contains("q-150");
            });
            assertThat(log.findByQueryId("q-150")).isEmpty();
            assertThat(log.findByQueryId("q-299")).hasSize(1);
            assertThat(linkedRows(db.store())).hasSize(299).doesNotContain("poison").contains("q-0", "q-299");
        }
    }

    /** Runs {@code append} for 0 to {@code count - 1} at once, each on its own virtual thread; the failures. */
    private static List<XRoadException> appendConcurrently(int count, java.util.function.IntConsumer append) {
        var failures = new ConcurrentLinkedQueue<XRoadException>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int n = i;
                executor.submit(() -> {
                    try {
                        append.accept(n);
                    } catch (XRoadException e) {
                        failures.add(e);
                    }
                });
            }
        }
        return List.copyOf(failures);
    }

    private static List<String> linkedRows(org.sild.runtime.store.Store store) {
        return store.withConnection(c -> {
            var rows = new ArrayList<String>();
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT query_id FROM linked_row")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void failuresAreLoggingFailed(TestDatabases kind) throws Exception {
        try (var db = TestStore.open(kind)) {
            var log = new StoreMessageLog(db.store(), new StoreMessageLog.Settings(1, 10, Duration.ofSeconds(20)));
            assertLoggingFailed(() -> log.append(record("x".repeat(1001), PORTAL)));
            var longRequestId = new LogRecord("q", "r".repeat(256), PORTAL, PERSONS, false, MessageType.REST,
                    bytes("m"), Optional.empty(), SignatureData.of(bytes("<s/>")), T);
            assertLoggingFailed(() -> log.append(longRequestId));

            try (Connection c = db.database().connect(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE message_log RENAME TO message_log_gone");
            }
            assertLoggingFailed(() -> log.append(record("lost", PORTAL)));
            log.close();
            assertLoggingFailed(() -> log.append(record("closed", PORTAL)));
        }
    }

    private static void assertLoggingFailed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.LOGGING_FAILED)));
    }

    static LogRecord record(String queryId, SubsystemId client) {
        return new LogRecord(queryId, UUID.randomUUID().toString(), client, PERSONS, false, MessageType.REST,
                bytes("GET /r1/DEV/GOV/70000001/registry/persons/" + queryId + "\r\n"), Optional.empty(),
                SignatureData.of(bytes("<signature>" + queryId + "</signature>")), T);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
