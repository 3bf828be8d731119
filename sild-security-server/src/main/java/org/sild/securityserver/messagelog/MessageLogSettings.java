package org.sild.securityserver.messagelog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the message log time-stamps, archives, cleans and what it keeps of a message, with X-Road's
 * defaults (digest 05 §2.3, §6; X-Road's {@code [message-log]} system parameters). The YAML section is
 * {@code message-log:}. Immutable; build with {@link #builder()}.
 *
 * @param timestampImmediately stamp each record while it is logged (one single time-stamp per record, a
 *        TSA failure fails the exchange) instead of in batches ({@code timestamp-immediately}, false)
 * @param timestampInterval how often pending records are stamped; empty: global configuration's
 *        {@code timeStampingIntervalSeconds} (60 s by default)
 * @param timestampRecordsLimit most records in one batch time-stamp ({@code timestamp-records-limit}, 10 000)
 * @param timestampRetryDelay the wait before a failed batch is tried again, at most the interval (60 s)
 * @param acceptableTimestampFailurePeriod once time-stamping has failed this long, new exchanges are
 *        refused with {@code TimestampingFailed} until it succeeds again; zero: never refuse (14 400 s)
 * @param tsaConnectTimeout how long connecting to a TSA may take (20 s)
 * @param tsaReadTimeout how long a TSA may take to answer (60 s)
 * @param archiveDirectory where archive ZIP files are written; relative to the data directory ({@code archive})
 * @param archiveInterval how often time-stamped records are archived (6 h)
 * @param archiveGrouping which records share an archive file ({@code archive-grouping}, NONE)
 * @param archiveMaxFileSize an archive file is closed and a new one started past this size (32 MiB)
 * @param archiveTransactionBatch most records archived in one transaction (10 000)
 * @param cleanInterval how often archived records are removed from the store (12 h)
 * @param keepRecordsFor archived records stay in the store (and downloadable from {@code /asic}) this long (30 days)
 * @param bodyLogging whether message bodies are logged; false keeps only the metadata
 *        ({@code message-body-logging}, true)
 * @param bodyLoggingEnabledFor subsystems (as {@code INSTANCE/CLASS/MEMBER/SUBSYSTEM}) whose messages are logged
 *        with bodies even when {@code bodyLogging} is false
 * @param bodyLoggingDisabledFor subsystems whose messages are logged without bodies even when {@code bodyLogging}
 *        is true
 */
public record MessageLogSettings(
        boolean timestampImmediately,
        Optional<Duration> timestampInterval,
        int timestampRecordsLimit,
        Duration timestampRetryDelay,
        Duration acceptableTimestampFailurePeriod,
        Duration tsaConnectTimeout,
        Duration tsaReadTimeout,
        Path archiveDirectory,
        Duration archiveInterval,
        ArchiveGrouping archiveGrouping,
        long archiveMaxFileSize,
        int archiveTransactionBatch,
        Duration cleanInterval,
        Duration keepRecordsFor,
        boolean bodyLogging,
        List<String> bodyLoggingEnabledFor,
        List<String> bodyLoggingDisabledFor) {

    /** Which records share an archive file (X-Road's {@code archive-grouping}). */
    public enum ArchiveGrouping {
        /** One chain of archives for the whole server. */
        NONE,
        /** One chain per member (the record's client or provider member as logged). */
        MEMBER,
        /** One chain per subsystem (or member, for records of a member). */
        SUBSYSTEM
    }

    public MessageLogSettings {
        Objects.requireNonNull(timestampInterval, "timestampInterval").ifPresent(d -> positive("timestampInterval", d));
        if (timestampRecordsLimit < 1 || archiveTransactionBatch < 1 || archiveMaxFileSize < 1) {
            throw new IllegalArgumentException(
                    "timestampRecordsLimit, archiveTransactionBatch and archiveMaxFileSize must be positive");
        }
        positive("timestampRetryDelay", timestampRetryDelay);
        notNegative("acceptableTimestampFailurePeriod", acceptableTimestampFailurePeriod);
        positive("tsaConnectTimeout", tsaConnectTimeout);
        positive("tsaReadTimeout", tsaReadTimeout);
        Objects.requireNonNull(archiveDirectory, "archiveDirectory");
        positive("archiveInterval", archiveInterval);
        Objects.requireNonNull(archiveGrouping, "archiveGrouping");
        positive("cleanInterval", cleanInterval);
        notNegative("keepRecordsFor", keepRecordsFor);
        bodyLoggingEnabledFor = List.copyOf(bodyLoggingEnabledFor);
        bodyLoggingDisabledFor = List.copyOf(bodyLoggingDisabledFor);
    }

    /** X-Road's defaults. */
    public static MessageLogSettings defaults() {
        return builder().build();
    }

    /** A builder starting from X-Road's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        var b = new Builder();
        b.timestampImmediately = timestampImmediately;
        b.timestampInterval = timestampInterval;
        b.timestampRecordsLimit = timestampRecordsLimit;
        b.timestampRetryDelay = timestampRetryDelay;
        b.acceptableTimestampFailurePeriod = acceptableTimestampFailurePeriod;
        b.tsaConnectTimeout = tsaConnectTimeout;
        b.tsaReadTimeout = tsaReadTimeout;
        b.archiveDirectory = archiveDirectory;
        b.archiveInterval = archiveInterval;
        b.archiveGrouping = archiveGrouping;
        b.archiveMaxFileSize = archiveMaxFileSize;
        b.archiveTransactionBatch = archiveTransactionBatch;
        b.cleanInterval = cleanInterval;
        b.keepRecordsFor = keepRecordsFor;
        b.bodyLogging = bodyLogging;
        b.bodyLoggingEnabledFor = bodyLoggingEnabledFor;
        b.bodyLoggingDisabledFor = bodyLoggingDisabledFor;
        return b;
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void notNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    /** Builds {@link MessageLogSettings}; every field starts at X-Road's default. Not thread-safe. */
    public static final class Builder {
        private boolean timestampImmediately;
        private Optional<Duration> timestampInterval = Optional.empty();
        private int timestampRecordsLimit = 10_000;
        private Duration timestampRetryDelay = Duration.ofSeconds(60);
        private Duration acceptableTimestampFailurePeriod = Duration.ofSeconds(14_400);
        private Duration tsaConnectTimeout = Duration.ofSeconds(20);
        private Duration tsaReadTimeout = Duration.ofSeconds(60);
        private Path archiveDirectory = Path.of("archive");
        private Duration archiveInterval = Duration.ofHours(6);
        private ArchiveGrouping archiveGrouping = ArchiveGrouping.NONE;
        private long archiveMaxFileSize = 32L * 1024 * 1024;
        private int archiveTransactionBatch = 10_000;
        private Duration cleanInterval = Duration.ofHours(12);
        private Duration keepRecordsFor = Duration.ofDays(30);
        private boolean bodyLogging = true;
        private List<String> bodyLoggingEnabledFor = List.of();
        private List<String> bodyLoggingDisabledFor = List.of();

        private Builder() {
        }

        public Builder timestampImmediately(boolean value) {
            timestampImmediately = value;
            return this;
        }

        public Builder timestampInterval(Duration value) {
            timestampInterval = Optional.of(value);
            return this;
        }

        public Builder timestampRecordsLimit(int value) {
            timestampRecordsLimit = value;
            return this;
        }

        public Builder timestampRetryDelay(Duration value) {
            timestampRetryDelay = value;
            return this;
        }

        public Builder acceptableTimestampFailurePeriod(Duration value) {
            acceptableTimestampFailurePeriod = value;
            return this;
        }

        public Builder tsaConnectTimeout(Duration value) {
            tsaConnectTimeout = value;
            return this;
        }

        public Builder tsaReadTimeout(Duration value) {
            tsaReadTimeout = value;
            return this;
        }

        public Builder archiveDirectory(Path value) {
            archiveDirectory = value;
            return this;
        }

        public Builder archiveInterval(Duration value) {
            archiveInterval = value;
            return this;
        }

        public Builder archiveGrouping(ArchiveGrouping value) {
            archiveGrouping = value;
            return this;
        }

        public Builder archiveMaxFileSize(long value) {
            archiveMaxFileSize = value;
            return this;
        }

        public Builder archiveTransactionBatch(int value) {
            archiveTransactionBatch = value;
            return this;
        }

        public Builder cleanInterval(Duration value) {
            cleanInterval = value;
            return this;
        }

        public Builder keepRecordsFor(Duration value) {
            keepRecordsFor = value;
            return this;
        }

        public Builder bodyLogging(boolean value) {
            bodyLogging = value;
            return this;
        }

        public Builder bodyLoggingEnabledFor(List<String> value) {
            bodyLoggingEnabledFor = value;
            return this;
        }

        public Builder bodyLoggingDisabledFor(List<String> value) {
            bodyLoggingDisabledFor = value;
            return this;
        }

        public MessageLogSettings build() {
            return new MessageLogSettings(timestampImmediately, timestampInterval, timestampRecordsLimit,
                    timestampRetryDelay, acceptableTimestampFailurePeriod, tsaConnectTimeout, tsaReadTimeout,
                    archiveDirectory, archiveInterval, archiveGrouping, archiveMaxFileSize, archiveTransactionBatch,
                    cleanInterval, keepRecordsFor, bodyLogging, bodyLoggingEnabledFor, bodyLoggingDisabledFor);
        }
    }
}
