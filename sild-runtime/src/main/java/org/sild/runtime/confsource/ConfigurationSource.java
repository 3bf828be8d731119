package org.sild.runtime.confsource;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.eclipse.jetty.server.Handler;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.EncodedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the global configuration of an instance as an X-Road central server does, until Sild
 * has a central server: from an {@link InstanceDescription} it generates shared parameters
 * (version per directory, up to 6) and private parameters (version 3; 2 in the version 2
 * directory), signs the internal directory (all parts) and the external one (shared parameters
 * only) for every configuration version from 2 to 6, with part files under
 * {@code /V{n}/{generation}/} and {@code Expire-date} = generation time + validity (600 s by
 * default), and serves them through {@link #handler()}. Security servers download it with the
 * anchor from {@link #anchor()} through their normal, verifying configuration client.
 *
 * <p>A new generation is made at construction, on every {@link #update} of the description and,
 * after {@link #start()}, every regeneration interval (60 s by default) so the published
 * configuration never expires while the source runs. Thread-safe; {@link #close()} stops the
 * regeneration (the handler keeps serving the last generation).
 */
public final class ConfigurationSource implements AutoCloseable {

    public static final String INTERNAL_CONF = "internalconf";
    public static final String EXTERNAL_CONF = "externalconf";
    public static final String SHARED_PARAMETERS_FILE = "shared-params.xml";
    public static final String PRIVATE_PARAMETERS_FILE = "private-params.xml";
    /** The configuration versions published, as X-Road 7.8's central server. */
    public static final int MIN_VERSION = 2;
    public static final int MAX_VERSION = 6;
    public static final Duration DEFAULT_VALIDITY = Duration.ofSeconds(600);
    public static final Duration DEFAULT_REGENERATION_INTERVAL = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationSource.class);

    private volatile String address;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration validity;
    private final Duration regenerationInterval;
    private final ConfigurationHandler handler = new ConfigurationHandler(this);
    private final ReentrantLock lock = new ReentrantLock();
    private InstanceDescription description;
    private SigningKey internalKey;
    private final List<X509Certificate> internalCerts = new ArrayList<>();
    private final SigningKey externalKey;
    private final PublicationMaker maker;
    private volatile Publication current;
    private volatile Optional<Publication> previous = Optional.empty();
    private Optional<ScheduledExecutorService> scheduler = Optional.empty();
    private boolean closed;

    private ConfigurationSource(Builder b) {
        this.address = checkAddress(Objects.requireNonNull(b.address, "the source's address is required"));
        this.clock = b.clock;
        this.random = b.random;
        this.validity = b.validity;
        this.regenerationInterval = b.regenerationInterval;
        this.description = Objects.requireNonNull(b.description, "an instance description is required");
        this.internalKey = Objects.requireNonNull(b.internalKey, "a signing key is required");
        this.internalCerts.add(internalKey.cert());
        this.externalKey = b.externalKey.orElse(internalKey);
        this.maker = new PublicationMaker(random, validity);
        regenerate();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Jetty handler serving {@code /internalconf}, {@code /externalconf} and the part files. */
    public Handler handler() {
        return handler;
    }

    /** The {@code host[:port]} clients reach this source at, as published in anchors and shared parameters. */
    public String address() {
        return address;
    }

    /**
     * Moves the source to {@code host[:port]} and publishes: anchors made from now on and the
     * shared parameters' {@code source} name the new address. Lets a source be served on a port
     * chosen at bind time: build it with any address, start the server, then move it.
     */
    public void changeAddress(String newAddress) {
        lock.lock();
        try {
            address = checkAddress(newAddress);
            regenerate();
        } finally {
            lock.unlock();
        }
    }

    /** The instance published. */
    public String instance() {
        lock.lock();
        try {
            return description.instance();
        } finally {
            lock.unlock();
        }
    }

    /** The description in force. */
    public InstanceDescription description() {
        lock.lock();
        try {
            return description;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The anchor security servers of this instance import: {@code http://ADDRESS/internalconf} and the
     * internal signing certificates.
     */
    public ConfigurationAnchor anchor() {
        lock.lock();
        try {
            return anchor(INTERNAL_CONF, internalCerts);
        } finally {
            lock.unlock();
        }
    }

    /** The anchor federated instances import: {@code http://ADDRESS/externalconf} and the external signing cert. */
    public ConfigurationAnchor externalAnchor() {
        return anchor(EXTERNAL_CONF, List.of(externalKey.cert()));
    }

    /** {@link #anchor()} as the XML file X-Road security servers import. */
    public byte[] anchorXml() {
        return anchor().toXml();
    }

    /** Replaces the description and publishes a new generation at once. */
    public void update(InstanceDescription newDescription) {
        update(d -> newDescription);
    }

    /** Changes the description atomically (e.g. {@code d -> d.toBuilder().securityServer(s).build()}) and publishes. */
    public void update(UnaryOperator<InstanceDescription> change) {
        lock.lock();
        try {
            InstanceDescription changed = Objects.requireNonNull(change.apply(description));
            if (!changed.instance().equals(description.instance())) {
                throw new IllegalArgumentException("a source publishes one instance (" + description.instance()
                        + "), not " + changed.instance());
            }
            description = changed;
            regenerate();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lists {@code cert} as a further internal verification certificate (shared parameters
     * {@code source} and the anchor) without signing with it yet: the first step of a key
     * rotation. Publishes a new generation.
     */
    public void announceSigningKey(X509Certificate cert) {
        lock.lock();
        try {
            if (!internalCerts.contains(cert)) {
                internalCerts.add(cert);
            }
            regenerate();
        } finally {
            lock.unlock();
        }
    }

    /** Signs the internal configuration with {@code key} from now on (announcing its certificate too) and publishes. */
    public void useSigningKey(PrivateKey key, X509Certificate cert) {
        lock.lock();
        try {
            internalKey = new SigningKey(key, cert);
            if (!internalCerts.contains(cert)) {
                internalCerts.add(cert);
            }
            regenerate();
        } finally {
            lock.unlock();
        }
    }

    /** Makes and publishes a new generation now. */
    public void regenerate() {
        lock.lock();
        try {
            Publication next = maker.make(address, description, clock.instant(), internalKey, internalCerts,
                    externalKey);
            previous = Optional.ofNullable(current);
            current = next;
            LOG.debug("Published global configuration generation {} of {}, valid until {}", next.generation(),
                    description.instance(), next.expireDate());
        } finally {
            lock.unlock();
        }
    }

    /** The generation in force, e.g. {@code 20251110170000548026000}. */
    public String generation() {
        return current.generation();
    }

    /** The {@code Expire-date} of the generation in force. */
    public Instant expireDate() {
        return current.expireDate();
    }

    /** The signed directory of {@code version}, internal or external, if that version is published. */
    public Optional<byte[]> directory(int version, boolean internal) {
        Publication p = current;
        return Optional.ofNullable((internal ? p.internal() : p.external()).get(version)).map(byte[]::clone);
    }

    /** The part file at URL path {@code path} of the current or the previous generation. */
    public Optional<byte[]> file(String path) {
        Publication p = current;
        byte[] file = p.files().get(path);
        if (file == null) {
            file = previous.map(old -> old.files().get(path)).orElse(null);
        }
        return Optional.ofNullable(file).map(byte[]::clone);
    }

    /** Regenerates every regeneration interval on a virtual thread. Idempotent. */
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the configuration source is closed");
            }
            if (scheduler.isEmpty()) {
                var executor = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofVirtual().name("globalconf-source").factory());
                long period = regenerationInterval.toMillis();
                executor.scheduleWithFixedDelay(this::scheduledRegeneration, period, period, TimeUnit.MILLISECONDS);
                scheduler = Optional.of(executor);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops regenerating; the handler keeps serving the last generation. */
    @Override
    public void close() {
        Optional<ScheduledExecutorService> running;
        lock.lock();
        try {
            closed = true;
            running = scheduler;
            scheduler = Optional.empty();
        } finally {
            lock.unlock();
        }
        running.ifPresent(ScheduledExecutorService::shutdownNow);
    }

    private void scheduledRegeneration() {
        try {
            regenerate();
        } catch (RuntimeException e) {
            LOG.error("Cannot regenerate the global configuration", e);
        }
    }

    private static String checkAddress(String address) {
        if (address.isBlank() || address.contains("/") || address.contains("?") || address.contains("#")
                || address.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("address must be host[:port], not '" + address + "'");
        }
        return address;
    }

    private ConfigurationAnchor anchor(String conf, List<X509Certificate> certs) {
        var source = new org.sild.core.globalconf.ConfigurationSource("http://" + address + "/" + conf,
                certs.stream().map(EncodedCertificate::of).toList());
        return new ConfigurationAnchor(Optional.of(clock.instant().truncatedTo(ChronoUnit.MILLIS)), instance(),
                List.of(source));
    }

    /** Options of a {@link ConfigurationSource}. Not thread-safe. */
    public static final class Builder {
        private String address;
        private InstanceDescription description;
        private SigningKey internalKey;
        private Optional<SigningKey> externalKey = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new SecureRandom();
        private Duration validity = DEFAULT_VALIDITY;
        private Duration regenerationInterval = DEFAULT_REGENERATION_INTERVAL;

        private Builder() {
        }

        /** The {@code host[:port]} clients reach the handler at (required), e.g. {@code 127.0.0.1:8070}. */
        public Builder address(String address) {
            this.address = checkAddress(address);
            return this;
        }

        /** The instance to publish (required). */
        public Builder description(InstanceDescription description) {
            this.description = Objects.requireNonNull(description);
            return this;
        }

        /** The key signing the internal configuration and its certificate (required; RSA or EC). */
        public Builder signingKey(PrivateKey key, X509Certificate cert) {
            this.internalKey = new SigningKey(Objects.requireNonNull(key), Objects.requireNonNull(cert));
            return this;
        }

        /** A separate key for the external configuration (default: the internal signing key). */
        public Builder externalSigningKey(PrivateKey key, X509Certificate cert) {
            this.externalKey = Optional.of(new SigningKey(Objects.requireNonNull(key), Objects.requireNonNull(cert)));
            return this;
        }

        /** The clock generation times and expiry come from (default the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Randomness for MIME boundaries (default a {@code SecureRandom}). */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** How long each generation is valid (default 600 s, X-Road's {@code confExpireIntervalSeconds}). */
        public Builder validity(Duration validity) {
            this.validity = positive(validity, "validity");
            return this;
        }

        /** How often {@link #start() started} sources regenerate (default 60 s). */
        public Builder regenerationInterval(Duration interval) {
            this.regenerationInterval = positive(interval, "regeneration interval");
            return this;
        }

        /** The source, with its first generation published. */
        public ConfigurationSource build() {
            return new ConfigurationSource(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, not " + d);
            }
            return d;
        }
    }
}
