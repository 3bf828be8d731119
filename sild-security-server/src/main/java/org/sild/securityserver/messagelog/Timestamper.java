package org.sild.securityserver.messagelog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.globalconf.PrivateParameters;
import org.sild.runtime.health.HealthCheck;
import org.sild.runtime.health.HealthStatus;
import org.sild.runtime.store.Store;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.globalconf.GlobalConfProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time-stamps the message log (digest 05 §2): on every interval it takes the records that are not
 * time-stamped, in id order and at most {@code timestampRecordsLimit} at a time, and stamps them with a
 * TSA of global configuration. One pending record gets a <em>single</em> time-stamp (imprint over its raw
 * signature value; the token is embedded in the stored signature as {@code xades:SignatureTimeStamp}); several
 * get one <em>batch</em> time-stamp over a hash chain result ({@code /ts-hashchain.xml#STEP0}, leaves
 * {@code /META-INF/signatures.xml} = the records' signature hashes), and each record keeps its own chain.
 * Each batch is one transaction that holds the {@code timestamper} job lock, so nodes sharing the store
 * take turns and nothing is half-written. After a success the whole backlog is stamped, batch after batch.
 *
 * <p>Failure policy: the time-stamper remembers since when stamping has failed (the first failure of the
 * current streak; after a restart, the oldest pending record's time when the first run fails). Once that is
 * longer ago than {@code acceptableTimestampFailurePeriod} (zero disables), {@link StoreMessageLog} refuses new
 * records with {@code LoggingFailed.TimestamperFailed}, as X-Road does, until a run succeeds. Without any
 * approved TSA, records are refused at once. A failed run is retried after {@code timestampRetryDelay}
 * (at most the interval). An expired global configuration is a failure.
 *
 * <p>Thread-safe. {@link #start} schedules the runs on a virtual thread; {@link #stampPending} may also be
 * called from any thread (runs never overlap in one process); {@link #close} stops the runs and the TSA client.
 */
public final class Timestamper implements AutoCloseable {

    /** Gauge: records not yet time-stamped. */
    public static final String PENDING = "sild.messagelog.timestamp.pending";
    /** Counter: records time-stamped. */
    public static final String STAMPED = "sild.messagelog.timestamp.stamped";
    /** Counter: failed runs. */
    public static final String FAILURES = "sild.messagelog.timestamp.failures";
    /** Gauge: time of the last successful time-stamp, epoch seconds. */
    public static final String LAST_SUCCESS = "sild.messagelog.timestamp.last.success";

    private static final Logger LOG = LoggerFactory.getLogger(Timestamper.class);
    private static final int MIN_GLOBAL_INTERVAL = 60;
    private static final int MAX_GLOBAL_INTERVAL = 86_400;

    private final Store store;
    private final GlobalConfProvider globalConf;
    private final MessageLogSettings settings;
    private final Clock clock;
    private final TsaClient tsa;
    private final Stamping stamping;
    private final ReentrantLock runLock = new ReentrantLock();
    private final AtomicReference<Instant> failingSince = new AtomicReference<>();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final Counter stamped;
    private final Counter failures;
    private final ScheduledExecutorService scheduler;
    private volatile boolean ranOnce;
    private volatile boolean closed;

    private Timestamper(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store");
        this.globalConf = Objects.requireNonNull(b.globalConf, "globalConf");
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.stamped = Counter.builder(STAMPED).register(b.registry);
        this.failures = Counter.builder(FAILURES).register(b.registry);
        Gauge.builder(PENDING, this, Timestamper::pendingForGauge).strongReference(true).register(b.registry);
        Gauge.builder(LAST_SUCCESS, lastSuccess, t -> t.get() == null ? Double.NaN : t.get().getEpochSecond())
                .strongReference(true).register(b.registry);
        this.tsa = new TsaClient(settings.tsaConnectTimeout(), settings.tsaReadTimeout());
        this.stamping = new Stamping(tsa, clock, settings.timestampRecordsLimit());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("timestamper").factory());
    }

    /** A builder; store and global configuration are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts the periodic runs, the first one interval after now. Call once. */
    public Timestamper start() {
        schedule(interval());
        return this;
    }

    /**
     * Stamps every record pending now, batch after batch, and returns how many it stamped. Used by the
     * schedule, by {@code /asic?force} and by tests. Waits while another run of this process is under way.
     *
     * @throws XRoadException {@code TimestampingFailed} when no TSA gave a valid time-stamp, or the fault
     *         of whatever else failed ({@code OutdatedGlobalConf}, {@code DatabaseError}, ...); the failure
     *         counts toward the failure period and nothing of the failed batch is stored
     */
    public int stampPending() {
        runLock.lock();
        try {
            int total = 0;
            while (true) {
                Stamping.Batch batch;
                try {
                    batch = store.inTransaction(c -> stamping.stampOneBatch(c, () -> tsas(clock.instant())));
                } catch (RuntimeException e) {
                    failed(e);
                    throw e;
                }
                total += batch.stamped();
                if (batch.taken() < settings.timestampRecordsLimit() || closed) {
                    succeeded(total);
                    return total;
                }
            }
        } finally {
            ranOnce = true;
            runLock.unlock();
        }
    }

    /** Since when time-stamping has been failing, if it is failing now. */
    public Optional<Instant> failingSince() {
        return Optional.ofNullable(failingSince.get());
    }

    /** The {@code time-stamping} health check: DOWN once stamping has failed for longer than the failure period. */
    public HealthCheck healthCheck() {
        return () -> {
            Instant since = failingSince.get();
            if (since == null) {
                return HealthStatus.up();
            }
            return pastFailurePeriod(since, clock.instant())
                    ? HealthStatus.down("time-stamping has failed since " + since + "; new messages are refused")
                    : HealthStatus.up("time-stamping has failed since " + since);
        };
    }

    /** Whether records are stamped while they are logged ({@code timestampImmediately}). */
    public boolean immediate() {
        return settings.timestampImmediately();
    }

    /**
     * Refuses a new record when it could not be time-stamped: no approved TSA, or (unless stamping
     * immediately) stamping has failed for longer than the acceptable period.
     *
     * @throws XRoadException {@code LoggingFailed.TimestamperFailed}; {@code LoggingFailed.<fault>} when
     *         global configuration cannot be used
     */
    void checkCanLog() {
        Instant now = clock.instant();
        List<ApprovedTsa> tsas;
        try {
            tsas = globalConf.current(now).own().approvedTsas();
        } catch (XRoadException e) {
            throw e.withPrefix(ErrorCode.LOGGING_FAILED);
        }
        if (tsas.isEmpty()) {
            throw refusal("Cannot time-stamp messages: no timestamping services configured");
        }
        Instant since = failingSince.get();
        if (!settings.timestampImmediately() && since != null && pastFailurePeriod(since, now)) {
            throw refusal("Cannot time-stamp messages: time-stamping has failed since " + since
                    + ", longer than the acceptable failure period of " + settings.acceptableTimestampFailurePeriod());
        }
    }

    /**
     * Stamps record {@code id} with a single time-stamp now (for {@code timestampImmediately}); nothing
     * happens when it is already stamped.
     *
     * @throws XRoadException {@code LoggingFailed.TimestampingFailed} (or {@code LoggingFailed.<fault>}) when
     *         it cannot be stamped; the record stays in the log and the schedule stamps it later
     */
    void stampImmediately(long id) {
        try {
            Optional<byte[]> signature = store.withConnection(c -> TimestampStore.pendingSignature(c, id));
            if (signature.isEmpty()) {
                return;
            }
            Stamping.Single single = stamping.single(signature.get(), tsas(clock.instant()));
            boolean marked = store.inTransaction(c -> stamping.writeSingle(c, id, single));
            succeeded(marked ? 1 : 0);
        } catch (XRoadException e) {
            failed(e);
            throw e.withPrefix(ErrorCode.LOGGING_FAILED);
        } catch (RuntimeException e) {
            failed(e);
            throw new XRoadException(FaultCode.of(ErrorCode.LOGGING_FAILED, ErrorCode.TIMESTAMPING_FAILED),
                    "cannot time-stamp record " + id + ": " + e, e);
        }
    }

    /** The own instance's approved TSAs, in global configuration's order; an expired configuration fails. */
    private List<ApprovedTsa> tsas(Instant now) {
        List<ApprovedTsa> tsas = globalConf.current(now).own().approvedTsas();
        if (tsas.isEmpty()) {
            throw new XRoadException(ErrorCode.TIMESTAMPING_FAILED, "no timestamping services configured");
        }
        return tsas;
    }

    private void succeeded(int count) {
        if (count > 0) {
            stamped.increment(count);
            lastSuccess.set(clock.instant());
        }
        Instant since = failingSince.getAndSet(null);
        if (since != null) {
            LOG.info("time-stamping works again (it had failed since {})", since);
        }
    }

    private void failed(RuntimeException e) {
        failures.increment();
        Instant now = clock.instant();
        Instant start = now;
        if (!ranOnce) {
            // After a restart the streak may have begun before: the oldest unstamped record bounds it.
            try {
                start = store.withConnection(TimestampStore::oldestPending).filter(now::isAfter).orElse(now);
            } catch (RuntimeException ignored) {
                start = now;
            }
        }
        if (failingSince.compareAndSet(null, start)) {
            LOG.warn("time-stamping failed: {}", e.getMessage());
        }
    }

    private boolean pastFailurePeriod(Instant since, Instant now) {
        Duration period = settings.acceptableTimestampFailurePeriod();
        return !period.isZero() && now.minus(period).isAfter(since);
    }

    private static XRoadException refusal(String message) {
        return new XRoadException(FaultCode.of(ErrorCode.LOGGING_FAILED, ErrorCode.TIMESTAMPER_FAILED), message);
    }

    private double pendingForGauge() {
        try {
            return store.withConnection(TimestampStore::countPending);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private void runScheduled() {
        Duration next;
        try {
            int count = stampPending();
            LOG.debug("time-stamped {} message log records", count);
            next = interval();
        } catch (RuntimeException e) {
            Duration interval = interval();
            next = settings.timestampRetryDelay().compareTo(interval) < 0 ? settings.timestampRetryDelay() : interval;
            LOG.warn("time-stamping run failed ({}); next try in {}", e.getMessage(), next);
        }
        schedule(next);
    }

    private void schedule(Duration delay) {
        if (!closed) {
            try {
                scheduler.schedule(this::runScheduled, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("the time-stamper closed before its next run was scheduled");
            }
        }
    }

    /** The configured interval, else global configuration's {@code timeStampingIntervalSeconds} (60 s…1 day). */
    Duration interval() {
        return settings.timestampInterval().orElseGet(() -> {
            int seconds = MIN_GLOBAL_INTERVAL;
            try {
                GlobalConf conf = globalConf.current(clock.instant());
                seconds = conf.stored().own().privateParameters()
                        .map(PrivateParameters::timeStampingIntervalSeconds).orElse(MIN_GLOBAL_INTERVAL);
            } catch (RuntimeException e) {
                LOG.debug("no time-stamping interval from global configuration: {}", e.getMessage());
            }
            return Duration.ofSeconds(Math.min(Math.max(seconds, MIN_GLOBAL_INTERVAL), MAX_GLOBAL_INTERVAL));
        });
    }

    /** Stops the runs (a run under way is interrupted and rolled back) and the TSA client. Idempotent. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the time-stamper did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tsa.close();
    }

    /** Builds a {@link Timestamper}. Not thread-safe. */
    public static final class Builder {
        private Store store;
        private GlobalConfProvider globalConf;
        private MessageLogSettings settings = MessageLogSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private MeterRegistry registry = new CompositeMeterRegistry();

        private Builder() {
        }

        /** The security server's store with the message log tables. */
        public Builder store(Store value) {
            store = value;
            return this;
        }

        /** Where the approved TSAs and the time-stamping interval come from. */
        public Builder globalConf(GlobalConfProvider value) {
            globalConf = value;
            return this;
        }

        /** The message log settings (X-Road's defaults unless given). */
        public Builder settings(MessageLogSettings value) {
            settings = value;
            return this;
        }

        /** The clock for stamp times and the failure period (the system clock unless given). */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** Where the time-stamper's meters go (nowhere unless given). */
        public Builder metrics(MeterRegistry value) {
            registry = value;
            return this;
        }

        /** A time-stamper, not started yet. */
        public Timestamper build() {
            return new Timestamper(this);
        }
    }
}
