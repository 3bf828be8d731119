package org.sild.centralserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.sild.centralserver.admin.AdminApi;
import org.sild.centralserver.globalconf.ConfigurationKeys;
import org.sild.centralserver.globalconf.ConfigurationPublisher;
import org.sild.centralserver.management.ManagementPort;
import org.sild.centralserver.management.ManagementServices;
import org.sild.centralserver.registry.Registry;
import org.sild.centralserver.registry.Settings;
import org.sild.runtime.health.Health;
import org.sild.runtime.health.HealthCheck;
import org.sild.runtime.health.HealthStatus;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.lifecycle.Components;
import org.sild.runtime.metrics.Metrics;
import org.sild.runtime.store.Store;
import org.sild.runtime.tls.SelfSignedTlsKey;
import org.sild.runtime.tls.ServerTls;
import org.sild.runtime.tls.TlsProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central server product: one JVM holding the store (the registry and the audit log), the
 * configuration signing keys, the global configuration publisher, the management services and the
 * admin API.
 *
 * <p>{@link #start} builds everything by constructor calls in dependency order: store, registry,
 * signing keys (an active internal and external key are generated on the first start), the
 * management services' TLS key (a self-signed certificate created on the first start,
 * {@value #TLS_KEY_FILE} in the data directory, protected by the signing key PIN), the
 * authentication certificate registration service (HTTPS, {@code /managementservice/}; X-Road's
 * port 4001) and the management service (HTTPS, {@code /managementservice/manage/}; 4002), the
 * publisher (publishing on every registry change and every regeneration interval), the
 * configuration download port ({@code /internalconf}, {@code /externalconf}, part files; X-Road's
 * port 80) and the admin port (the API with {@code /health} and {@code /metrics}; X-Road's 4000).
 *
 * <p>On every start the registry's {@code authCertRegServiceCert} is set to the TLS certificate and
 * {@code authCertRegServiceAddress} to {@code https://<public host>:<bound registration port>/managementservice/}
 * unless an administrator set another address (one that is not of that form). The global
 * configuration is published once the management service provider is set. {@link #close} stops
 * everything in reverse order. Thread-safe once started.
 */
public final class CentralServer implements AutoCloseable {

    /** X-Road's port of the authentication certificate registration service. */
    public static final int REGISTRATION_PORT = 4001;
    /** X-Road's port of the management service. */
    public static final int MANAGEMENT_PORT = 4002;
    /** The management services' TLS key file in the data directory. */
    public static final String TLS_KEY_FILE = "management-tls.p12";

    private static final Logger LOG = LoggerFactory.getLogger(CentralServer.class);

    private final Components components = new Components();
    private Registry registry;
    private ConfigurationKeys keys;
    private ConfigurationPublisher publisher;
    private Metrics metrics;
    private HttpServer configuration;
    private HttpServer admin;
    private HttpServer registration;
    private HttpServer management;
    private X509Certificate tlsCertificate;

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
        String host = host(provisional);
        startManagementServices(config, data, host, clock, random);
        initialiseSettings(host);
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
        LOG.info("central server of {} started: global configuration {} (published as {}), admin {},"
                + " registration service {}, management service {}", registry.instance(), configuration.uri(),
                publisher.address(), admin.uri(), registration.uri(), management.uri());
    }

    /** The registration (4001) and management (4002) services, HTTPS with the self-signed TLS key. */
    private void startManagementServices(CentralServerConfig config, Path data, String host, Clock clock,
                                         SecureRandom random) {
        var limits = config.managementServices();
        SelfSignedTlsKey key = SelfSignedTlsKey.loadOrCreate(data.resolve(TLS_KEY_FILE), host,
                List.of(host), config.signingKeys().pin().toCharArray(), clock, random);
        tlsCertificate = key.certificate();
        ServerTls tls = key.serverTls(TlsProfile.CLIENT_FACING);
        var services = ManagementServices.builder().registry(registry).rateLimitPerMinute(limits.rateLimitPerMinute())
                .requestTimeout(limits.requestTimeout()).clock(clock).random(random).build();
        var listen = config.listen();
        registration = register(HttpServer.builder().name("registration").host(listen.registrationHost())
                .port(listen.registrationPort()).tls(tls).idleTimeout(limits.requestTimeout())
                .handler(metrics.instrument("registration", services.handler(ManagementPort.REGISTRATION)))
                .build().start());
        management = register(HttpServer.builder().name("management").host(listen.managementHost())
                .port(listen.managementPort()).tls(tls).idleTimeout(limits.requestTimeout())
                .handler(metrics.instrument("management", services.handler(ManagementPort.MANAGEMENT)))
                .build().start());
    }

    /**
     * The registration service's certificate, and its address on the published host and the bound
     * port unless an administrator chose another address.
     */
    private void initialiseSettings(String host) {
        String address = "https://" + host + ":" + registration.port() + ManagementPort.REGISTRATION.path();
        Pattern automatic = Pattern.compile("https://" + Pattern.quote(host) + ":[0-9]{1,5}"
                + Pattern.quote(ManagementPort.REGISTRATION.path()));
        Settings now = registry.settings();
        boolean newAddress = now.authCertRegServiceAddress().map(a -> automatic.matcher(a).matches()
                && !a.equals(address)).orElse(true);
        boolean newCertificate = !now.authCertRegServiceCert().equals(Optional.of(tlsCertificate));
        if (newAddress || newCertificate) {
            registry.changeSettings(s -> (newAddress ? s.withAuthCertRegServiceAddress(address) : s)
                    .withAuthCertRegServiceCert(Optional.of(tlsCertificate)));
        }
    }

    /** The host of a {@code host[:port]} address (an IPv6 literal keeps its brackets). */
    private static String host(String address) {
        return address.startsWith("[") ? address.substring(0, address.indexOf(']') + 1) : address.split(":", 2)[0];
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

    /** The bound port of the authentication certificate registration service (X-Road's 4001). */
    public int registrationPort() {
        return registration.port();
    }

    /** The bound port of the management service (X-Road's 4002). */
    public int managementPort() {
        return management.port();
    }

    /**
     * The TLS certificate of the registration and management services (self-signed, created on the
     * first start); published as {@code authCertRegServiceCert}.
     */
    public X509Certificate tlsCertificate() {
        return tlsCertificate;
    }

    /** The metrics registry. */
    public Metrics metrics() {
        return metrics;
    }

    /** Stops everything in the reverse order of starting; safe to call more than once. */
    @Override
    public void close() {
        components.close();
    }
}
