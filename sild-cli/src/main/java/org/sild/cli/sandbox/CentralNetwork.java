package org.sild.cli.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.sild.centralserver.CentralServer;
import org.sild.centralserver.CentralServerConfig;
import org.sild.centralserver.registry.GlobalGroups;
import org.sild.centralserver.registry.Registry;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.id.ClientId;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;
import org.sild.core.management.ManagementRequest;
import org.sild.core.management.ManagementRequestType;
import org.sild.runtime.admin.ApiKey;
import org.sild.securityserver.SecurityServer;
import org.sild.securityserver.SecurityServerConfig;
import org.sild.securityserver.globalconf.UpdateResult;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.serverconf.ServiceSpec;
import org.sild.trustservices.TrustServices;
import org.sild.trustservices.ca.IssuingPolicy;

/**
 * A whole X-Road instance on this machine built the way operators build one: trust services, a
 * central server whose administrator registers members, the CA and the TSA, and security servers
 * that generate their keys, get certificates from the CA by CSR, register their authentication
 * certificates with the central server (authCertReg, straight to its registration service) and
 * their clients (clientReg, as X-Road messages through the management services' security server),
 * all auto-approved, and then download the global configuration that lists them.
 *
 * <p>The management services are provided by subsystem {@code management} of the first server's
 * owner, hosted on that server, reachable by the global group {@code security-server-owners}.
 * Starting again on the same directory reuses every key, certificate and store; requests for what
 * is registered already are not sent again. Not thread-safe to start; the started servers are.
 */
public final class CentralNetwork implements AutoCloseable {

    /** The central server's own ports besides the global configuration port of the layout. */
    public record CentralPorts(int admin, int registration, int management) {
    }

    private final LocalNetwork.Layout layout;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<SecurityServerId, SecurityServer> servers = new LinkedHashMap<>();
    private TrustServices trust;
    private CentralServer central;

    private CentralNetwork(LocalNetwork.Layout layout) {
        this.layout = layout;
    }

