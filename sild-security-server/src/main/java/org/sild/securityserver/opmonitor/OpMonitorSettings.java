package org.sild.securityserver.opmonitor;

import java.time.Duration;
import java.util.Objects;

/**
 * Operational monitoring settings, X-Road's {@code [op-monitor]} and {@code [op-monitor-buffer]}
 * parameters (digest 06 §3.2, §3.6).
 *
 * @param bufferSize records waiting to be stored; when full, new records are dropped and counted;
 *        below 1 operational monitoring is off
 * @param maxRecordsPerWrite records stored per transaction
 * @param keepRecordsFor how long stored records are kept
 * @param maxRecordsInPayload records per {@code getSecurityServerOperationalData} answer (a second is never split)
 * @param recordsAvailableOffset records younger than this are not yet returned by a query
 * @param healthStatisticsPeriod the sliding window of {@code getSecurityServerHealthData}
 */
public record OpMonitorSettings(int bufferSize, int maxRecordsPerWrite, Duration keepRecordsFor,
        int maxRecordsInPayload, Duration recordsAvailableOffset, Duration healthStatisticsPeriod) {

    public OpMonitorSettings {
        if (maxRecordsPerWrite < 1 || maxRecordsInPayload < 1) {
            throw new IllegalArgumentException("maxRecordsPerWrite and maxRecordsInPayload must be positive");
        }
        Objects.requireNonNull(keepRecordsFor, "keepRecordsFor");
        Objects.requireNonNull(recordsAvailableOffset, "recordsAvailableOffset");
        Objects.requireNonNull(healthStatisticsPeriod, "healthStatisticsPeriod");
        if (keepRecordsFor.isNegative() || recordsAvailableOffset.isNegative() || healthStatisticsPeriod.isNegative()
                || healthStatisticsPeriod.isZero()) {
            throw new IllegalArgumentException("durations must not be negative (health period: positive)");
        }
    }

    /** X-Road's defaults: 20000 buffered, 100 per write, 7 days, 10000 per answer, 60 s offset, 600 s health period. */
    public static OpMonitorSettings defaults() {
        return new OpMonitorSettings(20_000, 100, Duration.ofDays(7), 10_000, Duration.ofSeconds(60),
                Duration.ofSeconds(600));
    }

    /** Whether records are kept at all. */
    public boolean enabled() {
        return bufferSize >= 1;
    }

    /** These settings with another answer limit. */
    public OpMonitorSettings withMaxRecordsInPayload(int value) {
        return new OpMonitorSettings(bufferSize, maxRecordsPerWrite, keepRecordsFor, value, recordsAvailableOffset,
                healthStatisticsPeriod);
    }

    /** These settings with another buffer size. */
    public OpMonitorSettings withBufferSize(int value) {
        return new OpMonitorSettings(value, maxRecordsPerWrite, keepRecordsFor, maxRecordsInPayload,
                recordsAvailableOffset, healthStatisticsPeriod);
    }
}
