package org.sild.securityserver.messagelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

class ArchiveScheduleTest {

    @TempDir
    Path dir;

    @Test
    void archivesAndCleansOnItsIntervalsAndSurvivesAFailedRun() throws Exception {
        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        try (var db = TestStore.open(TestDatabases.H2); var log = new StoreMessageLog(db.store())) {
            var f = new LogFixture(db.store(), log);
            long id = f.soap("q-1", LogFixture.CLIENT, false, old);
            f.stampSingle(id);
            Path blocked = Files.createFile(dir.resolve("archive"));
            var registry = new SimpleMeterRegistry();
            var archiver = new LogArchiver(db.store(), blocked, MessageLogSettings.defaults(), x -> true, registry);
            var cleaner = new LogCleaner(db.store(), Duration.ofDays(1), 100,
                    Clock.fixed(old.plus(Duration.ofDays(2)), ZoneOffset.UTC));
            var schedule = ArchiveSchedule.start(archiver, Duration.ofMillis(50), cleaner, Duration.ofMillis(50));
            try {
                await(() -> registry.counter(LogArchiver.FAILURES).count() >= 2);
                assertThat(f.exists(id)).as("not archived, so not cleaned").isTrue();
                Files.delete(blocked);
                await(() -> !f.exists(id));
            } finally {
                schedule.close();
            }
            try (var files = Files.list(blocked)) {
                assertThat(files).hasSize(1);
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
