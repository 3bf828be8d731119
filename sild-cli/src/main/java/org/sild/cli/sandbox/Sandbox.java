package org.sild.cli.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.id.XRoadIds;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.json.Json;
import org.sild.securityserver.SecurityServer;
import org.sild.securityserver.description.DescriptionImporter;
import org.sild.securityserver.description.HttpDocumentSource;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.ServerConfStore;

/**
 * The sandbox: instance {@code DEV} with five members, security servers {@code ss1}–{@code ss3}, the
 * development trust services and two demo information systems, and a small second instance
 * {@code FED} federated with it ({@link FederatedInstance}), on fixed ports of 127.0.0.1 (the
 * contract later issues extend: keep names and ports; {@code --port-offset} moves them all).
 *
 * <p>Writes {@code sandbox.json} describing every instance, endpoint, identifier and demo person,
 * and the SOAP request files the quickstart uses. {@link #quickstart()} is the text printed at start.
 */
public final class Sandbox implements AutoCloseable {

    public static final String INSTANCE = "DEV";
    public static final MemberId POPULATION_REGISTER = new MemberId(INSTANCE, "GOV", "70000001");
    public static final MemberId HEALTH_INSURANCE_FUND = new MemberId(INSTANCE, "GOV", "70000002");
    public static final MemberId STATE_PORTAL = new MemberId(INSTANCE, "GOV", "70000003");
    public static final MemberId PHARMACY = new MemberId(INSTANCE, "COM", "10000001");
    public static final MemberId FAMILY_CLINIC = new MemberId(INSTANCE, "COM", "10000002");

    public static final SubsystemId REGISTRY = POPULATION_REGISTER.subsystem("registry");
    public static final SubsystemId PRESCRIPTIONS = HEALTH_INSURANCE_FUND.subsystem("prescriptions");
    public static final SubsystemId TESTSERVICE = HEALTH_INSURANCE_FUND.subsystem("testservice");
    public static final SubsystemId PORTAL = STATE_PORTAL.subsystem("portal");
    public static final SubsystemId POS = PHARMACY.subsystem("pos");
    public static final SubsystemId CLINIC = FAMILY_CLINIC.subsystem("clinic");

    public static final SecurityServerId SS1 = new SecurityServerId(STATE_PORTAL, "ss1");
    public static final SecurityServerId SS2 = new SecurityServerId(POPULATION_REGISTER, "ss2");
    public static final SecurityServerId SS3 = new SecurityServerId(HEALTH_INSURANCE_FUND, "ss3");

    public static final ServiceId PERSONS = new ServiceId(REGISTRY, "persons");
    public static final ServiceId GET_RANDOM = new ServiceId(TESTSERVICE, "getRandom", "v1");
    public static final ServiceId HELLO_SERVICE = new ServiceId(TESTSERVICE, "helloService", "v1");

    /** The largest port offset: the highest port of the contract (FED's TSA, 8999) plus it is still a port. */
    public static final int MAX_PORT_OFFSET = 65535 - 8999;

    /** The first port Linux gives outgoing connections by default ({@code ip_local_port_range}). */
    static final int EPHEMERAL_PORTS_START = 32768;

    static final int PERSONS_PORT = 8091;
    static final int TEST_SERVICE_PORT = 8092;

    private final CentralNetwork network;
    private final List<HttpServer> informationSystems;
    private final Path dir;
    private FederatedInstance fed;
    private HealthcareScenario healthcare;

    private Sandbox(CentralNetwork network, List<HttpServer> informationSystems, Path dir) {
        this.network = network;
        this.informationSystems = informationSystems;
        this.dir = dir;
    }

    /** The sandbox's instance layout with the contract's ports. */
    public static LocalNetwork.Layout layout() {
        return layout(0);
    }

