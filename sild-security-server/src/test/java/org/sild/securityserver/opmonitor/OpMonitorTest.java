package org.sild.securityserver.opmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.MutableClock;
import org.sild.testing.TestDatabases;

class OpMonitorTest {

    static final MemberId A = new MemberId("EE", "GOV", "a");
    static final ServiceId SVC = new ServiceId(A, "svc");
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    private static OpRecord record(OpRecord.Side side, long in, long out, boolean ok) {
        return OpRecord.start(side, in).client(A).service(SVC).requestSizes(10, 10, 0).responseSizes(30, 30, 0)
                .finish(out, ok ? Optional.empty() : Optional.of("Server.ServerProxy.X"), Optional.of("broken"));
    }

    @Test
    void aFullBufferDropsAndCountsInsteadOfBlocking() {
        try (var db = TestStore.open(TestDatabases.H2)) {
            var settings = OpMonitorSettings.builder().bufferSize(2).build();
            var monitor = new OpMonitor(Optional.of(new OpStore(db.store())), settings, Clock.systemUTC(), false);
            for (int i = 0; i < 5; i++) {
                monitor.submit(record(OpRecord.Side.CLIENT, 1, 2, true));
            }
            assertThat(monitor.dropped()).isEqualTo(3);
        }
    }

    @Test
    void droppedRecordsAndTheQueueArePublishedAsMetrics() {
        try (var db = TestStore.open(TestDatabases.H2)) {
            var registry = new SimpleMeterRegistry();
            var monitor = new OpMonitor(Optional.of(new OpStore(db.store())),
                    OpMonitorSettings.builder().bufferSize(3).build(), Clock.systemUTC(), false).bindMetrics(registry);
            for (int i = 0; i < 7; i++) {
                assertThatCode(() -> monitor.submit(record(OpRecord.Side.CLIENT, 1, 2, true)))
                        .doesNotThrowAnyException();
            }
            assertThat(registry.get(OpMonitor.DROPPED).functionCounter().count()).isEqualTo(4);
            assertThat(registry.get(OpMonitor.QUEUED).gauge().value()).isEqualTo(3);
        }
    }

    @Test
    void settingsDefaultToXRoadsAndValidate() {
        var d = OpMonitorSettings.defaults();
        assertThat(d.recording()).isTrue();
        assertThat(d.keepRecordsFor()).isEqualTo(Duration.ofDays(7));
        assertThat(d.cleanInterval()).isEqualTo(Duration.ofHours(12));
        assertThat(d.maxRecordsInPayload()).isEqualTo(10_000);
        assertThat(d.recordsAvailableOffset()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.healthStatisticsPeriod()).isEqualTo(Duration.ofSeconds(600));
        assertThat(d.bufferSize()).isEqualTo(20_000);
        assertThat(OpMonitorSettings.builder().bufferSize(0).build().recording()).isFalse();
        assertThat(OpMonitorSettings.builder().enabled(false).build().recording()).isFalse();
        assertThatThrownBy(() -> OpMonitorSettings.builder().maxRecordsInPayload(0).build())
                .hasMessageContaining("max-records-in-payload");
        assertThatThrownBy(() -> OpMonitorSettings.builder().cleanInterval(Duration.ZERO).build())
                .hasMessageContaining("clean-interval");
    }

    @Test
    void aFailingStoreNeverFailsTheExchangeAndCountsTheLoss() {
        var db = TestStore.open(TestDatabases.H2);
        var monitor = OpMonitor.open(db.store(), OpMonitorSettings.defaults(), Clock.systemUTC());
        db.close();
        assertThatCode(() -> monitor.submit(record(OpRecord.Side.PRODUCER, 1, 2, true))).doesNotThrowAnyException();
        assertThat(monitor.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(monitor.dropped()).isEqualTo(1);
        monitor.close();
    }

    @Test
    void theWriterRemovesRecordsPastRetentionEveryCleanInterval() throws InterruptedException {
        try (var db = TestStore.open(TestDatabases.H2)) {
            var clock = new MutableClock(NOW);
            var settings = OpMonitorSettings.builder().keepRecordsFor(Duration.ofMinutes(30))
                    .cleanInterval(Duration.ofHours(1)).build();
            try (var monitor = OpMonitor.open(db.store(), settings, clock)) {
                monitor.submit(record(OpRecord.Side.CLIENT, 1, 2, true));
                assertThat(monitor.flush(Duration.ofSeconds(10))).isTrue();
                var all = new OpStore.Filter(Optional.empty(), Optional.empty());
                clock.advance(Duration.ofMinutes(40));
                Thread.sleep(500);
                assertThat(monitor.store().select(0, Long.MAX_VALUE, all, 10)).as("past retention, interval not due")
                        .hasSize(1);

                clock.advance(Duration.ofMinutes(30));
                for (int i = 0; i < 100 && !monitor.store().select(0, Long.MAX_VALUE, all, 10).isEmpty(); i++) {
                    Thread.sleep(50);
                }
                assertThat(monitor.store().select(0, Long.MAX_VALUE, all, 10)).isEmpty();
            }
        }
    }

    @Test
    void offRecordsNothing() {
        var off = OpMonitor.off();
        off.submit(record(OpRecord.Side.CLIENT, 1, 2, true));
        assertThat(off.enabled()).isFalse();
        assertThat(off.dropped()).isZero();
        off.close();
    }

    @Test
    void healthCountsProviderRecordsInTheWindowOnly() {
        var health = new HealthStatistics(Duration.ofSeconds(600), NOW);
        long now = NOW.toEpochMilli();
        health.add(record(OpRecord.Side.PRODUCER, now - 700_000, now - 699_000, true));
        health.add(record(OpRecord.Side.PRODUCER, now - 5000, now - 4900, true));
        health.add(record(OpRecord.Side.PRODUCER, now - 4000, now - 3700, true));
        health.add(record(OpRecord.Side.PRODUCER, now - 3000, now - 2000, false));
        health.add(record(OpRecord.Side.CLIENT, now - 1000, now - 900, true));

        var services = health.snapshot(NOW, Optional.empty());
        assertThat(services).hasSize(1);
        var s = services.get(0);
        assertThat(s.service()).isEqualTo(SVC);
        assertThat(s.successfulCount()).isEqualTo(2);
        assertThat(s.unsuccessfulCount()).isEqualTo(1);
        assertThat(s.lastSuccessful()).contains(now - 4000);
        assertThat(s.lastUnsuccessful()).contains(now - 3000);
        assertThat(s.duration()).isEqualTo(new HealthStatistics.Figures(100, 200, 300, 100));
        assertThat(s.responseSize().average()).isEqualTo(30);
        assertThat(health.snapshot(NOW, Optional.of(new MemberId("EE", "GOV", "other")))).isEmpty();
    }

    @Test
    void recordsFieldsAreCutToTheReferenceLimits() {
        var r = OpRecord.start(OpRecord.Side.CLIENT, 1).fault("c".repeat(300), "s".repeat(3000))
                .finish(2, Optional.empty(), Optional.empty());
        assertThat(r.succeeded()).isFalse();
        assertThat(r.text("faultCode")).hasValueSatisfying(v -> assertThat(v).hasSize(255));
        assertThat(r.text("faultString")).hasValueSatisfying(v -> assertThat(v).hasSize(2048));
        assertThat(OpRecord.start(OpRecord.Side.PRODUCER, 1).finish(2, Optional.empty(), Optional.empty()).fields())
                .containsEntry("securityServerType", "Producer").containsEntry("succeeded", true);
    }
}
