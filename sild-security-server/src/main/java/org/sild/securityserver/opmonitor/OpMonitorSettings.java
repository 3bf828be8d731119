package org.sild.securityserver.opmonitor;

import java.time.Duration;
import java.util.Objects;

/**
 * Operational monitoring settings with X-Road's defaults: its {@code [op-monitor]} and
 * {@code [op-monitor-buffer]} system parameters (digest 06 §3.2, §3.6). The YAML section is
 * {@code op-monitor:}. Immutable; build with {@link #builder()}.
 *
 * @param enabled whether records are kept at all; off, the monitoring services are not answered
 *        (true; X-Road switches off with a buffer size below 1, which also switches off here)
 * @param bufferSize records waiting to be stored; when full, new records are dropped and counted
 *        ({@code op-monitor-buffer.size}, 20 000)
 * @param maxRecordsPerWrite records stored per transaction ({@code op-monitor-buffer.max-records-in-message}, 100)
 * @param keepRecordsFor how long stored records are kept ({@code op-monitor.keep-records-for-days}, 7 days)
 * @param cleanInterval how often records past {@code keepRecordsFor} are removed
 *        ({@code op-monitor.clean-interval}, 12 h)
 * @param maxRecordsInPayload records per {@code getSecurityServerOperationalData} answer, a second is never
 *        split ({@code op-monitor.max-records-in-payload}, 10 000)
 * @param recordsAvailableOffset records younger than this are not yet returned by a query
 *        ({@code op-monitor.records-available-timestamp-offset-seconds}, 60 s)
 * @param healthStatisticsPeriod the sliding window of {@code getSecurityServerHealthData}
 *        ({@code op-monitor.health-statistics-period-seconds}, 600 s)
 */
public record OpMonitorSettings(boolean enabled, int bufferSize, int maxRecordsPerWrite, Duration keepRecordsFor,
        Duration cleanInterval, int maxRecordsInPayload, Duration recordsAvailableOffset,
        Duration healthStatisticsPeriod) {

    public OpMonitorSettings {
        if (maxRecordsPerWrite < 1 || maxRecordsInPayload < 1) {
            throw new IllegalArgumentException("max-records-per-write and max-records-in-payload must be positive, were "
                    + maxRecordsPerWrite + " and " + maxRecordsInPayload);
        }
        notNegative("keep-records-for", keepRecordsFor);
        notNegative("records-available-offset", recordsAvailableOffset);
        positive("clean-interval", cleanInterval);
        positive("health-statistics-period", healthStatisticsPeriod);
    }

    /** X-Road's defaults. */
    public static OpMonitorSettings defaults() {
        return new OpMonitorSettings(true, 20_000, 100, Duration.ofDays(7), Duration.ofHours(12), 10_000,
                Duration.ofSeconds(60), Duration.ofSeconds(600));
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether records are kept: {@link #enabled()} and a buffer of at least one record. */
    public boolean recording() {
        return enabled && bufferSize >= 1;
    }

    private static void notNegative(String key, Duration value) {
        if (Objects.requireNonNull(value, key).isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, was " + value);
        }
    }

    private static void positive(String key, Duration value) {
        notNegative(key, value);
        if (value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }

    /** Collects settings; not thread-safe. */
    public static final class Builder {
        private boolean enabled;
        private int bufferSize;
        private int maxRecordsPerWrite;
        private Duration keepRecordsFor;
        private Duration cleanInterval;
        private int maxRecordsInPayload;
        private Duration recordsAvailableOffset;
        private Duration healthStatisticsPeriod;

        private Builder(OpMonitorSettings s) {
            enabled = s.enabled;
            bufferSize = s.bufferSize;
            maxRecordsPerWrite = s.maxRecordsPerWrite;
            keepRecordsFor = s.keepRecordsFor;
            cleanInterval = s.cleanInterval;
            maxRecordsInPayload = s.maxRecordsInPayload;
            recordsAvailableOffset = s.recordsAvailableOffset;
            healthStatisticsPeriod = s.healthStatisticsPeriod;
        }

        public Builder enabled(boolean value) {
            enabled = value;
            return this;
        }

        public Builder bufferSize(int value) {
            bufferSize = value;
            return this;
        }

        public Builder maxRecordsPerWrite(int value) {
            maxRecordsPerWrite = value;
            return this;
        }

        public Builder keepRecordsFor(Duration value) {
            keepRecordsFor = value;
            return this;
        }

        public Builder cleanInterval(Duration value) {
            cleanInterval = value;
            return this;
        }

        public Builder maxRecordsInPayload(int value) {
            maxRecordsInPayload = value;
            return this;
        }

        public Builder recordsAvailableOffset(Duration value) {
            recordsAvailableOffset = value;
            return this;
        }

        public Builder healthStatisticsPeriod(Duration value) {
            healthStatisticsPeriod = value;
            return this;
        }

        public OpMonitorSettings build() {
            return new OpMonitorSettings(enabled, bufferSize, maxRecordsPerWrite, keepRecordsFor, cleanInterval,
                    maxRecordsInPayload, recordsAvailableOffset, healthStatisticsPeriod);
        }
    }
}
