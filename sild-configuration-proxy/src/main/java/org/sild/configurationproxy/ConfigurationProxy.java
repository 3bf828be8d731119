package org.sild.configurationproxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.runtime.health.Health;
import org.sild.runtime.health.HealthStatus;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.lifecycle.Components;
import org.sild.runtime.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration proxy product: one JVM mirroring several configuration sources, each as a
 * proxy instance served at {@code http://ADDRESS/NAME/conf} with its own signing key and anchor.
 *
 * <p>{@link #start} checks every instance's source anchor, creates a signing key for an instance
 * that has none, loads what the instance served before a restart (if it still verifies and has
 * not expired) (a self-signed certificate, as X-Road's {@code confproxy-add-signing-key}), binds
 * the configuration port and the admin port ({@code /health}, {@code /metrics}), and schedules a
 * download run per instance every download interval on virtual threads, the first at once.
 * {@link #close} stops them in reverse order. Thread-safe once started.
 */
public final class ConfigurationProxy implements AutoCloseable {

    /** Under the data directory, per instance: {@code NAME/signing-keys/} (and {@code NAME/published.bin}). */
    static final String KEY_DIRECTORY = "signing-keys";
    /** Longest a single download (directory or part) may take, whatever its size. */
    static final Duration TOTAL_DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationProxy.class);

    private final Components components = new Components();
    private final Map<String, ProxyInstance> instances = new LinkedHashMap<>();
    private Metrics metrics;
    private ProxyMetrics proxyMetrics;
    private Health health;
    private HttpServer http;
    private HttpServer admin;
    private String address;

    private ConfigurationProxy() {
    }

    /** Starts a proxy with the system clock and a strong random source. */
    public static ConfigurationProxy start(ConfigurationProxyConfig config) {
        return start(config, Clock.systemUTC(), new SecureRandom());
    }

    /**
     * Starts a proxy and its download schedule. A failure closes whatever was already started and
     * is rethrown.
     *
     * @throws XRoadException or {@link org.sild.runtime.config.ConfigException} naming what could not start
     */
    public static ConfigurationProxy start(ConfigurationProxyConfig config, Clock clock, SecureRandom random) {
        ConfigurationProxy proxy = create(config, clock, random);
        try {
            proxy.schedule();
            return proxy;
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    /** A started proxy without its schedule: runs happen only through {@link #update}. */
    static ConfigurationProxy create(ConfigurationProxyConfig config, Clock clock, SecureRandom random) {
        var proxy = new ConfigurationProxy();
        try {
            proxy.assemble(config, clock, random);
            return proxy;
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    private void assemble(ConfigurationProxyConfig config, Clock clock, SecureRandom random) {
        if (config.instances().isEmpty()) {
            throw new XRoadException(ErrorCode.MALFORMED_SERVER_CONF,
                    "instances: the configuration proxy needs at least one instance");
        }
        Path data = config.dataDirectory().toAbsolutePath();
        createDirectories(data);
        metrics = register(Metrics.create());
        proxyMetrics = new ProxyMetrics(metrics.registry(), clock);
        var listen = config.listen();
        var target = new DelegatingHandler();
        http = register(HttpServer.builder().name("configuration").host(listen.host()).port(listen.port())
                .handler(metrics.instrument("configuration", target)).build().start());
        address = config.publicAddress(http.port());

        Downloads downloads = register(new Downloads(config.connectTimeout(), config.readTimeout(),
                TOTAL_DOWNLOAD_TIMEOUT));
        var downloader = new SourceDownloader(downloads);
        var checks = Health.builder();
        for (ConfigurationProxyConfig.Instance ic : config.instances()) {
            var anchor = ProxyInstance.sourceAnchor(ic.sourceAnchor());
            SigningKeys keys = signingKeys(config, ic.name());
            SigningKeyInfo active = keys.ensureKey(clock, random);
            var instance = new ProxyInstance(ic, anchor, keys, new PublicationFile(data.resolve(ic.name())),
                    downloader, new Republisher(ic.name(), random), clock, address, config.minimumVersion());
            instances.put(ic.name(), instance);
            proxyMetrics.register(instance);
            checks.check("instance-" + ic.name(), () -> health(instance));
            LOG.info("Configuration proxy instance {} mirrors {} from {}, signing with key {}", ic.name(),
                    anchor.instanceIdentifier(), anchor.sources().stream().map(s -> s.downloadUrl()).toList(),
                    active.id());
        }
        target.delegate = new ProxyHandler(instances);
        health = checks.build();
        admin = register(HttpServer.builder().name("confproxy-admin").host(listen.adminHost())
                .port(listen.adminPort()).handler(new Handler.Sequence(health.handler(), metrics.handler()))
                .build().start());
        LOG.info("configuration proxy started: configuration {} (public address {}), admin {}", http.uri(), address,
                admin.uri());
    }

    private void schedule() {
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(instances.size(),
                Thread.ofVirtual().name("confproxy-download-", 0).factory());
        register(() -> {
            executor.shutdownNow();
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("A configuration proxy download run was still going when the proxy stopped");
            }
        });
        for (ProxyInstance instance : instances.values()) {
            executor.scheduleWithFixedDelay(() -> scheduledRun(instance), 0,
                    instance.downloadInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void scheduledRun(ProxyInstance instance) {
        try {
            proxyMetrics.recorded(instance.update());
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; log and keep going.
            LOG.error("Configuration proxy instance {}: download run failed unexpectedly", instance.name(), e);
        }
    }

    private static HealthStatus health(ProxyInstance instance) {
        List<Integer> versions = instance.servedVersions();
        String last = instance.lastResult().map(r -> r.updated() ? "last run succeeded at " + r.at()
                : "last run at " + r.at() + " failed: " + r.problems().stream().map(UpdateResult.Problem::toString).collect(Collectors.joining("; "))).orElse("no run yet");
        if (versions.isEmpty()) {
            return HealthStatus.down("no valid configuration to serve; " + last);
        }
        return HealthStatus.up("versions " + versions + " valid until " + instance.expireDate().orElseThrow() + "; "
                + last);
    }

    /** The signing keys of instance {@code name} of {@code config} (for commands that manage them). */
    public static SigningKeys signingKeys(ConfigurationProxyConfig config, String name) {
        var instance = config.instance(name).orElseThrow(() -> unknown(name));
        return SigningKeys.open(config.dataDirectory().toAbsolutePath().resolve(name).resolve(KEY_DIRECTORY),
                instance.signingKeyPin(), "Sild configuration proxy " + name);
    }

    /**
     * The anchor of instance {@code name} without a running proxy, from the configured
     * {@code address} (or {@code 127.0.0.1:PORT}), creating the first signing key when there is none.
     */
    public static ConfigurationAnchor anchor(ConfigurationProxyConfig config, String name, Clock clock,
                                             SecureRandom random) {
        var instance = config.instance(name).orElseThrow(() -> unknown(name));
        if (config.address().isEmpty() && config.listen().port() == 0) {
            throw new XRoadException(ErrorCode.MALFORMED_SERVER_CONF,
                    "address: needed for an anchor when the port is chosen at start (listen.port 0)");
        }
        SigningKeys keys = signingKeys(config, name);
        keys.ensureKey(clock, random);
        return ProxyInstance.anchor(ProxyInstance.sourceAnchor(instance.sourceAnchor()).instanceIdentifier(),
                config.publicAddress(config.listen().port()), name, keys.certificates(), clock.instant());
    }

    /** Runs instance {@code name} once now, on the calling thread (a run under way is waited for). */
    public UpdateResult update(String name) {
        UpdateResult result = instance(name).update();
        proxyMetrics.recorded(result);
        return result;
    }

    /** The anchor clients of instance {@code name} import (also served at {@code /NAME/anchor}). */
    public ConfigurationAnchor anchor(String name) {
        return instance(name).anchor();
    }

    /** The result of the last run of instance {@code name}, if there was one. */
    public Optional<UpdateResult> lastResult(String name) {
        return instance(name).lastResult();
    }

    /** The configuration versions instance {@code name} serves now (valid, not expired). */
    public List<Integer> servedVersions(String name) {
        return instance(name).servedVersions();
    }

    /** The instance names, in configuration order. */
    public List<String> instances() {
        return List.copyOf(instances.keySet());
    }

    /** The {@code host[:port]} clients reach the proxy at, as anchors and shared parameters name it. */
    public String address() {
        return address;
    }

    /** The bound configuration port. */
    public int port() {
        return http.port();
    }

    /** The bound configuration URI, e.g. {@code http://127.0.0.1:8190/}. */
    public URI uri() {
        return http.uri();
    }

    /** The bound port of {@code /health} and {@code /metrics}. */
    public int adminPort() {
        return admin.port();
    }

    /** The metrics registry. */
    public Metrics metrics() {
        return metrics;
    }

    /** The health checks, one per instance. */
    public Health health() {
        return health;
    }

    /** Stops everything in the reverse order of starting; safe to call more than once. */
    @Override
    public void close() {
        components.close();
    }

    private ProxyInstance instance(String name) {
        ProxyInstance instance = instances.get(name);
        if (instance == null) {
            throw unknown(name);
        }
        return instance;
    }

    private static XRoadException unknown(String name) {
        return new XRoadException(ErrorCode.MALFORMED_SERVER_CONF, "no configuration proxy instance '" + name + "'");
    }

    private <T extends AutoCloseable> T register(T component) {
        return components.add(component);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + dir, e);
        }
    }

    /** Lets the port be bound before the instances, which need its number for their address, exist. */
    private static final class DelegatingHandler extends Handler.Abstract.NonBlocking {
        private volatile Handler delegate;

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Handler h = delegate;
            return h != null && h.handle(request, response, callback);
        }
    }
}