    /**
     * The sandbox's instance layout with every port of the contract moved up by {@code portOffset}
     * (0 for the contract's ports; a second sandbox on the same machine uses another offset).
     */
    public static LocalNetwork.Layout layout(int portOffset) {
        checkOffset(portOffset);
        int o = portOffset;
        return new LocalNetwork.Layout(INSTANCE, List.of(
                new LocalNetwork.Member(POPULATION_REGISTER, "Population Register", List.of("registry")),
                new LocalNetwork.Member(HEALTH_INSURANCE_FUND, "Health Insurance Fund",
                        List.of("prescriptions", "testservice")),
                new LocalNetwork.Member(STATE_PORTAL, "State Portal", List.of("portal")),
                new LocalNetwork.Member(PHARMACY, "Pharmacy", List.of("pos")),
                new LocalNetwork.Member(FAMILY_CLINIC, "Family Clinic", List.of("clinic"))),
                List.of(new LocalNetwork.Server(SS1, new LocalNetwork.Ports(8080 + o, 8443 + o, 5500 + o, 5577 + o, 4100 + o),
                                List.of(PORTAL, POS, CLINIC)),
                        new LocalNetwork.Server(SS2, new LocalNetwork.Ports(8081 + o, 8444 + o, 5501 + o, 5578 + o, 4101 + o),
                                List.of(REGISTRY)),
                        new LocalNetwork.Server(SS3, new LocalNetwork.Ports(8082 + o, 8445 + o, 5502 + o, 5579 + o, 4102 + o),
                                List.of(PRESCRIPTIONS, TESTSERVICE))),
                8888 + o, 8899 + o, 8180 + o);
    }

    /** The federated instance FED's layout with every port moved up by {@code portOffset}. */
    public static LocalNetwork.Layout federatedLayout(int portOffset) {
        checkOffset(portOffset);
        return FederatedInstance.layout(portOffset);
    }

