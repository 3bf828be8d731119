package org.sild.centralserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.sild.centralserver.admin.AdminApi;
import org.sild.centralserver.globalconf.ConfigurationKeys;
import org.sild.centralserver.globalconf.ConfigurationPublisher;
import org.sild.centralserver.registry.Registry;
import org.sild.runtime.health.Health;
import org.sild.runtime.health.HealthCheck;
import org.sild.runtime.health.HealthStatus;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.metrics.Metrics;
import org.sild.runtime.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central server product: one JVM holding the store (the registry and the audit log), the
 * configuration signing keys, the global configuration publisher and the admin API.
 *
 * <p>{@link #start} builds everything by constructor calls in dependency order: store, registry,
 * signing keys (an active internal and external key are generated on the first start), publisher
 * (publishing on every registry change and every regeneration interval), the configuration
 * download port ({@code /internalconf}, {@code /externalconf}, part files; X-Road's port 80) and
 * the admin port (the API with {@code /health} and {@code /metrics}; X-Road's 4000). A new
 * registry gets the default authentication certificate registration address
 * {@code https://<public host>:4001/managementservice/}; the global configuration is published
 * once the management service provider is set. The management services (ports 4001 and 4002)
 * are not assembled here yet: see {@link #assemble}. {@link #close} stops everything in reverse
 * order. Thread-safe once started.
 */
public final class CentralServer implements AutoCloseable {

    /** X-Road's port of the authentication certificate registration service. */
    public static final int REGISTRATION_PORT = 4001;

    private static final Logger LOG = LoggerFactory.getLogger(CentralServer.class);

    private final List<AutoCloseable> closeInReverse = new ArrayList<>();
    private Registry registry;
    private ConfigurationKeys keys;
    private ConfigurationPublisher publisher;
    private Metrics metrics;
    private HttpServer configuration;
    private HttpServer admin;

    private CentralServer() {
    }

    /** Starts a central server with the system clock and a strong random source. */
    public static CentralServer start(CentralServerConfig config) {
        return start(config, Clock.systemUTC(), new SecureRandom());
    }

    /**
     * Starts a central server. A failure closes whatever was already started and is rethrown.
     *
     * @throws org.sild.core.fault.XRoadException or {@link org.sild.runtime.config.ConfigException}
     *         naming what could not start
     */
    public static CentralServer start(CentralServerConfig config, Clock clock, SecureRandom random) {
        var server = new CentralServer();
        try {
            server.assemble(config.requireComplete(), clock, random);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void assemble(CentralServerConfig config, Clock clock, SecureRandom random) {
        Path data = config.dataDirectory().toAbsolutePath();
        createDirectories(data);
        metrics = register(Metrics.create());
        Store store = register(Store.builder().name("centralserver").config(config.store())
                .defaultDirectory(data.resolve("db")).migrations("db/centralserver").open());
        registry = Registry.open(store, config.instanceIdentifier(), clock);

        var signing = config.signingKeys();
        keys = new ConfigurationKeys(registry, data.resolve(signing.directory()), signing.pin().toCharArray(),
                signing.algorithm(), clock, random);
        keys.ensureActiveKeys();

        var listen = config.listen();
        String provisional = config.publicAddress().orElse("127.0.0.1:" + Math.max(1, listen.configurationPort()));
        initialiseSettings(provisional);
        publisher = register(new ConfigurationPublisher(registry, keys, provisional,
                config.globalConfiguration().regenerationInterval(), clock, random));
        registry.onChange(publisher::publish);
        configuration = register(HttpServer.builder().name("globalconf").host(listen.configurationHost())
                .port(listen.configurationPort()).handler(metrics.instrument("globalconf", publisher.handler()))
                .build().start());
        if (config.publicAddress().isEmpty()) {
            publisher.changeAddress("127.0.0.1" + (configuration.port() == 80 ? "" : ":" + configuration.port()));
        }
        publisher.start();

        // The management services (authentication certificate registration on 4001, the other
        // management requests on 4002) belong here: they verify requests on the wire and record
        // them with registry.managementRequests().submit(request, origin).

        Health health = Health.builder()
                .check("store", HealthCheck.store(store, Duration.ofSeconds(2)))
                .check("global-configuration", () -> {
                    var status = publisher.status();
                    return status.valid(clock.instant()) ? HealthStatus.up("generation " + status.generation()
                            .orElseThrow()) : HealthStatus.down(status.problem().orElse("not published"));
                })
                .build();
        admin = register(HttpServer.builder().name("admin").host(listen.adminHost()).port(listen.adminPort())
                .handler(new Handler.Sequence(health.handler(), metrics.handler(),
                        metrics.instrument("admin", new AdminApi(registry, publisher, keys)
                                .handler(config.adminApiKeys()))))
                .build().start());
        LOG.info("central server of {} started: global configuration {} (published as {}), admin {}",
                registry.instance(), configuration.uri(), publisher.address(), admin.uri());
    }

    /** A new registry's authentication certificate registration address, on the published host. */
    private void initialiseSettings(String address) {
        if (registry.settings().authCertRegServiceAddress().isEmpty()) {
            String host = address.startsWith("[") ? address.substring(0, address.indexOf(']') + 1)
                    : address.split(":", 2)[0];
            registry.changeSettings(s -> s.withAuthCertRegServiceAddress("https://" + host + ":" + REGISTRATION_PORT
                    + "/managementservice/"));
        }
    }

    private <T extends AutoCloseable> T register(T component) {
        closeInReverse.add(component);
        return component;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + dir, e);
        }
    }

    /** The registry (also what the admin API and the management services change). */
    public Registry registry() {
        return registry;
    }

    /** The configuration signing keys. */
    public ConfigurationKeys keys() {
        return keys;
    }

    /** The global configuration publisher (status, anchors). */
    public ConfigurationPublisher publisher() {
        return publisher;
    }

    /** The bound configuration download port. */
    public int configurationPort() {
        return configuration.port();
    }

    /** The bound admin API port. */
    public int adminPort() {
        return admin.port();
    }

    /** The admin API's base URI, e.g. {@code http://127.0.0.1:4000}. */
    public URI adminUri() {
        return admin.uri();
    }

    /** The metrics registry. */
    public Metrics metrics() {
        return metrics;
    }

    /** Stops everything in the reverse order of starting; safe to call more than once. */
    @Override
    public void close() {
        for (int i = closeInReverse.size() - 1; i >= 0; i--) {
            try {
                closeInReverse.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", closeInReverse.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        closeInReverse.clear();
    }
}
