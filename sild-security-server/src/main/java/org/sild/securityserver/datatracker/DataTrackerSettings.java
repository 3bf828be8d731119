package org.sild.securityserver.datatracker;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of personal data usage recording, the YAML section {@code data-tracker:}. Immutable.
 *
 * @param keepRecordsForDays usage records are deleted this many days after their exchange (365)
 * @param maxBodyBytes       a body read for a subject is read up to this size; a larger one yields
 *                           no subject (and is counted) (1 MiB)
 * @param cleanInterval      how often old records are deleted (1 h)
 */
public record DataTrackerSettings(int keepRecordsForDays, int maxBodyBytes, Duration cleanInterval) {

    public DataTrackerSettings {
        if (keepRecordsForDays < 1) {
            throw new IllegalArgumentException("keep-records-for-days must be positive");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max-body-bytes must be positive");
        }
        Objects.requireNonNull(cleanInterval, "clean-interval");
        if (cleanInterval.isNegative() || cleanInterval.isZero()) {
            throw new IllegalArgumentException("clean-interval must be positive");
        }
    }

    /** 365 days, 1 MiB, hourly cleaning. */
    public static DataTrackerSettings defaults() {
        return new DataTrackerSettings(365, 1024 * 1024, Duration.ofHours(1));
    }

    /** How long records are kept. */
    public Duration keepRecordsFor() {
        return Duration.ofDays(keepRecordsForDays);
    }
}
