package org.sild.securityserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.sild.core.asic.VerificationConf;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.runtime.health.Health;
import org.sild.runtime.health.HealthCheck;
import org.sild.runtime.health.HealthStatus;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.lifecycle.Components;
import org.sild.runtime.metrics.Metrics;
import org.sild.runtime.store.Store;
import org.sild.securityserver.admin.AdminApi;
import org.sild.securityserver.clientproxy.ClientProxy;
import org.sild.securityserver.datatracker.DataTracker;
import org.sild.securityserver.datatracker.Declarations;
import org.sild.securityserver.datatracker.FindUsage;
import org.sild.securityserver.datatracker.UsageCleaner;
import org.sild.securityserver.datatracker.UsageStore;
import org.sild.securityserver.envmonitor.EnvMonitor;
import org.sild.securityserver.envmonitor.ServerCertificates;
import org.sild.securityserver.globalconf.ConfigurationClient;
import org.sild.securityserver.globalconf.ConfigurationClientConfig;
import org.sild.securityserver.globalconf.HttpConfigurationFetcher;
import org.sild.securityserver.management.ManagementClient;
import org.sild.securityserver.messagelog.ArchiveSchedule;
import org.sild.securityserver.messagelog.BodyLogging;
import org.sild.securityserver.messagelog.EvidenceQuery;
import org.sild.securityserver.messagelog.LogArchiver;
import org.sild.securityserver.messagelog.LogCleaner;
import org.sild.securityserver.messagelog.MessageLog;
import org.sild.securityserver.messagelog.MessageLogSettings;
import org.sild.securityserver.messagelog.StoreMessageLog;
import org.sild.securityserver.messagelog.Timestamper;
import org.sild.securityserver.metadata.ServiceCatalog;
import org.sild.securityserver.opmonitor.OpMonitor;
import org.sild.securityserver.proxy.ProxyMetrics;
import org.sild.securityserver.proxy.ProxySettings;
import org.sild.securityserver.serverconf.RegistrationStatuses;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.serverconf.StoreServerConf;
import org.sild.securityserver.serverproxy.ServerProxy;
import org.sild.securityserver.signer.SignerComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security server product: one JVM holding the store (local configuration and message log),
 * the configuration client, the signer, the client and server proxies, and the admin API.
 *
 * <p>{@link #start} builds everything by constructor calls in dependency order and binds the ports:
 * client proxy (HTTP and HTTPS), server proxy, OCSP responses, admin API with {@code /health} and
 * {@code /metrics}. {@link #close} stops them in reverse order. Thread-safe once started.
 */
public final class SecurityServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityServer.class);

    private final Components components = new Components();
    private Metrics metrics;
    private ServerConfStore serverConf;
    private StoreMessageLog messageLog;
    private Timestamper timestamper;
    private ConfigurationClient configurationClient;
    private SignerComponents signer;
    private HttpServer clientHttp;
    private HttpServer clientHttps;
    private HttpServer serverPort;
    private HttpServer ocspPort;
    private HttpServer admin;
    private ManagementClient management;
    private DataTracker dataTracker;
    private OpMonitor opMonitor;

    private SecurityServer() {
    }

    /** Starts a security server with the system clock and a strong random source. */
    public static SecurityServer start(SecurityServerConfig config) {
        return start(config, Clock.systemUTC(), new SecureRandom());
    }

    /**
     * Starts a security server. A failure closes whatever was already started and is rethrown.
     *
     * @throws org.sild.core.fault.XRoadException or {@link org.sild.runtime.config.ConfigException}
     *         naming what could not start
     */
    public static SecurityServer start(SecurityServerConfig config, Clock clock, SecureRandom random) {
        var server = new SecurityServer();
        try {
            server.assemble(config, clock, random);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void assemble(SecurityServerConfig config, Clock clock, SecureRandom random) {
        Path data = config.dataDirectory().toAbsolutePath();
        createDirectories(data);
        metrics = register(Metrics.create());

        Store store = register(Store.builder().name("securityserver").config(config.store())
                .defaultDirectory(data.resolve("db")).migrations("db/securityserver").metrics(metrics.registry()).open());
        serverConf = new ServerConfStore(store, clock);
        var localConf = new StoreServerConf(serverConf);

        ConfigurationClientConfig cc = resolve(config.configurationClient(), data);
        HttpConfigurationFetcher fetcher = register(cc.fetcher());
        configurationClient = register(cc.clientBuilder().fetcher(fetcher).clock(clock)
                .listener(new RegistrationStatuses(serverConf, () -> configurationClient.latest())).build());
        configurationClient.start();
        configurationClient.bindMetrics(metrics.registry());

        timestamper = register(Timestamper.builder().store(store).globalConf(configurationClient)
                .settings(config.messageLog()).clock(clock).metrics(metrics.registry()).build());
        messageLog = register(new StoreMessageLog(store, StoreMessageLog.Settings.defaults(), timestamper));
        timestamper.start();

        ManagedHttpClient ocspClient = register(HttpClients.builder().name("ocsp").build());
        signer = register(SignerComponents.builder().config(config.signer()).dataDirectory(data)
                .globalConf(configurationClient).httpClient(ocspClient).clock(clock).random(random)
                .metrics(metrics.registry()).start());

        ProxySettings proxy = config.proxy().spoolDirectory().isAbsolute() ? config.proxy()
                : config.proxy().toBuilder().spoolDirectory(data.resolve(config.proxy().spoolDirectory())).build();
        // Spool files are created as messages arrive; a missing directory would fail every large message then.
        createDirectories(proxy.spoolDirectory());
        MessageLogSettings logSettings = config.messageLog();
        MessageLog proxyLog = BodyLogging.wrap(messageLog, logSettings);
        // Not created here: the archiver creates it on each run, so an unwritable one fails archiving, not the server.
        Path archives = data.resolve(logSettings.archiveDirectory());
        var archiver = new LogArchiver(store, archives, logSettings, id -> localConf.client(id).isPresent(),
                metrics.registry());
        register(ArchiveSchedule.start(archiver, LogCleaner.of(store, logSettings, clock), logSettings));
        var proxyMetrics = new ProxyMetrics(metrics.registry());
        opMonitor = register(OpMonitor.open(store, config.opMonitor(), clock)).bindMetrics(metrics.registry());
        var clientProxy = register(ClientProxy.builder().settings(proxy).serverConf(localConf)
                .globalConf(configurationClient).signer(signer.signer()).messageLog(proxyLog).clock(clock)
                .random(random).metrics(proxyMetrics).evidence(new EvidenceQuery(store))
                .stampPending(timestamper::stampPending)
                .verificationConf(() -> VerificationConf.zip(StoredGlobalConf.load(configurationClient.storedTree())))
                .opMonitor(opMonitor).build());
        var internalTls = InternalTlsKey.loadOrCreate(data, "sild-security-server", config.signer().pin()
                .toCharArray(), clock, random);
        var envMonitor = register(EnvMonitor.start(config.envMonitor(), clock,
                new ServerCertificates(signer.token(), serverConf, internalTls.chain().get(0), clock)));
        var usages = new UsageStore(store);
        dataTracker = new DataTracker(new Declarations(store, serverConf, clock), usages, config.dataTracker(), clock)
                .bindMetrics(metrics.registry());
        register(new UsageCleaner(store, config.dataTracker(), clock).start());
        // findUsage is served for the subsystems that declare personal data.
        var findUsage = new FindUsage(usages, dataTracker.declarations()::declares,
                config.dataTracker().representatives(), clock);
        var serverProxy = register(ServerProxy.builder().settings(proxy)
                .serverConf(localConf).globalConf(configurationClient).signer(signer.signer()).messageLog(proxyLog)
                .clock(clock).random(random).metrics(proxyMetrics).serviceCatalog(ServiceCatalog.of(serverConf))
                .opMonitor(opMonitor).envMonitor(envMonitor).dataTracker(dataTracker).findUsage(findUsage).build());

        var listen = config.listen();
        clientHttp = register(HttpServer.builder().name("client-proxy").host(listen.clientHost())
                .port(proxy.clientHttpPort()).handler(metrics.instrument("client-proxy", clientProxy.handler()))
                .build().start());
        clientHttps = register(HttpServer.builder().name("client-proxy-tls").host(listen.clientHost())
                .port(proxy.clientHttpsPort()).tls(ClientProxy.clientPortTls(internalTls.privateKey(), internalTls.chain()))
                .handler(metrics.instrument("client-proxy", clientProxy.handler())).build().start());
        serverPort = register(HttpServer.builder().name("server-proxy").host(listen.serverHost())
                .port(proxy.serverPort()).tls(serverProxy.tls())
                .handler(metrics.instrument("server-proxy", serverProxy.handler())).build().start());
        ocspPort = register(HttpServer.builder().name("ocsp-responder").host(listen.serverHost())
                .port(proxy.ocspPort()).handler(serverProxy.ocspHandler()).build().start());

        // Management requests leave through the server's own client proxy, as X-Road's do.
        String loopback = listen.clientHost().equals("0.0.0.0") ? "127.0.0.1" : listen.clientHost();
        management = ManagementClient.builder().globalConf(configurationClient).token(signer.token())
                .ocsp(signer.ocspResponses()::response)
                .clientProxy(URI.create("http://" + loopback + ":" + clientHttp.port() + "/"),
                        register(HttpClients.builder().name("management").build()))
                .clock(clock).random(random).build();

        Health health = Health.builder()
                .check("store", HealthCheck.store(store, Duration.ofSeconds(2)))
                .check("global-configuration", () -> {
                    configurationClient.current(clock.instant());
                    return HealthStatus.up();
                })
                .check("time-stamping", timestamper.healthCheck())
                .check("authentication-ocsp", () -> {
                    signer.signer().authOcspResponses();
                    return HealthStatus.up();
                })
                .build();
        admin = register(HttpServer.builder().name("admin").host(listen.adminHost()).port(listen.adminPort())
                .handler(adminHandler(new AdminApi(serverConf, signer.token(), management,
                        dataTracker.declarations()).handler(config.adminApiKeys()), health, metrics))
                .build().start());
        LOG.info("security server started: client proxy {} and {}, server proxy {}, OCSP {}, admin {}",
                clientHttp.uri(), clientHttps.uri(), serverPort.uri(), ocspPort.uri(), admin.uri());
    }

    /** {@code /health} and {@code /metrics} without a key; everything else to the authenticated admin API. */
    private static Handler adminHandler(Handler adminApi, Health health, Metrics metrics) {
        return new Handler.Sequence(health.handler(), metrics.handler(), adminApi);
    }

    private static ConfigurationClientConfig resolve(ConfigurationClientConfig cc, Path data) {
        return new ConfigurationClientConfig(data.resolve(cc.directory()), cc.anchorFile().map(data::resolve),
                cc.updateInterval(), cc.allowedFederations(), cc.tlsCertVerification(), cc.hostnameVerification());
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

    /** The local configuration (also what the admin API changes). */
    public ServerConfStore serverConf() {
        return serverConf;
    }

    /** The message log. */
    public StoreMessageLog messageLog() {
        return messageLog;
    }

    /** Operational monitoring: the records of this server's exchanges. */
    public OpMonitor opMonitor() {
        return opMonitor;
    }

    /** The message log's time-stamper ({@link Timestamper#stampPending} stamps what is pending now). */
    public Timestamper timestamper() {
        return timestamper;
    }

    /** The configuration client (anchor import, update). */
    public ConfigurationClient configurationClient() {
        return configurationClient;
    }

    /** The signer with its token and OCSP responses. */
    public SignerComponents signer() {
        return signer;
    }

    /** The bound client proxy HTTP port. */
    public int clientHttpPort() {
        return clientHttp.port();
    }

    /** The bound client proxy HTTPS port. */
    public int clientHttpsPort() {
        return clientHttps.port();
    }

    /** The bound server proxy port. */
    public int serverPort() {
        return serverPort.port();
    }

    /** The bound OCSP response port. */
    public int ocspPort() {
        return ocspPort.port();
    }

    /** The bound admin API port. */
    public int adminPort() {
        return admin.port();
    }

    /** Sends management requests to the central server for this server. */
    public ManagementClient management() {
        return management;
    }

    /** Personal data declarations and usage recording (issue 7). */
    public DataTracker dataTracker() {
        return dataTracker;
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
