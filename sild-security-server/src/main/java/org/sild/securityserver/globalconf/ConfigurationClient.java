package org.sild.securityserver.globalconf;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ContentPart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security server's configuration client: downloads the global configuration from the
 * sources of the imported configuration anchor, verifies it, stores it in X-Road's on-disk layout
 * and puts it in force, every {@code update-interval} (60 s by default).
 *
 * <p>Each run ({@link #update()}) negotiates the version, verifies the signed directory with the
 * anchor's certificates (and, for signing-key rotation, those the last verified shared parameters
 * list), downloads only parts whose hash changed, fetches the shared parameters of federated
 * instances allowed by {@link AllowedFederations}, writes a complete new generation and switches
 * to it atomically on disk and in memory. A failed run changes nothing and is reported to the
 * {@link UpdateListener}; the previous configuration serves until it expires, after which
 * {@link #current} throws {@code OutdatedGlobalConf}.
 *
 * <p>Lifecycle: {@link #builder} → {@link Builder#build()} loads what an earlier run stored, so
 * a restarted server serves at once if that has not expired; {@link #start()} schedules runs on a
 * virtual thread (the first immediately); {@link #close()} stops them. The fetcher belongs to the
 * caller and is not closed here. Thread-safe: runs are serialised, readers never block.
 */
public final class ConfigurationClient implements GlobalConfProvider, AutoCloseable {

    /** X-Road's default interval between runs. */
    public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofSeconds(60);
    /** Gauge of the seconds until the own configuration expires. */
    public static final String EXPIRES_IN = "sild.globalconf.expires.in";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationClient.class);

    private final GlobalConfStore store;
    private final Clock clock;
    private final Duration updateInterval;
    private final AllowedFederations federations;
    private final UpdateListener listener;
    private final LocationPlanner planner;
    private final DirectoryDownloader downloader;
    private final ReentrantLock runLock = new ReentrantLock();
    private final ReentrantLock lifecycleLock = new ReentrantLock();
    private final AtomicReference<Optional<ConfigurationAnchor>> anchor;
    private final AtomicReference<Optional<GlobalConf>> conf = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Optional<UpdateResult>> lastResult = new AtomicReference<>(Optional.empty());
    private Optional<ScheduledExecutorService> scheduler = Optional.empty();
    private boolean closed;

    private ConfigurationClient(Builder b) {
        this.store = new GlobalConfStore(b.directory);
        this.clock = b.clock;
        this.updateInterval = b.updateInterval;
        this.federations = b.allowedFederations;
        this.listener = b.listener;
        this.planner = new LocationPlanner(b.random);
        this.downloader = new DirectoryDownloader(Objects.requireNonNull(b.fetcher, "a fetcher is required"));
        this.anchor = new AtomicReference<>(b.anchor.or(() -> store.readAnchor().map(ConfigurationAnchor::parse)));
        this.anchor.get().ifPresent(ConfigurationClient::checkAnchor);
        store.cleanUp();
        loadStored();
    }

    /** A builder for a client keeping its files under {@code directory}. */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /**
     * The configuration in force at {@code now}.
     *
     * @throws XRoadException {@code OutdatedGlobalConf} when none has been verified yet or the own
     *         instance's private or shared parameters expired
     */
    @Override
    public GlobalConf current(Instant now) {
        GlobalConf c = conf.get().orElseThrow(() -> new XRoadException(ErrorCode.OUTDATED_GLOBAL_CONF,
                "no verified global configuration yet" + anchor.get().map(a -> " for instance "
                        + a.instanceIdentifier()).orElse(": no configuration anchor has been imported")));
        c.checkValid(now);
        return c;
    }

    /** The last verified configuration, whether or not it has expired. */
    public Optional<GlobalConf> latest() {
        return conf.get();
    }

    /**
     * Publishes {@value #EXPIRES_IN} in {@code registry}: seconds until the own instance's configuration
     * expires (negative once it has; absent before the first verified download), the figure to alert on.
     */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder(EXPIRES_IN, () -> latest().flatMap(c -> c.stored().own().part(ContentPart.SHARED_PARAMETERS))
                        .flatMap(p -> p.metadata().expirationDate())
                        .map(t -> (double) Duration.between(clock.instant(), t).toSeconds()).orElse(Double.NaN))
                .description("seconds until the own instance's global configuration expires")
                .baseUnit("seconds").register(registry);
    }

    /** The anchor in use, if one has been given or imported. */
    public Optional<ConfigurationAnchor> anchor() {
        return anchor.get();
    }

    /**
     * Imports a configuration anchor file: checks it, stores it for restarts and uses it from the
     * next run on. An anchor of another instance drops the configuration in force.
     *
     * @throws XRoadException {@code MalformedAnchor} naming what is wrong with the file
     */
    public ConfigurationAnchor importAnchor(byte[] anchorXml) {
        ConfigurationAnchor parsed = ConfigurationAnchor.parse(anchorXml);
        checkAnchor(parsed);
        runLock.lock();
        try {
            store.writeAnchor(anchorXml);
            anchor.set(Optional.of(parsed));
            if (conf.get().filter(c -> !c.instance().equals(parsed.instanceIdentifier())).isPresent()) {
                conf.set(Optional.empty());
            }
        } finally {
            runLock.unlock();
        }
        LOG.info("Imported the configuration anchor of instance {} (hash {})", parsed.instanceIdentifier(),
                ConfigurationAnchor.fileHash(anchorXml));
        return parsed;
    }

    /**
     * Runs the client once now, on the calling thread (a run already under way is waited for).
     * Never throws for download or verification failures: they are in the result.
     */
    public UpdateResult update() {
        runLock.lock();
        UpdateResult result;
        try {
            Instant now = clock.instant();
            Optional<ConfigurationAnchor> a = anchor.get();
            if (a.isEmpty()) {
                result = UpdateResult.failed(now, List.of(new UpdateResult.Problem("anchor",
                        FaultCode.of(ErrorCode.MALFORMED_ANCHOR), "no configuration anchor has been imported")));
            } else {
                result = run(a.get(), now);
            }
            lastResult.set(Optional.of(result));
        } finally {
            runLock.unlock();
        }
        if (!result.updated()) {
            LOG.error("Global configuration update failed; the configuration in force stays until it expires: {}",
                    result.problems());
        }
        try {
            listener.updated(result);
        } catch (RuntimeException e) {
            LOG.warn("Update listener failed: {}", e.toString());
        }
        return result;
    }

    private UpdateResult run(ConfigurationAnchor a, Instant now) {
        try {
            var outcome = new UpdateRun(a, conf.get(), planner, downloader, store, federations, now).run();
            outcome.conf().ifPresent(c -> conf.set(Optional.of(c)));
            return outcome.result();
        } catch (RuntimeException e) {
            // A bug must not stop the schedule or escape to callers; the configuration in force stays.
            LOG.error("Global configuration update failed unexpectedly", e);
            return UpdateResult.failed(now, List.of(new UpdateResult.Problem(store.root().toString(),
                    FaultCode.of(ErrorCode.INTERNAL_ERROR), e.toString())));
        }
    }

    /** The result of the last run, if there was one. */
    public Optional<UpdateResult> lastResult() {
        return lastResult.get();
    }

    /** The directory holding the configuration in force in X-Road's layout ({@code DIR/current}). */
    public Path storedTree() {
        return store.root().resolve(GlobalConfStore.CURRENT);
    }

    /** Schedules runs every update interval on a virtual thread, the first one now. Idempotent. */
    public void start() {
        lifecycleLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the configuration client is closed");
            }
            if (scheduler.isEmpty()) {
                var executor = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofVirtual().name("globalconf-client").factory());
                executor.scheduleWithFixedDelay(this::scheduledUpdate, 0, updateInterval.toMillis(),
                        TimeUnit.MILLISECONDS);
                scheduler = Optional.of(executor);
            }
        } finally {
            lifecycleLock.unlock();
        }
    }

    /** Stops scheduled runs, waiting briefly for one under way. */
    @Override
    public void close() {
        lifecycleLock.lock();
        try {
            closed = true;
            scheduler.ifPresent(executor -> {
                executor.shutdownNow();
                try {
                    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                        LOG.warn("A global configuration update was still running when the client closed");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            scheduler = Optional.empty();
        } finally {
            lifecycleLock.unlock();
        }
    }

    private void scheduledUpdate() {
        try {
            update();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; log and keep going.
            LOG.error("Global configuration update failed unexpectedly", e);
        }
    }

    private void loadStored() {
        try {
            Optional<GlobalConf> stored = store.load().map(GlobalConf::new);
            if (stored.isPresent() && anchor.get().filter(a -> a.instanceIdentifier()
                    .equals(stored.get().instance())).isEmpty()) {
                LOG.warn("Ignoring the stored global configuration of instance {}: the anchor is for another one",
                        stored.get().instance());
                return;
            }
            conf.set(stored);
            stored.ifPresent(c -> LOG.info("Loaded the stored global configuration of {} from {}", c.instance(),
                    storedTree()));
        } catch (XRoadException e) {
            LOG.warn("Cannot load the stored global configuration, waiting for a download: {}", e.getMessage());
        }
    }

    private static void checkAnchor(ConfigurationAnchor a) {
        if (!GlobalConfStore.isSafeName(a.instanceIdentifier())) {
            throw new XRoadException(ErrorCode.MALFORMED_ANCHOR, "the anchor's instance identifier '"
                    + a.instanceIdentifier() + "' cannot be used as a directory name");
        }
    }

    /** Options of a {@link ConfigurationClient}. Not thread-safe. */
    public static final class Builder {
        private final Path directory;
        private Optional<ConfigurationAnchor> anchor = Optional.empty();
        private ConfigurationFetcher fetcher;
        private Clock clock = Clock.systemUTC();
        private Duration updateInterval = DEFAULT_UPDATE_INTERVAL;
        private AllowedFederations allowedFederations = AllowedFederations.NONE;
        private RandomGenerator random = new SecureRandom();
        private UpdateListener listener = result -> { };

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory);
        }

        /** The anchor to use; without one, the anchor imported earlier (stored in the directory) is used. */
        public Builder anchor(ConfigurationAnchor anchor) {
            this.anchor = Optional.of(anchor);
            return this;
        }

        /** How to download (required); usually an {@link HttpConfigurationFetcher}. */
        public Builder fetcher(ConfigurationFetcher fetcher) {
            this.fetcher = Objects.requireNonNull(fetcher);
            return this;
        }

        /** The clock expiry is checked against (default the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Time between scheduled runs (default 60 s). */
        public Builder updateInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("update-interval must be positive, not " + interval);
            }
            this.updateInterval = interval;
            return this;
        }

        /** Federated instances whose shared parameters are downloaded (default none). */
        public Builder allowedFederations(AllowedFederations allowed) {
            this.allowedFederations = Objects.requireNonNull(allowed);
            return this;
        }

        /** Randomness for shuffling locations (default a {@code SecureRandom}). */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** Told every run's result (health, metrics). */
        public Builder listener(UpdateListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /**
         * The client, with the stored configuration loaded (no download yet).
         *
         * @throws XRoadException {@code MalformedAnchor} when the stored anchor cannot be read
         */
        public ConfigurationClient build() {
            return new ConfigurationClient(this);
        }
    }
}
