package org.sild.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.sild.cli.sandbox.LocalNetwork;
import org.sild.core.globalconf.SecurityServer.MaintenanceMode;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.store.Store;
import org.sild.runtime.store.StoreConfig;
import org.sild.securityserver.SecurityServer;
import org.sild.securityserver.SecurityServerConfig;
import org.sild.runtime.confsource.InstanceDescription;
import org.sild.runtime.confsource.ServerEntry;
import org.sild.securityserver.globalconf.ConfigurationClientConfig;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.globalconf.UpdateResult;
import org.sild.securityserver.messagelog.LogArchiver;
import org.sild.securityserver.messagelog.MessageLogSettings;
import org.sild.securityserver.proxy.ProxySettings;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.serverconf.ServiceDescription;
import org.sild.securityserver.serverconf.ServiceSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole X-Road instance for a test, in this JVM: {@link LocalNetwork} (trust services, signed
 * global configuration, security servers provisioned as an operator would) on free ports of
 * 127.0.0.1 in a temporary directory, plus what tests need around it — provider information systems
 * ({@link #providerIs}), services and access rights on the provider's server, calls from an
 * information system to a server's client port ({@link #client}), global configuration changes
 * every running server downloads at once, and stopping a server.
 *
 * <pre>{@code
 * try (TestNetwork net = TestNetwork.builder()
 *         .member(A, "Consumer", "app").member(B, "Provider", "api")
 *         .server(SS1, A.subsystem("app")).server(SS2, B.subsystem("api"))
 *         .start()) {
 *     ProviderIs is = net.providerIs("api").answer(r -> Reply.of(200, "application/json", json));
 *     net.restService(PERSONS, is.url("/persons"));
 *     net.allow(A.subsystem("app"), PERSONS);
 *     Answer a = net.client(SS1).restCall(A.subsystem("app"), "GET", PERSONS, "/1");
 * }
 * }</pre>
 *
 * <p>Each server's message port is chosen free together with its OCSP port at message port + 77
 * (X-Road's rule); every other port is bound at 0. Setting up is not thread-safe; the calls the
 * tests make once it runs are. {@link #close} stops everything and deletes the temporary directory.
 */
public final class TestNetwork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestNetwork.class);

    private final LocalNetwork local;
    private final Path dir;
    private final boolean deleteDir;
    private final Clock clock;
    private final Duration startup;
    private final ManagedHttpClient http;
    private final List<AutoCloseable> extras = new ArrayList<>();
    private final Set<SecurityServerId> stopped = new HashSet<>();
    private final Map<SecurityServerId, SecurityServerConfig> configs;

    private TestNetwork(LocalNetwork local, Path dir, boolean deleteDir, Clock clock, Duration startup,
            Map<SecurityServerId, SecurityServerConfig> configs) {
        this.local = local;
        this.configs = Map.copyOf(configs);
        this.dir = dir;
        this.deleteDir = deleteDir;
        this.clock = clock;
        this.startup = startup;
        this.http = HttpClients.builder().name("e2e-information-system").idleTimeout(Duration.ofMinutes(5)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The running security server {@code id}. */
    public SecurityServer server(SecurityServerId id) {
        if (stopped.contains(id)) {
            throw new IllegalStateException("security server " + id + " has been stopped");
        }
        return local.server(id);
    }

    /** The configuration security server {@code id} was started with (after the builder's changes). */
    public SecurityServerConfig config(SecurityServerId id) {
        SecurityServerConfig config = configs.get(id);
        if (config == null) {
            throw new IllegalArgumentException("no security server " + id);
        }
        return config;
    }

    /**
     * A message log archiver of server {@code id}'s store, as a second node sharing that store would run
     * it: with the server's message log settings, writing to its archive directory, so a test archives
     * when it chooses ({@link LogArchiver#archive()}) rather than on the server's schedule. Only for a
     * server on the embedded H2 store or on a database this JVM can reach; its connections close with
     * the network.
     */
    public LogArchiver archiver(SecurityServerId id) {
        SecurityServerConfig config = config(id);
        Path data = config.dataDirectory().toAbsolutePath();
        Store store = Store.builder().name("e2e-archiver-" + id.serverCode()).config(config.store())
                .defaultDirectory(data.resolve("db")).open();
        extras.add(store);
        MessageLogSettings settings = config.messageLog();
        SecurityServer server = server(id);
        return new LogArchiver(store, data.resolve(settings.archiveDirectory()), settings,
                client -> server.serverConf().clients().get(client).isPresent(),
                new io.micrometer.core.instrument.composite.CompositeMeterRegistry());
    }

    /** The security server hosting {@code client} (as its owner or a registered client). */
    public SecurityServerId hostOf(ClientId client) {
        return local.layout().servers().stream()
                .filter(s -> s.id().owner().equals(client) || s.clients().contains(client))
                .map(LocalNetwork.Server::id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no security server hosts " + client));
    }

    /** An information system calling {@code server}'s HTTP client port. */
    public IsClient client(SecurityServerId server) {
        return new IsClient(http, URI.create("http://127.0.0.1:" + server(server).clientHttpPort() + "/"));
    }

    /** A new provider information system on a free port, stopped with the network. */
    public ProviderIs providerIs(String name) {
        var is = new ProviderIs(name);
        extras.add(is);
        return is;
    }

    /** Registers REST service {@code id} with base URL {@code baseUrl} on its provider's server. */
    public ServiceDescription restService(ServiceId id, URI baseUrl) {
        return service(id, ServiceType.REST, baseUrl, s -> s);
    }

    /** Registers SOAP service {@code id} at {@code url} on its provider's server. */
    public ServiceDescription soapService(ServiceId id, URI url) {
        return service(id, ServiceType.WSDL, url, s -> s);
    }

    /**
     * Registers service {@code id} on its provider's server, with {@code spec} adjusting its
     * settings (such as {@code s -> s.withTimeout(Duration.ofSeconds(1))}). SOAP services at the
     * same URL share one service description, as services of one WSDL do.
     */
    public ServiceDescription service(ServiceId id, ServiceType type, URI url, UnaryOperator<ServiceSpec> spec) {
        ServerConfStore conf = confOf(id.provider());
        ServiceSpec base = ServiceSpec.of(id.serviceCode());
        if (id.serviceVersion().isPresent()) {
            base = base.withVersion(id.serviceVersion().get());
        }
        ServiceSpec s = spec.apply(base);
        if (!type.isRest()) {
            Optional<ServiceDescription> same = conf.serviceDescriptions().list(id.provider()).stream()
                    .filter(d -> d.type() == type && d.url().equals(url)).findFirst();
            if (same.isPresent()) {
                return conf.serviceDescriptions().addService(same.get().id(), s.withUrl(url));
            }
        }
        return conf.serviceDescriptions().add(id.provider(), type, url, List.of(s));
    }

    /** Lets {@code client} call the whole of {@code service} (every method and path). */
    public void allow(ClientId client, ServiceId service) {
        confOf(service.provider()).accessRights().grant(service.provider(),
                AccessRight.wholeService(client, service.serviceCode()));
    }

    /** The local configuration of the server hosting {@code client}. */
    public ServerConfStore confOf(ClientId client) {
        return server(hostOf(client)).serverConf();
    }

    /**
     * Changes the instance's global configuration, publishes it, and has every running server
     * download it now.
     *
     * @throws IllegalStateException when a server fails to take the new configuration
     */
    public void updateGlobalConf(UnaryOperator<InstanceDescription> change) {
        local.configurationSource().update(change);
        for (SecurityServerId id : local.layout().servers().stream().map(LocalNetwork.Server::id).toList()) {
            if (!stopped.contains(id)) {
                UpdateResult result = local.server(id).configurationClient().update();
                if (!result.updated()) {
                    throw new IllegalStateException(id + " did not take the new global configuration: "
                            + result.problems());
                }
            }
        }
    }

    /**
     * Has every running server download again until its configuration includes federated instance
     * {@code instance} (a download that fails is retried on the next update, as the periodic runs do).
     *
     * @throws IllegalStateException when a server still lacks it after {@code timeout}
     */
    public void awaitFederatedInstance(String instance, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SecurityServerId id : local.layout().servers().stream().map(LocalNetwork.Server::id).toList()) {
            if (!stopped.contains(id)) {
                LocalNetwork.awaitFederatedInstance(local.server(id), instance, deadline);
            }
        }
    }

    /** Puts server {@code id} into maintenance mode in global configuration, with {@code message} for callers. */
    public void maintenance(SecurityServerId id, String message) {
        changeServerEntry(id, e -> e.withMaintenanceMode(Optional.of(new MaintenanceMode(Optional.of(message)))));
    }

    /** Takes server {@code id} out of maintenance mode in global configuration. */
    public void endMaintenance(SecurityServerId id) {
        changeServerEntry(id, e -> e.withMaintenanceMode(Optional.empty()));
    }

    private void changeServerEntry(SecurityServerId id, UnaryOperator<ServerEntry> change) {
        updateGlobalConf(d -> d.toBuilder().securityServer(change.apply(d.securityServer(id).orElseThrow(() ->
                new IllegalArgumentException("global configuration has no server " + id)))).build());
    }

    /** Stops security server {@code id}; it stays in global configuration, unreachable. */
    public void stop(SecurityServerId id) {
        local.server(id).close();
        stopped.add(id);
    }

    /** The global configuration in force, as the first running server holds it. */
    public GlobalConf globalConf() {
        return local.layout().servers().stream().map(LocalNetwork.Server::id).filter(id -> !stopped.contains(id))
                .findFirst().map(id -> local.server(id).configurationClient().current(clock.instant()))
                .orElseThrow(() -> new IllegalStateException("no security server is running"));
    }

    /** The network's clock's current instant. */
    public Instant now() {
        return clock.instant();
    }

    /** How long starting the network took. */
    public Duration startupTime() {
        return startup;
    }

    /** The network underneath: trust services, configuration source, servers. */
    public LocalNetwork local() {
        return local;
    }

    /** Where the network keeps its state. */
    public Path directory() {
        return dir;
    }

    /** Stops the information systems, the HTTP client and the network; deletes a temporary directory. */
    @Override
    public void close() {
        for (int i = extras.size() - 1; i >= 0; i--) {
            try {
                extras.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", extras.get(i), e.toString());
            }
        }
        http.close();
        local.close();
        if (deleteDir) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.toString());
        }
    }

    /** Describes a network to start. Not thread-safe. */
    public static final class Builder {
        private final List<LocalNetwork.Member> members = new ArrayList<>();
        private final Map<SecurityServerId, List<ClientId>> servers = new LinkedHashMap<>();
        private final Map<SecurityServerId, UnaryOperator<SecurityServerConfig>> changes = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();
        private Optional<Path> directory = Optional.empty();

        private Builder() {
        }

        /** A member with a name and subsystems; every member must be of one instance. */
        public Builder member(MemberId id, String name, String... subsystems) {
            members.add(new LocalNetwork.Member(id, name, List.of(subsystems)));
            return this;
        }

        /** A security server; its owner is hosted too, {@code clients} are the others it hosts. */
        public Builder server(SecurityServerId id, ClientId... clients) {
            if (servers.putIfAbsent(id, List.of(clients)) != null) {
                throw new IllegalArgumentException("server " + id + " is listed twice");
            }
            return this;
        }

        /** Changes server {@code id}'s configuration before it starts (applied in the order given). */
        public Builder configure(SecurityServerId id, UnaryOperator<SecurityServerConfig> change) {
            changes.merge(id, change, (a, b) -> c -> b.apply(a.apply(c)));
            return this;
        }

        /** Changes server {@code id}'s proxy settings (its ports stay as chosen). */
        public Builder proxy(SecurityServerId id, UnaryOperator<ProxySettings.Builder> change) {
            return configure(id, c -> c.withProxy(change.apply(c.proxy().toBuilder()).build()));
        }

        /** Server {@code id} keeps its local configuration and message log in this store. */
        public Builder store(SecurityServerId id, StoreConfig store) {
            return configure(id, c -> c.withStore(store));
        }

        /** Changes server {@code id}'s configuration-client section (download interval, federation). */
        public Builder configurationClient(SecurityServerId id, UnaryOperator<ConfigurationClientConfig> change) {
            return configure(id, c -> c.withConfigurationClient(change.apply(c.configurationClient())));
        }

        /** The clock of every component (default: the system clock). */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public Builder random(SecureRandom value) {
            random = value;
            return this;
        }

        /** Keep state in {@code dir} (kept after close) instead of a new temporary directory. */
        public Builder directory(Path dir) {
            directory = Optional.of(dir);
            return this;
        }

        /**
         * Starts the network.
         *
         * @throws IllegalArgumentException when members are missing or of several instances
         */
        public TestNetwork start() {
            if (members.isEmpty() || servers.isEmpty()) {
                throw new IllegalArgumentException("a network needs members and security servers");
            }
            String instance = members.get(0).id().instance();
            if (members.stream().anyMatch(m -> !m.id().instance().equals(instance))) {
                throw new IllegalArgumentException("every member must be of instance " + instance);
            }
            var specs = new ArrayList<LocalNetwork.Server>();
            servers.forEach((id, clients) -> {
                int port = FreePorts.pair(FreePorts.OCSP_OFFSET);
                specs.add(new LocalNetwork.Server(id, new LocalNetwork.Ports(0, 0, port, port + FreePorts.OCSP_OFFSET,
                        0), clients));
            });
            var layout = new LocalNetwork.Layout(instance, members, specs, 0, 0, 0);
            Path dir = directory.orElseGet(Builder::temporaryDirectory);
            long begin = System.nanoTime();
            var configs = new ConcurrentHashMap<SecurityServerId, SecurityServerConfig>();
            LocalNetwork local = LocalNetwork.start(layout, dir, clock, random, (spec, config) -> {
                SecurityServerConfig changed = changes.getOrDefault(spec.id(), c -> c).apply(defaults(config));
                configs.put(spec.id(), changed);
                return changed;
            });
            Duration startup = Duration.ofNanos(System.nanoTime() - begin);
            LOG.info("test network of {} security servers started in {} ms", specs.size(), startup.toMillis());
            return new TestNetwork(local, dir, directory.isEmpty(), clock, startup, configs);
        }

        /** Spool files under each server's data directory, so closing the network removes them. */
        private static SecurityServerConfig defaults(SecurityServerConfig config) {
            return config.withProxy(config.proxy().toBuilder().spoolDirectory(Path.of("spool")).build());
        }

        private static Path temporaryDirectory() {
            try {
                return Files.createTempDirectory("sild-e2e-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory for a test network", e);
            }
        }
    }
}
