package org.sild.securityserver.opmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

class OperationalDataQueryTest {

    static final MemberId A = new MemberId("EE", "GOV", "a");
    static final ClientId A_SUB = A.subsystem("s");
    static final MemberId B = new MemberId("EE", "GOV", "b");
    static final long NOW = 1_000_000;

    private static OpRecord record(ClientId client, ClientId provider, String id) {
        return OpRecord.start(OpRecord.Side.PRODUCER, 1).client(client).service(new ServiceId(provider, "svc"))
                .message(id, Optional.empty(), Optional.empty(), Optional.of("4.0"))
                .finish(2, Optional.empty(), Optional.empty());
    }

    private static OperationalDataQuery query(TestStore db, int max) {
        return new OperationalDataQuery(new OpStore(db.store()),
                OpMonitorSettings.builder().maxRecordsInPayload(max).build());
    }

    private static OperationalDataQuery.Criteria window(long from, long to) {
        return new OperationalDataQuery.Criteria(from, to, Optional.empty(), List.of());
    }

    private static List<Object> ids(OperationalDataQuery.Result r) {
        return r.records().stream().map(m -> m.get("messageId")).toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void limitNeverSplitsASecondAndSaysWhereToContinue(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = new OpStore(db.store());
            store.insert(List.of(record(A, B, "1")), 100);
            store.insert(List.of(record(A, B, "2"), record(A, B, "3")), 101);
            store.insert(List.of(record(A, B, "4")), 102);

            var result = query(db, 2).run(window(100, 200), NOW, true, A);
            assertThat(ids(result)).as("second 101 dropped and re-read whole").containsExactly("1", "2", "3");
            assertThat(result.nextRecordsFrom()).contains(102L);

            var rest = query(db, 2).run(window(102, 200), NOW, true, A);
            assertThat(ids(rest)).containsExactly("4");
            assertThat(rest.nextRecordsFrom()).isEmpty();

            var all = query(db, 10).run(window(0, 101), NOW, true, A);
            assertThat(ids(all)).containsExactly("1", "2", "3");
            assertThat(all.records().get(0)).containsEntry("monitoringDataTs", 100)
                    .containsEntry("securityServerType", "Producer").containsEntry("succeeded", true);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void recordsOfTheLastOffsetAreNotYetAvailable(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = new OpStore(db.store());
            store.insert(List.of(record(A, B, "old")), NOW - 61);
            store.insert(List.of(record(A, B, "young")), NOW - 60);

            var result = query(db, 10).run(window(0, NOW + 100), NOW, true, A);
            assertThat(ids(result)).containsExactly("old");
            assertThat(result.nextRecordsFrom()).contains(NOW - 60);

            assertThatThrownBy(() -> query(db, 10).run(window(NOW - 60, NOW), NOW, true, A))
                    .isInstanceOf(XRoadException.class).hasMessageContaining("Records not available from")
                    .extracting(e -> ((XRoadException) e).code().toString()).isEqualTo("Client.InvalidRequest");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anOrdinaryCallerSeesOnlyItsOwnRecordsAndNeverTheInternalAddress(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = new OpStore(db.store());
            store.insert(List.of(record(A, B, "a-calls-b"), record(B, A_SUB, "b-calls-a-sub"),
                    record(B, B, "b-calls-b")), 100);
            var q = query(db, 10);

            assertThat(ids(q.run(window(0, 200), NOW, false, A))).as("member A is not its subsystem")
                    .containsExactly("a-calls-b");
            assertThat(ids(q.run(window(0, 200), NOW, false, A_SUB))).containsExactly("b-calls-a-sub");
            assertThat(ids(q.run(window(0, 200), NOW, true, A))).hasSize(3);
            var provider = new OperationalDataQuery.Criteria(0, 200, Optional.of(B), List.of());
            assertThat(ids(q.run(provider, NOW, false, B))).containsExactly("a-calls-b", "b-calls-b");

            Map<String, Object> own = q.run(window(0, 200), NOW, false, A).records().get(0);
            assertThat(own).doesNotContainKey("securityServerInternalIp");
            assertThat(q.run(window(0, 200), NOW, true, A).records().get(0)).containsKey("securityServerInternalIp");

            var projected = new OperationalDataQuery.Criteria(0, 200, Optional.empty(),
                    List.of("messageId", "securityServerInternalIp", "xRequestId"));
            assertThat(q.run(projected, NOW, false, A).records().get(0)).containsOnlyKeys("messageId");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void invalidWindowsAndFieldsAreClientInvalidRequest(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var q = query(db, 10);
            assertInvalid(() -> q.run(window(-1, 5), NOW, true, A), "negative");
            assertInvalid(() -> q.run(window(5, -1), NOW, true, A), "negative");
            assertInvalid(() -> q.run(window(10, 5), NOW, true, A), "earlier");
            assertInvalid(() -> q.run(new OperationalDataQuery.Criteria(0, 5, Optional.empty(), List.of("bogus")), NOW,
                    true, A), "Unknown output field in search criteria: bogus");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void recordsPastRetentionAreCleaned(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = new OpStore(db.store());
            store.insert(List.of(record(A, B, "x")), 100);
            store.insert(List.of(record(A, B, "y")), 200);
            assertThat(store.deleteBefore(200)).isEqualTo(1);
            assertThat(store.select(0, 1000, new OpStore.Filter(Optional.empty(), Optional.empty()), 10)).hasSize(1);
        }
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(XRoadException.class).hasMessageContaining(message)
                .extracting(e -> ((XRoadException) e).code().toString()).isEqualTo("Client.InvalidRequest");
    }

}
