package org.sild.securityserver.messagelog;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link LogArchiver} every archive interval and the {@link LogCleaner} every clean interval,
 * one job at a time on one (virtual) thread. A failed run is logged (the archiver also counts it) and
 * the job runs again at its next interval.
 *
 * <p>Lifecycle: {@link #start} schedules the first runs one interval later; {@link #close} stops the
 * thread, interrupting a run in progress (its transaction rolls back). Thread-safe.
 */
public final class ArchiveSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveSchedule.class);

    private final ScheduledExecutorService executor;

    private ArchiveSchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Schedules {@code archiver} every {@code archiveInterval} and {@code cleaner} every {@code cleanInterval}. */
    public static ArchiveSchedule start(LogArchiver archiver, Duration archiveInterval, LogCleaner cleaner,
            Duration cleanInterval) {
        var executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("message-log-archiver")
                .factory());
        executor.scheduleWithFixedDelay(() -> run("archiving", archiver::archive), archiveInterval.toMillis(),
                archiveInterval.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> run("cleaning", cleaner::clean), cleanInterval.toMillis(),
                cleanInterval.toMillis(), TimeUnit.MILLISECONDS);
        return new ArchiveSchedule(executor);
    }

    /** The schedule of {@code settings}' intervals. */
    public static ArchiveSchedule start(LogArchiver archiver, LogCleaner cleaner, MessageLogSettings settings) {
        return start(archiver, settings.archiveInterval(), cleaner, settings.cleanInterval());
    }

    private static void run(String job, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // The scheduler would stop a job whose run throws; log and keep the schedule.
            LOG.error("message log {} failed, retried at the next interval: {}", job, e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("message log archiving did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
