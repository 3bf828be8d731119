package org.sild.securityserver.messagelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

class LogCleanerTest {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void deletesArchivedRecordsPastRetentionInBatchesAndOrphanedTimeStamps(TestDatabases kind) {
        try (var db = TestStore.open(kind); var log = new StoreMessageLog(db.store())) {
            var f = new LogFixture(db.store(), log);
            Instant old = NOW.minus(Duration.ofDays(31));
            long a = f.soap("q-a", LogFixture.CLIENT, false, old);
            long b = f.soap("q-b", LogFixture.CLIENT, false, old);
            long c = f.soap("q-c", LogFixture.CLIENT, false, old.plusSeconds(1));
            long oldUnarchived = f.soap("q-d", LogFixture.CLIENT, false, old);
            long recentArchived = f.soap("q-e", LogFixture.CLIENT, false, NOW.minus(Duration.ofDays(29)));
            long tsGone = f.stampBatch(a, b, c);
            long tsKept = f.stampSingle(oldUnarchived);
            long tsRecent = f.stampSingle(recentArchived);
            f.markArchived(List.of(a, b, c, recentArchived));
            markTimestampsArchived(db, tsGone, tsRecent);

            var cleaner = new LogCleaner(db.store(), Duration.ofDays(30), 2, Clock.fixed(NOW, ZoneOffset.UTC));
            assertThat(cleaner.clean()).isEqualTo(3);

            assertThat(f.exists(a)).isFalse();
            assertThat(f.exists(b)).isFalse();
            assertThat(f.exists(c)).isFalse();
            assertThat(f.exists(oldUnarchived)).as("never archived, never cleaned").isTrue();
            assertThat(f.exists(recentArchived)).as("within retention").isTrue();
            assertThat(f.timestamp(tsGone)).as("archived and no record left").isEmpty();
            assertThat(f.timestamp(tsKept)).contains(false);
            assertThat(f.timestamp(tsRecent)).as("its record is still there").contains(true);

            assertThat(cleaner.clean()).isZero();
            var later = LogCleaner.of(db.store(), MessageLogSettings.defaults(),
                    Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC));
            assertThat(later.clean()).isEqualTo(1);
            assertThat(f.timestamp(tsRecent)).isEqualTo(Optional.empty());
        }
    }

    private static void markTimestampsArchived(TestStore db, long... ids) {
        db.store().runInTransaction(c -> {
            for (long id : ids) {
                try (var ps = c.prepareStatement("UPDATE message_log_timestamp SET archived = TRUE WHERE id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
        });
    }
}
