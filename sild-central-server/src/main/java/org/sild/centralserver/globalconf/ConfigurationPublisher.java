package org.sild.centralserver.globalconf;

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
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.server.Handler;
import org.sild.centralserver.registry.Registry;
import org.sild.centralserver.registry.SigningKeyRecord;
import org.sild.centralserver.registry.SigningKeyRecord.Kind;
import org.sild.centralserver.registry.SigningKeyRecord.State;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.runtime.confsource.ConfigurationSource;
import org.sild.runtime.confsource.InstanceDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the registry as signed global configuration: internal ({@code /internalconf}) and
 * external ({@code /externalconf}) directories for versions 2 to 6 with their part files, through
 * a {@link ConfigurationSource} built from the registry's description and signing keys.
 *
 * <p>{@link #publish()} makes a new generation from the registry as it is now; the central server
 * calls it on every registry change and {@linkplain #start() every regeneration interval}, so the
 * configuration never expires while the server runs and changes made by another node sharing the
 * store are published too. When the signing keys (active or announced) or the validity setting
 * change, a new source is built and switched to; the previous one keeps serving its part files.
 * When the registry cannot be published (no management services, no active key, an unreadable key
 * file) the last publication stays in force and {@link #status()} says why. Thread-safe.
 */
public final class ConfigurationPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationPublisher.class);

    /** What the published configuration is now. */
    public record Status(Optional<String> generation, Optional<Instant> expireDate, Optional<String> problem) {

        public Status {
            Objects.requireNonNull(generation);
            Objects.requireNonNull(expireDate);
            Objects.requireNonNull(problem);
        }

        /** Whether a configuration is published and not expired at {@code now}. */
        public boolean valid(Instant now) {
            return expireDate.filter(now::isBefore).isPresent();
        }
    }

    /** The key material a source is built with; a change means a new source. */
    private record KeySet(String internal, List<String> announced, String external, int validitySeconds) {
    }

    private final Registry registry;
    private final ConfigurationKeys keys;
    private final Duration regenerationInterval;
    private final Clock clock;
    private final SecureRandom random;
    private final SwitchingHandler handler = new SwitchingHandler();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile String address;
    private Optional<KeySet> keySet = Optional.empty();
    private volatile Optional<String> problem = Optional.empty();
    private Optional<ScheduledExecutorService> scheduler = Optional.empty();

    /**
     * A publisher of {@code registry} signing with {@code keys}, reached at {@code address}
     * ({@code host[:port]}, as published in anchors and shared parameters). Publishes once at once.
     */
    public ConfigurationPublisher(Registry registry, ConfigurationKeys keys, String address,
                                  Duration regenerationInterval, Clock clock, SecureRandom random) {
        this.registry = Objects.requireNonNull(registry);
        this.keys = Objects.requireNonNull(keys);
        this.address = Objects.requireNonNull(address);
        this.regenerationInterval = Objects.requireNonNull(regenerationInterval);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
        publish();
    }

    /** The Jetty handler serving {@code /internalconf}, {@code /externalconf} and the part files (nothing before the first publication). */
    public Handler handler() {
        return handler;
    }

    /** Makes and serves a new generation from the registry now; a failure is logged and kept in {@link #status()}. */
    public void publish() {
        lock.lock();
        try {
            InstanceDescription description = registry.describe();
            List<SigningKeyRecord> all = keys.list();
            SigningKeyRecord internal = active(all, Kind.INTERNAL);
            SigningKeyRecord external = active(all, Kind.EXTERNAL);
            List<SigningKeyRecord> announced = ConfigurationKeys.of(all, Kind.INTERNAL, State.ANNOUNCED);
            int validity = registry.settings().configurationValiditySeconds();
            var wanted = new KeySet(internal.keyId(), announced.stream().map(SigningKeyRecord::keyId).toList(),
                    external.keyId(), validity);
            Optional<ConfigurationSource> current = handler.current();
            if (current.isPresent() && keySet.equals(Optional.of(wanted))) {
                current.get().update(description);
            } else {
                ConfigurationSource source = ConfigurationSource.builder().address(address).description(description)
                        .signingKey(keys.privateKey(internal), internal.cert())
                        .externalSigningKey(keys.privateKey(external), external.cert())
                        .validity(Duration.ofSeconds(validity)).regenerationInterval(regenerationInterval)
                        .clock(clock).random(random).build();
                announced.forEach(k -> source.announceSigningKey(k.cert()));
                handler.switchTo(source);
                keySet = Optional.of(wanted);
                LOG.info("Publishing the global configuration of {} signed with key {} (announced: {}; external key {})",
                        registry.instance(), internal.keyId(), wanted.announced(), external.keyId());
            }
            problem = Optional.empty();
        } catch (XRoadException | IllegalArgumentException | IllegalStateException e) {
            if (!problem.equals(Optional.of(e.getMessage()))) {
                LOG.warn("Cannot publish the global configuration: {}", e.getMessage());
            }
            problem = Optional.of(String.valueOf(e.getMessage()));
        } finally {
            lock.unlock();
        }
    }

    private static SigningKeyRecord active(List<SigningKeyRecord> all, Kind kind) {
        return ConfigurationKeys.of(all, kind, State.ACTIVE).stream().findFirst().orElseThrow(() ->
                new IllegalStateException("there is no active " + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " configuration signing key"));
    }

    /** Moves the source to {@code host[:port]} (for a port chosen at bind time) and publishes. */
    public void changeAddress(String newAddress) {
        lock.lock();
        try {
            address = Objects.requireNonNull(newAddress);
            handler.current().ifPresent(s -> s.changeAddress(newAddress));
        } finally {
            lock.unlock();
        }
        publish();
    }

    /** The {@code host[:port]} published. */
    public String address() {
        return address;
    }

    /** The generation in force, its expiry, and why the last attempt to publish failed. */
    public Status status() {
        Optional<ConfigurationSource> s = handler.current();
        return new Status(s.map(ConfigurationSource::generation), s.map(ConfigurationSource::expireDate), problem);
    }

    /** The anchor security servers of this instance import, once published. */
    public Optional<ConfigurationAnchor> internalAnchor() {
        return handler.current().map(ConfigurationSource::anchor);
    }

    /** The anchor federated instances import, once published. */
    public Optional<ConfigurationAnchor> externalAnchor() {
        return handler.current().map(ConfigurationSource::externalAnchor);
    }

    /** The signed directory of {@code version}, internal or external, as served. */
    public Optional<byte[]> directory(int version, boolean internal) {
        return handler.current().flatMap(s -> s.directory(version, internal));
    }

    /** The part file at URL path {@code path} (of the current or the previous generation). */
    public Optional<byte[]> file(String path) {
        return handler.current().flatMap(s -> s.file(path));
    }

    /** Publishes every regeneration interval on a virtual thread. Idempotent. */
    public void start() {
        lock.lock();
        try {
            if (scheduler.isEmpty()) {
                var executor = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofVirtual().name("globalconf-publisher").factory());
                long period = regenerationInterval.toMillis();
                executor.scheduleWithFixedDelay(this::scheduled, period, period, TimeUnit.MILLISECONDS);
                scheduler = Optional.of(executor);
            }
        } finally {
            lock.unlock();
        }
    }

    private void scheduled() {
        try {
            publish();
        } catch (RuntimeException e) {
            LOG.error("Cannot regenerate the global configuration", e);
        }
    }

    /** Stops regenerating; the handler keeps serving the last generation. */
    @Override
    public void close() {
        Optional<ScheduledExecutorService> running;
        lock.lock();
        try {
            running = scheduler;
            scheduler = Optional.empty();
        } finally {
            lock.unlock();
        }
        running.ifPresent(ScheduledExecutorService::shutdownNow);
    }
}