    /**
     * A port offset at which every port of both instances and the demo information systems is free
     * on loopback now (chosen at random among about a thousand), for a second sandbox beside the first
     * (tests, demos). The ports may be taken again before the sandbox binds them; they all stay below
     * {@value #EPHEMERAL_PORTS_START}, where Linux would hand them to outgoing connections.
     */
    public static int freePortOffset(Random random) {
        int choices = (EPHEMERAL_PORTS_START - 9000 - 10_000) / 10;
        for (int attempt = 0; attempt < 20; attempt++) {
            int offset = 10_000 + 10 * random.nextInt(choices);
            if (allPortsFree(offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("found no port offset with every sandbox port free");
    }

    private static boolean allPortsFree(int offset) {
        var ports = new ArrayList<Integer>(List.of(PERSONS_PORT + offset, TEST_SERVICE_PORT + offset,
                FederatedInstance.GREETING_PORT + offset,
                HealthcareScenario.PRESCRIPTIONS_PORT + offset, HealthcareScenario.CITIZEN_VIEW_PORT + offset, 4000 + offset, 4001 + offset, 4002 + offset));
        for (LocalNetwork.Layout instance : List.of(layout(offset), federatedLayout(offset))) {
            ports.addAll(List.of(instance.caPort(), instance.tsaPort(), instance.configurationPort()));
            for (LocalNetwork.Server server : instance.servers()) {
                LocalNetwork.Ports p = server.ports();
                ports.addAll(List.of(p.clientHttp(), p.clientHttps(), p.server(), p.ocsp(), p.admin()));
            }
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int port : ports) {
            try (var socket = new ServerSocket(port, 1, loopback)) {
                socket.setReuseAddress(true);
            } catch (IOException busy) {
                return false;
            }
        }
        return true;
    }

    private static void checkOffset(int portOffset) {
        if (portOffset < 0 || portOffset > MAX_PORT_OFFSET) {
            throw new IllegalArgumentException("the port offset must be between 0 and " + MAX_PORT_OFFSET
                    + ", not " + portOffset);
        }
    }

    /** Starts the sandbox in {@code dir} (state from an earlier run there is reused). */
    public static Sandbox start(Path dir, Clock clock, SecureRandom random) {
        return start(dir, 0, clock, random);
    }

    /**
     * Starts the sandbox in {@code dir} with every port moved up by {@code portOffset}: instance
     * {@code DEV} and, under {@code dir/fed}, the federated instance {@code FED}.
     */
    public static Sandbox start(Path dir, int portOffset, Clock clock, SecureRandom random) {
        checkOffset(portOffset);
        var systems = new ArrayList<HttpServer>();
        CentralNetwork network = null;
        Sandbox sandbox = null;
        try {
            systems.add(HttpServer.builder().name("persons-is").port(PERSONS_PORT + portOffset)
                    .handler(PersonRegister.handler()).build().start());
            systems.add(HttpServer.builder().name("testservice-is").port(TEST_SERVICE_PORT + portOffset)
                    .handler(new TestServiceAdapter(random)).build().start());
            network = CentralNetwork.start(layout(portOffset), new CentralNetwork.CentralPorts(4000 + portOffset,
                    4001 + portOffset, 4002 + portOffset), dir, clock, random,
                    LocalNetwork.allowingFederation(FederatedInstance.INSTANCE));
            sandbox = new Sandbox(network, systems, dir.toAbsolutePath());
            sandbox.provisionServices(systems.get(0).uri(), systems.get(1).uri());
            sandbox.healthcare = HealthcareScenario.start(network, dir, portOffset, clock, random);
            sandbox.fed = FederatedInstance.start(network, portOffset, dir.resolve("fed"), clock, random);
            sandbox.writeFiles();
            return sandbox;
        } catch (RuntimeException e) {
            if (sandbox != null && sandbox.healthcare != null) {
                sandbox.healthcare.close();
            }
            if (network != null) {
                network.close();
            }
            systems.forEach(HttpServer::close);
            throw e;
        }
    }

    /**
     * Services and access rights, added when missing (a restart leaves an operator's changes alone):
     * the Population Register's {@code persons} from the OpenAPI 3 document its information system
     * serves, the test services from their WSDL, each downloaded and read as an operator's "add
     * service description" does.
     */
    private void provisionServices(URI personsUrl, URI testServiceUrl) {
        ServerConfStore ss2 = network.server(SS2).serverConf();
        if (ss2.serviceDescriptions().service(PERSONS).isEmpty()) {
            new DescriptionImporter(ss2, HttpDocumentSource.standard()).addOpenApi(REGISTRY,
                    personsUrl.resolve(PersonRegister.OPENAPI_PATH), PERSONS.serviceCode());
        }
        for (ClientId client : List.of(PORTAL, CLINIC, POS)) {
            ss2.accessRights().grant(REGISTRY, AccessRight.wholeService(client, "persons"));
        }
        ServerConfStore ss3 = network.server(SS3).serverConf();
        if (ss3.serviceDescriptions().service(GET_RANDOM).isEmpty()) {
            new DescriptionImporter(ss3, HttpDocumentSource.standard()).addWsdl(TESTSERVICE,
                    testServiceUrl.resolve(TestServiceAdapter.WSDL_PATH));
        }
        for (String code : List.of("getRandom", "helloService")) {
            ss3.accessRights().grant(TESTSERVICE, AccessRight.wholeService(PORTAL, code));
        }
    }

    private void writeFiles() {
        write(dir.resolve("soap/getRandom.xml"), SoapRequests.request(PORTAL, GET_RANDOM, "sandbox-getRandom",
                "<ts:getRandom xmlns:ts=\"" + TestServiceAdapter.NAMESPACE + "\"/>"));
        write(dir.resolve("soap/helloService.xml"), SoapRequests.request(PORTAL, HELLO_SERVICE, "sandbox-hello",
                "<ts:helloService xmlns:ts=\"" + TestServiceAdapter.NAMESPACE
                        + "\"><ts:request><ts:name>Sild</ts:name></ts:request></ts:helloService>"));
        write(dir.resolve("sandbox.json"), Json.write(description()));
    }

    /** What {@code sandbox.json} contains. */
    Map<String, Object> description() {
        var json = new LinkedHashMap<String, Object>();
        json.put("instance", INSTANCE);
        json.put("globalConfiguration", network.configurationUrl().toString());
        json.put("anchor", dir.resolve("ss1/configuration-anchor.xml").toString());
        json.put("instances", List.of(
                instance(INSTANCE, network.configurationUrl(), dir.resolve("ss1/configuration-anchor.xml")),
                instance(FederatedInstance.INSTANCE, fed.network().configurationUrl(),
                        dir.resolve("fed/ss1/configuration-anchor.xml"))));
        json.put("centralServer", Map.of("admin", network.centralServer().adminUri().toString(),
                "adminApiKey", LocalNetwork.PIN,
                "registration", "https://127.0.0.1:" + network.centralServer().registrationPort() + "/managementservice/",
                "management", "https://127.0.0.1:" + network.centralServer().managementPort()
                        + "/managementservice/manage/"));
        json.put("trustServices", Map.of("ca", network.trustServices().caUrl().toString(),
                "ocsp", network.trustServices().ocspUrl().toString(),
                "tsa", network.trustServices().tsaUrl().toString()));
        var members = new ArrayList<Map<String, Object>>();
        for (LocalNetwork.Member m : network.layout().members()) {
            members.add(Map.of("id", XRoadIds.toPath(m.id()), "name", m.name(),
                    "subsystems", m.subsystems().stream().map(s -> XRoadIds.toPath(m.id().subsystem(s))).toList()));
        }
        json.put("members", members);
        var servers = new ArrayList<Map<String, Object>>();
        for (LocalNetwork.Server spec : allServers()) {
            SecurityServer s = serverOf(spec.id());
            var entry = new LinkedHashMap<String, Object>();
            entry.put("id", XRoadIds.toPath(spec.id()));
            entry.put("clientHttp", "http://127.0.0.1:" + s.clientHttpPort());
            entry.put("clientHttps", "https://127.0.0.1:" + s.clientHttpsPort());
            entry.put("serverPort", s.serverPort());
            entry.put("ocspPort", s.ocspPort());
            entry.put("admin", "http://127.0.0.1:" + s.adminPort());
            entry.put("adminApiKey", LocalNetwork.PIN);
            var clients = new ArrayList<String>();
            clients.add(XRoadIds.toPath(spec.id().owner()));
            spec.clients().forEach(c -> clients.add(XRoadIds.toPath(c)));
            entry.put("clients", clients);
            servers.add(entry);
        }
        json.put("securityServers", servers);
        json.put("services", List.of(
                Map.of("id", XRoadIds.toPath(PERSONS), "type", "OPENAPI", "endpoints", List.of("GET /*"),
                        "informationSystem", informationSystems.get(0).uri().toString(), "personalData", true,
                        "allowed", List.of(XRoadIds.toPath(PORTAL), XRoadIds.toPath(CLINIC), XRoadIds.toPath(POS))),
                Map.of("id", XRoadIds.toShortForm(GET_RANDOM), "type", "SOAP",
                        "informationSystem", informationSystems.get(1).uri().toString(),
                        "allowed", List.of(XRoadIds.toPath(PORTAL))),
                Map.of("id", XRoadIds.toShortForm(HELLO_SERVICE), "type", "SOAP",
                        "informationSystem", informationSystems.get(1).uri().toString(),
                        "allowed", List.of(XRoadIds.toPath(PORTAL))),
                Map.of("id", XRoadIds.toPath(HealthcareScenario.EPRESCRIPTION), "type", "OPENAPI",
                        "endpoints", List.of("POST /prescriptions", "GET /prescriptions", "POST /prescriptions/*/dispense"),
                        "informationSystem", healthcare.registerUri().toString(), "personalData", true,
                        "allowed", List.of(XRoadIds.toPath(CLINIC), XRoadIds.toPath(POS), XRoadIds.toPath(PORTAL))),
                Map.of("id", XRoadIds.toPath(FederatedInstance.GREETING), "type", "REST",
                        "endpoints", List.of("GET /"), "informationSystem", fed.greeter().uri().toString(),
                        "allowed", List.of(XRoadIds.toPath(PORTAL)))));
        json.put("persons", DemoPeople.all().stream().map(DemoPeople.Person::personalCode).toList());
        json.put("citizenView", healthcare.citizenViewUri().toString());
        return json;
    }

    /** An instance's global configuration URL and the anchor file its servers hold. */
    private static Map<String, Object> instance(String instance, URI configurationUrl, Path anchor) {
        return Map.of("instance", instance, "globalConfiguration", configurationUrl.toString(), "anchor",
                anchor.toString());
    }

    /** DEV's servers, then FED's. */
    private List<LocalNetwork.Server> allServers() {
        var all = new ArrayList<>(network.layout().servers());
        all.addAll(fed.network().layout().servers());
        return all;
    }

    private SecurityServer serverOf(SecurityServerId id) {
        return id.owner().instance().equals(INSTANCE) ? network.server(id) : fed.network().server(id);
    }

    /**
     * The copy-paste calls printed at start: REST, SOAP, one that is denied, one to the federated
     * instance and one that discovers the Population Register's REST services ({@code listMethods}).
     */
    public List<String> quickstartCommands() {
        String person = DemoPeople.all().get(0).personalCode();
        int ss1 = network.server(SS1).clientHttpPort();
        int ss3 = network.server(SS3).clientHttpPort();
        return List.of(
                "curl -s -H 'X-Road-Client: " + XRoadIds.toPath(PORTAL) + "' http://127.0.0.1:" + ss1 + "/r1/"
                        + XRoadIds.toPath(REGISTRY) + "/persons/" + person,
                "curl -s -H 'Content-Type: text/xml; charset=UTF-8' --data-binary @" + dir.resolve("soap/getRandom.xml")
                        + " http://127.0.0.1:" + ss1 + "/",
                "curl -s -H 'X-Road-Client: " + XRoadIds.toPath(PRESCRIPTIONS) + "' http://127.0.0.1:" + ss3 + "/r1/"
                        + XRoadIds.toPath(REGISTRY) + "/persons/" + person,
                "curl -s -H 'X-Road-Client: " + XRoadIds.toPath(PORTAL) + "' http://127.0.0.1:" + ss1 + "/r1/"
                        + XRoadIds.toPath(FederatedInstance.GREETING),
                "curl -s -H 'X-Road-Client: " + XRoadIds.toPath(PORTAL) + "' http://127.0.0.1:" + ss1 + "/r1/"
                        + XRoadIds.toPath(REGISTRY) + "/listMethods");
    }

    /** The text printed when the sandbox is ready. */
    public String quickstart() {
        List<String> c = quickstartCommands();
        return """
                Sild sandbox is ready: instance DEV, security servers %s; instance FED federated with it.
                Everything is described in %s

                A REST call: the State Portal asks the Population Register for a person
                  %s
                A SOAP call: the State Portal calls getRandom of the test service
                  %s
                Denied: the prescriptions subsystem has no access right to persons (Server.ServerProxy.AccessDenied)
                  %s
                Federation: the State Portal calls the greeting service of instance FED (through ss1)
                  %s
                Discovery: the REST services the Population Register offers (listMethods; also allowedMethods, getOpenAPI)
                  %s
                Citizen view: sign in as a fictional person, see their data and who used it (README: Prescriptions)
                  %s

                These are fictional people and development keys: never use the sandbox for real data.
                Press Ctrl+C to stop.
                """.formatted(serverList(), dir.resolve("sandbox.json"), c.get(0), c.get(1), c.get(2), c.get(3),
                c.get(4), healthcare.citizenViewUri());
    }

    /** {@code ss1 (:8080), ss2 (:8081), ...} with the client ports actually bound. */
    private String serverList() {
        return String.join(", ", network.layout().servers().stream()
                .map(s -> s.id().serverCode() + " (:" + network.server(s.id()).clientHttpPort() + ")").toList());
    }

    public CentralNetwork network() {
        return network;
    }

    /** Where the sandbox keeps its state. */
    public Path directory() {
        return dir;
    }

    @Override
    public void close() {
        if (fed != null) {
            fed.close();
        }
        if (healthcare != null) {
            healthcare.close();
        }
        network.close();
        informationSystems.forEach(HttpServer::close);
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void write(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
