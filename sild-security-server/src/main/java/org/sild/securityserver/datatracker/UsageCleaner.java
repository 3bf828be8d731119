package org.sild.securityserver.datatracker;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes usage records older than {@link DataTrackerSettings#keepRecordsForDays()}, in batches,
 * each under the {@code pdu-cleaner} job lock (migration V6_1) so that nodes sharing the store take
 * turns. {@link #clean} is one run; {@link #start} schedules runs every clean interval until
 * {@link #close}. Thread-safe.
 */
public final class UsageCleaner implements AutoCloseable {

    static final String JOB = "pdu-cleaner";
    private static final int BATCH = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(UsageCleaner.class);

    private final Store store;
    private final DataTrackerSettings settings;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public UsageCleaner(Store store, DataTrackerSettings settings, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Deletes the records logged before the retention period; returns how many. */
    public int clean() {
        long before = clock.instant().minus(settings.keepRecordsFor()).toEpochMilli();
        int total = 0;
        while (true) {
            int deleted = store.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT name FROM job_lock WHERE name = ? FOR UPDATE")) {
                    ps.setString(1, JOB);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new XRoadException(ErrorCode.DATABASE_ERROR, "no job lock row '" + JOB + "'");
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM pdu_usage WHERE id IN (SELECT id FROM"
                        + " pdu_usage WHERE log_time < ? ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY)")) {
                    ps.setLong(1, before);
                    return ps.executeUpdate();
                }
            });
            total += deleted;
            if (deleted < BATCH) {
                return total;
            }
        }
    }

    /** Runs {@link #clean} now and then every clean interval, on a virtual thread. */
    public synchronized UsageCleaner start() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("pdu-cleaner").factory());
            long every = settings.cleanInterval().toMillis();
            executor.scheduleWithFixedDelay(this::cleanLogged, 0, every, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void cleanLogged() {
        try {
            int deleted = clean();
            if (deleted > 0) {
                LOG.info("deleted {} personal data usage records older than {} days", deleted,
                        settings.keepRecordsForDays());
            }
        } catch (RuntimeException e) {
            LOG.warn("cleaning personal data usage records failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