    /** Starts (or restarts, reusing {@code dir}) the instance of {@code layout} with its central server. */
    public static CentralNetwork start(LocalNetwork.Layout layout, CentralPorts ports, Path dir, Clock clock,
            SecureRandom random, BiFunction<LocalNetwork.Server, SecurityServerConfig, SecurityServerConfig> adjust) {
        var network = new CentralNetwork(layout);
        try {
            network.assemble(ports, dir.toAbsolutePath(), clock, random, adjust);
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** The subsystem that provides the management services. */
    public SubsystemId managementProvider() {
        return layout.servers().get(0).id().owner().subsystem("management");
    }

    private void assemble(CentralPorts ports, Path dir, Clock clock, SecureRandom random,
            BiFunction<LocalNetwork.Server, SecurityServerConfig, SecurityServerConfig> adjust) {
        LocalNetwork.createDirectories(dir);
        trust = register(ServerProvisioning.trustServices(layout, dir, clock, random));
        central = register(CentralServer.start(CentralServerConfig.of(layout.instance(), dir.resolve("central-server"),
                        LocalNetwork.PIN)
                .withPorts(layout.configurationPort(), ports.admin())
                .withManagementPorts(ports.registration(), ports.management())
                .withAdminApiKeys(List.of(new ApiKey("sandbox", LocalNetwork.PIN))), clock, random));
        administer(central.registry().as("sandbox-administrator"));

        byte[] anchor = central.publisher().internalAnchor().orElseThrow(() -> new IllegalStateException(
                "the central server published no configuration: " + central.publisher().status())).toXml();
        for (LocalNetwork.Server spec : layout.servers()) {
            SecurityServer server = register(SecurityServer.start(adjust.apply(spec,
                    ServerProvisioning.config(dir, spec, anchor)), clock, random));
            servers.put(spec.id(), server);
            ServerProvisioning.registerClients(server.serverConf(), spec);
            X509Certificate authCert = ServerProvisioning.provisionKeys(trust, server.signer().token(), spec);
            server.signer().ocspResponses().refresh();
            if (central.registry().servers().get(spec.id()).isEmpty()) {
                server.management().send(new ManagementRequest.AuthCertReg(spec.id(),
                        Optional.of("127.0.0.1:" + server.serverPort()), authCert, Optional.empty()));
            }
        }
        // The administrator registers the management services' subsystem on the first server directly.
        SecurityServerId first = layout.servers().get(0).id();
        if (!hosts(first, managementProvider())) {
            central.registry().as("sandbox-administrator").managementRequests().submit(
                    new ManagementRequest.ClientReg(first, managementProvider(), Optional.of("Management services")),
                    "central server administrator");
        }
        downloadEverywhere();
        provideManagementServices(servers.get(first).serverConf());

        for (LocalNetwork.Server spec : layout.servers()) {
            for (ClientId client : spec.clients()) {
                if (!hosts(spec.id(), client)) {
                    servers.get(spec.id()).management().send(new ManagementRequest.ClientReg(spec.id(), client,
                            Optional.empty()));
                }
            }
        }
        downloadEverywhere();
    }

    /** The central server administrator's part: member classes, members, the CA, the TSA, the settings. */
    private void administer(Registry registry) {
        var members = registry.members();
        for (LocalNetwork.Member m : layout.members()) {
            String memberClass = m.id().memberClass();
            if (members.memberClasses().stream().noneMatch(c -> c.code().equals(memberClass))) {
                members.addMemberClass(memberClass, memberClass.equals("GOV") ? "Government"
                        : memberClass.equals("COM") ? "Commercial" : memberClass);
            }
            if (members.get(m.id()).isEmpty()) {
                members.add(m.id(), m.name());
            }
            for (String code : m.subsystems()) {
                SubsystemId subsystem = m.id().subsystem(code);
                if (members.get(m.id()).orElseThrow().subsystems().stream().noneMatch(s -> s.id().equals(subsystem))) {
                    members.addSubsystem(subsystem, Optional.empty());
                }
            }
        }
        SubsystemId provider = managementProvider();
        if (members.get(provider.member()).orElseThrow().subsystems().stream().noneMatch(s -> s.id().equals(provider))) {
            members.addSubsystem(provider, Optional.of("Management services"));
        }
        if (registry.trustServices().cas().isEmpty()) {
            var responder = new ApprovedCa.OcspResponder(trust.ocspUrl().toString(), Optional.empty(), Optional.empty());
            registry.trustServices().addCa(new ApprovedCa("Sild development CA", Optional.of(false),
                    new ApprovedCa.CaInfo(trust.caCertificate(), List.of(responder)), List.of(),
                    IssuingPolicy.EJBCA_PROFILE, Optional.empty(), Optional.empty()));
        }
        if (registry.trustServices().tsas().isEmpty()) {
            registry.trustServices().addTsa(new ApprovedTsa("Sild development TSA", trust.tsaUrl().toString(),
                    trust.tsaCertificate(), Optional.empty()));
        }
        // The first server's owner (the State Portal in DEV) may query every server's monitoring data.
        registry.changeSettings(s -> s.withManagementServiceProvider(provider).withAutoApproval(true, true, true)
                .withMonitoringClient(Optional.of(layout.servers().get(0).id().owner())));
    }

    /**
     * The management services on the first server: every management service code of the provider
     * subsystem, served by the central server's management port, open to the security server owners.
     */
    private void provideManagementServices(ServerConfStore conf) {
        SubsystemId provider = managementProvider();
        URI url = URI.create("https://127.0.0.1:" + central.managementPort() + "/managementservice/manage/");
        var specs = new ArrayList<ServiceSpec>();
        for (ManagementRequestType type : ManagementRequestType.values()) {
            if (!type.isDirect()) {
                specs.add(ServiceSpec.of(type.serviceCode()).withUrl(url).withVerifyTls(false));
            }
        }
        if (conf.clients().get(provider).isEmpty()) {
            conf.clients().add(provider, LocalClient.Status.REGISTERED, LocalClient.ConnectionType.SSLAUTH);
        }
        if (conf.serviceDescriptions().list(provider).isEmpty()) {
            conf.serviceDescriptions().add(provider, ServiceType.WSDL, url, specs);
        }
        var owners = new GlobalGroupId(layout.instance(), GlobalGroups.SECURITY_SERVER_OWNERS);
        for (ServiceSpec spec : specs) {
            conf.accessRights().grant(provider, AccessRight.wholeService(owners, spec.code()));
        }
    }

    private boolean hosts(SecurityServerId server, ClientId client) {
        return central.registry().servers().get(server).map(s -> s.clients().stream()
                .anyMatch(c -> c.id().equals(client))).orElse(false);
    }

    /** Every server downloads the configuration the central server publishes now. */
    private void downloadEverywhere() {
        central.publisher().publish();
        for (var entry : servers.entrySet()) {
            UpdateResult result = entry.getValue().configurationClient().update();
            if (!result.updated()) {
                throw new IllegalStateException(entry.getKey() + " did not take the global configuration: "
                        + result.problems());
            }
            entry.getValue().signer().ocspResponses().refresh();
        }
    }

    /** The security server {@code id}. */
    public SecurityServer server(SecurityServerId id) {
        return Optional.ofNullable(servers.get(id)).orElseThrow(() -> new IllegalArgumentException("no server " + id));
    }

    /** Every started security server, in layout order. */
    public Map<SecurityServerId, SecurityServer> servers() {
        return Map.copyOf(servers);
    }

    public CentralServer centralServer() {
        return central;
    }

    public TrustServices trustServices() {
        return trust;
    }

    public LocalNetwork.Layout layout() {
        return layout;
    }

    /** Where security servers download global configuration. */
    public URI configurationUrl() {
        return URI.create("http://127.0.0.1:" + central.configurationPort() + "/internalconf");
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

    private <T extends AutoCloseable> T register(T component) {
        started.add(component);
        return component;
    }
}
