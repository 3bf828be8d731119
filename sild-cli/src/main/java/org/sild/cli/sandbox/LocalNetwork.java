package org.sild.cli.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import javax.security.auth.x500.X500Principal;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.runtime.http.HttpServer;
import org.sild.securityserver.SecurityServer;
import org.sild.securityserver.SecurityServerConfig;
import org.sild.runtime.confsource.ConfigurationSource;
import org.sild.runtime.confsource.InstanceDescription;
import org.sild.runtime.confsource.ServerEntry;
import org.sild.trustservices.TrustServices;
import org.sild.trustservices.ca.CertificateType;
import org.sild.trustservices.ca.KeyAndCertificate;
import org.sild.trustservices.ca.Pkcs12File;
import org.sild.trustservices.ca.IssuingPolicy;

/**
 * A whole X-Road instance on this machine, in this JVM: trust services (CA with OCSP, TSA), a
 * signed global configuration source, and security servers with their keys, certificates and
 * clients — provisioned through the same paths an operator uses (keys in the token, certificates
 * from the CA by CSR, global configuration downloaded and verified by each server).
 *
 * <p>State lives under one directory; starting again on the same directory reuses keys,
 * certificates and stores. The sandbox and the end-to-end tests are built on it. Not thread-safe
 * to start; the started servers are.
 */
public final class LocalNetwork implements AutoCloseable {

    /** Where the sandbox's configuration source listens; the central server takes it over later. */
    public static final String CONFIGURATION_SIGNING_KEY = "configuration-signing.p12";
    static final String PIN = "sandbox-pin-not-secret";

    /** A member of the instance with its subsystems. */
    public record Member(MemberId id, String name, List<String> subsystems) {
        public Member {
            Objects.requireNonNull(id);
            Objects.requireNonNull(name);
            subsystems = List.copyOf(subsystems);
        }
    }

    /** A security server: identity, the ports it binds, and the clients it hosts besides its owner. */
    public record Server(SecurityServerId id, Ports ports, List<ClientId> clients) {
        public Server {
            Objects.requireNonNull(id);
            Objects.requireNonNull(ports);
            clients = List.copyOf(clients);
        }
    }

    /** The ports of one security server; the OCSP port must be the server port + 77 (X-Road's rule). */
    public record Ports(int clientHttp, int clientHttps, int server, int ocsp, int admin) {
    }

    /** What to start. */
    public record Layout(String instance, List<Member> members, List<Server> servers, int caPort, int tsaPort,
            int configurationPort) {
        public Layout {
            members = List.copyOf(members);
            servers = List.copyOf(servers);
        }
    }

    private final Layout layout;
    private final BiFunction<Server, SecurityServerConfig, SecurityServerConfig> adjust;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<SecurityServerId, SecurityServer> servers = new LinkedHashMap<>();
    private TrustServices trust;
    private ConfigurationSource source;
    private HttpServer sourceServer;

    private LocalNetwork(Layout layout, BiFunction<Server, SecurityServerConfig, SecurityServerConfig> adjust) {
        this.layout = layout;
        this.adjust = Objects.requireNonNull(adjust, "adjust");
    }

    /**
     * A configuration hook for {@link #start(Layout, Path, Clock, SecureRandom, BiFunction)}: every
     * server downloads the external configuration of {@code instances} (comma-separated) when its
     * own configuration names them as federation partners.
     */
    public static BiFunction<Server, SecurityServerConfig, SecurityServerConfig> allowingFederation(String instances) {
        return (server, c) -> c.withConfigurationClient(c.configurationClient().withAllowedFederations(instances));
    }

