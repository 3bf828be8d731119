package org.sild.securityserver.messagelog;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.sild.runtime.store.Store;

/**
 * Removes archived message log records once they are older than the retention period (X-Road's
 * {@code keep-records-for}, digest 05 §6), and the time-stamp records none of whose messages remain.
 * Records not archived are never removed, however old.
 *
 * <p>Each transaction deletes at most a batch of records under the {@code cleaner} job lock, so a
 * large backlog does not hold one long transaction. Thread-safe (the lock serialises runs across
 * nodes too); {@link #clean} is one run, the caller schedules it.
 */
public final class LogCleaner {

    /** Its row in {@code job_lock} (migration V4), locked by each of its transactions. */
    static final String JOB = "cleaner";

    private static final String DELETE_RECORDS = "DELETE FROM message_log WHERE id IN (SELECT id FROM message_log"
            + " WHERE archived = TRUE AND log_time < ? ORDER BY id FETCH FIRST ? ROWS ONLY)";
    private static final String DELETE_TIMESTAMPS = "DELETE FROM message_log_timestamp WHERE archived = TRUE"
            + " AND NOT EXISTS (SELECT 1 FROM message_log m WHERE m.timestamp_record = message_log_timestamp.id)";

    private final Store store;
    private final Duration keepRecordsFor;
    private final int batch;
    private final Clock clock;

    /**
     * A cleaner of {@code store} keeping archived records for {@code keepRecordsFor}, deleting at most
     * {@code batch} records per transaction.
     */
    public LogCleaner(Store store, Duration keepRecordsFor, int batch, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.keepRecordsFor = Objects.requireNonNull(keepRecordsFor, "keepRecordsFor");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive");
        }
        this.batch = batch;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The cleaner for {@code settings} ({@link MessageLogSettings#keepRecordsFor()}, the archive transaction batch). */
    public static LogCleaner of(Store store, MessageLogSettings settings, Clock clock) {
        return new LogCleaner(store, settings.keepRecordsFor(), settings.archiveTransactionBatch(), clock);
    }

    /**
     * Deletes the archived records older than the retention period and then the orphaned archived
     * time-stamps; returns how many message records were deleted.
     *
     * @throws org.sild.core.fault.XRoadException {@code DatabaseError} when the store fails (what was
     *         committed before stays deleted)
     */
    public int clean() {
        long before = clock.instant().minus(keepRecordsFor).toEpochMilli();
        int total = 0;
        while (true) {
            int deleted = store.inTransaction(c -> {
                TimestampStore.lock(c, JOB);
                try (PreparedStatement ps = c.prepareStatement(DELETE_RECORDS)) {
                    ps.setLong(1, before);
                    ps.setInt(2, batch);
                    return ps.executeUpdate();
                }
            });
            total += deleted;
            if (deleted < batch) {
                break;
            }
        }
        store.runInTransaction(c -> {
            TimestampStore.lock(c, JOB);
            try (PreparedStatement ps = c.prepareStatement(DELETE_TIMESTAMPS)) {
                ps.executeUpdate();
            }
        });
        return total;
    }
}
