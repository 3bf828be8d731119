package org.sild.securityserver.opmonitor;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sild.runtime.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operational monitoring: takes the record of every exchange ({@link #submit}), keeps in-memory
 * health statistics and writes the records to the store in the background, where the monitoring
 * services query them.
 *
 * <p>Monitoring never fails an exchange: {@link #submit} does not block or throw; when the bounded
 * buffer is full, or the store refuses a batch, the records are dropped and counted
 * ({@link #dropped()}, metric {@value #DROPPED}). Thread-safe. {@link #open} starts one writer thread,
 * which also removes the records past retention every {@link OpMonitorSettings#cleanInterval()};
 * {@link #close} stops it after writing what is buffered. The store may be shared by several
 * servers: removal is one idempotent {@code DELETE} by age, so it needs no job lock.
 */
public final class OpMonitor implements AutoCloseable {

    /** The counter of records dropped (buffer full or store failure). */
    public static final String DROPPED = "sild.opmonitor.records.dropped";
    /** The gauge of records waiting in the buffer. */
    public static final String QUEUED = "sild.opmonitor.records.queued";
    /** The counter of records stored. */
    public static final String STORED = "sild.opmonitor.records.stored";

    private static final Logger LOG = LoggerFactory.getLogger(OpMonitor.class);

    private final OpMonitorSettings settings;
    private final Clock clock;
    private final Optional<OpStore> store;
    private final BlockingQueue<OpRecord> queue;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final HealthStatistics health;
    private final Optional<Thread> writer;
    private volatile boolean running = true;
    private Instant lastClean;

    OpMonitor(Optional<OpStore> store, OpMonitorSettings settings, Clock clock, boolean startWriter) {
        this.settings = settings;
        this.clock = clock;
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, settings.bufferSize()));
        this.health = new HealthStatistics(settings.healthStatisticsPeriod(), clock.instant());
        this.lastClean = clock.instant();
        this.writer = store.filter(s -> startWriter)
                .map(s -> Thread.ofPlatform().daemon().name("op-monitor-writer").start(this::write));
    }

    /**
     * Operational monitoring into {@code store} by {@code settings}; off (records nothing) unless
     * {@link OpMonitorSettings#recording()}.
     */
    public static OpMonitor open(Store store, OpMonitorSettings settings, Clock clock) {
        Objects.requireNonNull(store, "store");
        return new OpMonitor(settings.recording() ? Optional.of(new OpStore(store)) : Optional.empty(), settings,
                Objects.requireNonNull(clock, "clock"), true);
    }

    /** Operational monitoring switched off: every record is ignored. */
    public static OpMonitor off() {
        return new OpMonitor(Optional.empty(), OpMonitorSettings.builder().enabled(false).build(), Clock.systemUTC(), false);
    }

    /** Whether records are kept (and the monitoring services can be answered). */
    public boolean enabled() {
        return store.isPresent();
    }

    public OpMonitorSettings settings() {
        return settings;
    }

    /** Takes the finished record of one exchange; never blocks or throws. */
    public void submit(OpRecord record) {
        if (store.isEmpty() || !running) {
            return;
        }
        try {
            health.add(record);
        } catch (RuntimeException e) {
            LOG.warn("health statistics skipped a record: {}", e.toString());
        }
        pending.incrementAndGet();
        if (!queue.offer(record)) {
            pending.decrementAndGet();
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) {
                LOG.warn("operational monitoring buffer full ({} records): {} records dropped so far",
                        settings.bufferSize(), n);
            }
        }
    }

    /** Publishes {@value #DROPPED}, {@value #STORED} and {@value #QUEUED} in {@code registry}. */
    public OpMonitor bindMetrics(MeterRegistry registry) {
        FunctionCounter.builder(DROPPED, dropped, AtomicLong::get)
                .description("operational data records dropped (buffer full or store failure)").register(registry);
        FunctionCounter.builder(STORED, stored, AtomicLong::get)
                .description("operational data records stored").register(registry);
        Gauge.builder(QUEUED, queue, BlockingQueue::size)
                .description("operational data records waiting to be stored").register(registry);
        return this;
    }

    /** How many records were dropped (buffer full or store failure) since start. */
    public long dropped() {
        return dropped.get();
    }

    /** How many records were stored since start. */
    public long stored() {
        return stored.get();
    }

    /** Waits up to {@code timeout} until every submitted record is written (or dropped); true if it is. */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Deletes the records older than the retention period; returns how many. */
    public int clean() {
        return store.map(s -> s.deleteBefore(clock.instant().minus(settings.keepRecordsFor()).getEpochSecond()))
                .orElse(0);
    }

    /** Stops taking records, writes what is buffered (bounded wait) and stops the writer. */
    @Override
    public void close() {
        running = false;
        flush(Duration.ofSeconds(10));
        writer.ifPresent(Thread::interrupt);
    }

    OpStore store() {
        return store.orElseThrow();
    }

    HealthStatistics health() {
        return health;
    }

    Instant now() {
        return clock.instant();
    }

    private void write() {
        var batch = new ArrayList<OpRecord>(settings.maxRecordsPerWrite());
        while (running || !queue.isEmpty()) {
            try {
                OpRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                cleanWhenDue();
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.maxRecordsPerWrite() - 1);
                store(List.copyOf(batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                pending.addAndGet(-batch.size());
                batch.clear();
            }
        }
    }

    /** Removes old records between batches, every clean interval (X-Road: 12 hours). */
    private void cleanWhenDue() {
        Instant now = clock.instant();
        if (Duration.between(lastClean, now).compareTo(settings.cleanInterval()) < 0) {
            return;
        }
        lastClean = now;
        try {
            int deleted = clean();
            LOG.debug("removed {} operational data records past retention", deleted);
        } catch (RuntimeException e) {
            LOG.warn("cannot remove old operational data records: {}", e.toString());
        }
    }

    private void store(List<OpRecord> batch) {
        try {
            store.orElseThrow().insert(batch, clock.instant().getEpochSecond());
            stored.addAndGet(batch.size());
        } catch (RuntimeException e) {
            dropped.addAndGet(batch.size());
            LOG.warn("cannot store {} operational data records (dropped): {}", batch.size(), e.toString());
        }
    }
}