    /**
     * Has {@code server} download until it holds federated instance {@code instance}'s configuration:
     * a failed download of a partner's configuration is only retried on the next update, as the
     * periodic runs would.
     *
     * @param deadline a {@link System#nanoTime()} value
     * @throws IllegalStateException when it still lacks it at {@code deadline}
     */
    public static void awaitFederatedInstance(SecurityServer server, String instance, long deadline) {
        var client = server.configurationClient();
        while (client.latest().flatMap(c -> c.instance(instance)).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("a security server has no configuration of " + instance + ": "
                        + client.lastResult());
            }
            client.update();
        }
    }

    /** Starts (or restarts, reusing {@code dir}) the network of {@code layout}. */
    public static LocalNetwork start(Layout layout, Path dir, Clock clock, SecureRandom random) {
        return start(layout, dir, clock, random, (server, config) -> config);
    }

    /**
     * Starts the network of {@code layout} with each server's configuration passed through
     * {@code adjust} first (the end-to-end tests set fault styles, stores and timeouts this way).
     */
    public static LocalNetwork start(Layout layout, Path dir, Clock clock, SecureRandom random,
            BiFunction<Server, SecurityServerConfig, SecurityServerConfig> adjust) {
        var network = new LocalNetwork(layout, adjust);
        try {
            network.assemble(dir.toAbsolutePath(), clock, random);
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void assemble(Path dir, Clock clock, SecureRandom random) {
        createDirectories(dir);
        trust = register(ServerProvisioning.trustServices(layout, dir, clock, random));

        KeyAndCertificate signing = configurationSigningKey(dir.resolve("configuration-source"));
        source = register(ConfigurationSource.builder().address("127.0.0.1:" + layout.configurationPort())
                .description(description(List.of())).signingKey(signing.privateKey(), signing.certificate())
                .clock(clock).random(random).build());
        sourceServer = register(HttpServer.builder().name("globalconf").port(layout.configurationPort())
                .handler(source.handler()).build().start());
        if (layout.configurationPort() == 0) {
            source.changeAddress("127.0.0.1:" + sourceServer.port());
        }
        source.start();

        var entries = new ArrayList<ServerEntry>();
        for (Server spec : layout.servers()) {
            SecurityServer server = register(SecurityServer.start(adjust.apply(spec,
                    ServerProvisioning.config(dir, spec, source.anchorXml())), clock, random));
            servers.put(spec.id(), server);
            X509Certificate authCert = ServerProvisioning.provisionKeys(trust, server.signer().token(), spec);
            entries.add(ServerEntry.of(spec.id(), "127.0.0.1:" + server.serverPort(), authCert,
                    spec.clients().toArray(ClientId[]::new)));
        }
        source.update(description(entries));
        for (Server spec : layout.servers()) {
            SecurityServer server = servers.get(spec.id());
            server.configurationClient().update();
            server.signer().ocspResponses().refreshNow();
            ServerProvisioning.registerClients(server.serverConf(), spec);
        }
    }

    private InstanceDescription description(List<ServerEntry> entries) {
        var b = InstanceDescription.builder(layout.instance());
        layout.members().stream().map(m -> m.id().memberClass()).distinct()
                .forEach(c -> b.memberClass(c, c.equals("GOV") ? "Government" : c.equals("COM") ? "Commercial" : c));
        for (Member m : layout.members()) {
            b.member(m.id(), m.name(), m.subsystems().toArray(String[]::new));
        }
        entries.forEach(b::securityServer);
        b.approvedCa("Sild development CA", trust.caCertificate(), trust.ocspUrl().toString(),
                IssuingPolicy.EJBCA_PROFILE);
        b.approvedTsa("Sild development TSA", trust.tsaUrl().toString(), trust.tsaCertificate());
        b.managementService("https://127.0.0.1:4001/managementservice/", layout.servers().get(0).id().owner());
        return b.build();
    }

    /** The configuration signing key, created by the CA on first start and kept beside the source. */
    private KeyAndCertificate configurationSigningKey(Path dir) {
        Path file = dir.resolve(CONFIGURATION_SIGNING_KEY);
        return Pkcs12File.read(file, PIN.toCharArray()).orElseGet(() -> {
            createDirectories(dir);
            var key = trust.ca().issueWithNewKey(new X500Principal("CN=" + layout.instance()
                    + " configuration signing key"), CertificateType.AUTH);
            Pkcs12File.write(file, PIN.toCharArray(), key);
            return key;
        });
    }

    private <T extends AutoCloseable> T register(T component) {
        started.add(component);
        return component;
    }

    /** The security server {@code id}. */
    public SecurityServer server(SecurityServerId id) {
        return Optional.ofNullable(servers.get(id)).orElseThrow(() -> new IllegalArgumentException("no server " + id));
    }

    /** Every started security server, in layout order. */
    public Map<SecurityServerId, SecurityServer> servers() {
        return Map.copyOf(servers);
    }

    public TrustServices trustServices() {
        return trust;
    }

    public ConfigurationSource configurationSource() {
        return source;
    }

    /** Where security servers download global configuration. */
    public URI configurationUrl() {
        return URI.create("http://127.0.0.1:" + sourceServer.port() + "/internalconf");
    }

    public Layout layout() {
        return layout;
    }

    /** Stops everything in reverse order of starting. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // Keep closing the rest; a failure to stop one part must not leave the others running.
            }
        }
        started.clear();
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    static void writeFile(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
