package org.sild.securityserver.datatracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

class UsageStoreTest {

    static final ClientId PRESCRIPTIONS = new MemberId("DEV", "GOV", "70000002").subsystem("prescriptions");
    static final ClientId REGISTRY = new MemberId("DEV", "GOV", "70000001").subsystem("registry");
    static final ClientId CLINIC = new MemberId("DEV", "COM", "10000002").subsystem("clinic");
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    static UsageRecord use(ClientId provider, String subject, Instant time, boolean hidden, Optional<Instant> until) {
        return new UsageRecord(subject, time, CLINIC, Optional.of("Family Clinic"),
                new ServiceId(provider, "eprescription"), Optional.of("POST /prescriptions"), "write",
                Optional.of("Prescribing"), Optional.empty(), Optional.of("Clinic IS"), Optional.of("EE1"),
                Optional.empty(), "q-" + time.toEpochMilli(), Optional.empty(), true, hidden, until);
    }

    private static UsageStore.Query query(ClientId provider, String subject, int offset, int limit) {
        return new UsageStore.Query(provider, subject, Optional.empty(), Optional.empty(), offset, limit);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aSubjectsRecordsComeBackNewestFirstWithEveryFieldAndTheTotal(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var usages = new UsageStore(db.store());
            var first = use(PRESCRIPTIONS, "38001010001", T0, false, Optional.empty());
            var second = use(PRESCRIPTIONS, "38001010001", T0.plusSeconds(60), false, Optional.empty());
            usages.append(List.of(first, second, use(PRESCRIPTIONS, "49002020002", T0, false, Optional.empty()),
                    use(REGISTRY, "38001010001", T0, false, Optional.empty())));

            var page = usages.find(query(PRESCRIPTIONS, "38001010001", 0, 10), T0.plusSeconds(120));
            assertThat(page.total()).isEqualTo(2);
            assertThat(page.records()).containsExactly(second, first);

            var tail = usages.find(query(PRESCRIPTIONS, "38001010001", 1, 10), T0.plusSeconds(120));
            assertThat(tail.total()).isEqualTo(2);
            assertThat(tail.records()).containsExactly(first);
            assertThat(usages.find(query(PRESCRIPTIONS, "38001010001", 0, 0), T0).records()).isEmpty();

            var window = new UsageStore.Query(PRESCRIPTIONS, "38001010001", Optional.of(T0.plusSeconds(1)),
                    Optional.of(T0.plusSeconds(60)), 0, 10);
            assertThat(usages.find(window, T0.plusSeconds(120)).records()).containsExactly(second);
            assertThat(usages.oldest(PRESCRIPTIONS)).contains(T0);
            assertThat(usages.oldest(CLINIC)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void hiddenRecordsAppearOnlyAtTheirTimeAndThoseHiddenForGoodNever(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var usages = new UsageStore(db.store());
            Instant until = T0.plusSeconds(3600);
            usages.append(List.of(use(PRESCRIPTIONS, "38001010001", T0, true, Optional.of(until)),
                    use(PRESCRIPTIONS, "38001010001", T0.plusSeconds(1), true, Optional.empty())));

            assertThat(usages.find(query(PRESCRIPTIONS, "38001010001", 0, 10), until.minusMillis(1)).total()).isZero();
            var later = usages.find(query(PRESCRIPTIONS, "38001010001", 0, 10), until);
            assertThat(later.records()).extracting(UsageRecord::time).containsExactly(T0);
            assertThat(later.records().getFirst().visibleAt(until)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void recordsPastRetentionAreDeleted(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var usages = new UsageStore(db.store());
            usages.append(List.of(use(PRESCRIPTIONS, "38001010001", T0, false, Optional.empty()),
                    use(PRESCRIPTIONS, "38001010001", T0.plusSeconds(10), false, Optional.empty())));
            assertThat(usages.deleteBefore(T0.plusSeconds(5))).isEqualTo(1);
            assertThat(usages.oldest(PRESCRIPTIONS)).contains(T0.plusSeconds(10));
        }
    }
}
