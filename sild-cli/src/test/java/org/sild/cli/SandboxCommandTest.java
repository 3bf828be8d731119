package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.cli.sandbox.DemoPeople;
import org.sild.cli.sandbox.LocalNetwork;
import org.sild.cli.sandbox.PersonRegister;
import org.sild.cli.sandbox.Sandbox;
import org.sild.cli.sandbox.SoapRequests;
import org.sild.cli.sandbox.TestServiceAdapter;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.multipart.BodyPart;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MultipartReader;
import org.sild.core.xml.SafeXml;
import org.sild.runtime.json.Json;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code sild sandbox} as a user meets it: the quickstart it prints is the README's, and its
 * {@code curl} commands, run verbatim by a shell, give the answers the README promises. The sandbox
 * runs with all ports moved by a free offset, so a sandbox of the developer's own can keep running.
 */
class SandboxCommandTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String PERSON = DemoPeople.all().get(0).personalCode();

    @TempDir
    Path dir;

    @Test
    void quickstartCommandsAreTheReadmesAndAnswerAsItSays() throws Exception {
        int offset = Sandbox.freePortOffset(new SecureRandom());
        try (Sandbox sandbox = Sandbox.start(dir, offset, Clock.systemUTC(), new SecureRandom())) {
            assertEveryServerHoldsExactlyTheApprovedInstance(sandbox, offset);
            List<String> commands = sandbox.quickstartCommands();
            assertThat(commands).as("the README's tour, with this sandbox's ports and directory")
                    .isEqualTo(readmeQuickstart(offset, dir.toAbsolutePath()));

            String rest = shell(commands.get(0));
            assertThat(rest).contains("\"personalCode\":\"" + PERSON + "\"")
                    .contains(DemoPeople.find(PERSON).orElseThrow().givenName());

            String soap = shell(commands.get(1));
            assertThat(soap).contains("getRandomResponse").contains("requestHash").doesNotContain("Fault");

            String denied = shell(commands.get(2));
            assertThat(denied).contains("Server.ServerProxy.AccessDenied");

            String evidence = shell(readmeEvidenceScript(offset, dir.toAbsolutePath()));
            assertThat(evidence).as("the README's evidence steps verify the downloaded container")
                    .contains("valid request.asice: signed by MEMBER:DEV/GOV/70000003").doesNotContain("invalid");

            assertMetadataServicesAnswer(sandbox, offset);
            assertRestMetadataAsXRoadAnswersIt(offset, shell(commands.get(4)));
            assertSoapMetadataOfTheTestService(offset);

            String federated = shell(commands.get(3));
            assertThat(federated).contains("\"instance\":\"FED\"").contains("Greetings from instance FED");

            // DEV's central server stops trusting FED: once ss1 has the new configuration, FED is unknown.
            var central = sandbox.network().centralServer();
            central.registry().as("test").trustedAnchors().remove("FED");
            central.publisher().publish();
            sandbox.network().server(Sandbox.SS1).configurationClient().update();
            assertThat(shell(commands.get(3))).contains("Server.ClientProxy.UnknownMember");
        }
    }

    @Test
    void startsPrintsTheQuickstartAndKeepsStateForTheNextStart() throws IOException {
        int offset = Sandbox.freePortOffset(new SecureRandom());
        String port = "--port-offset=" + offset;

        CliRunner first = CliRunner.run("sandbox", "--dir", dir.toString(), port, "--no-wait");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Sild sandbox is ready: instance DEV, security servers ss1 (:"
                        + (8080 + offset) + "), ss2 (:" + (8081 + offset) + "), ss3 (:" + (8082 + offset) + ");"
                        + " instance FED federated with it")
                .contains("curl -s -H 'X-Road-Client: DEV/GOV/70000003/portal'")
                .contains("Server.ServerProxy.AccessDenied")
                .contains("ready in");
        String description = Files.readString(dir.resolve("sandbox.json"), StandardCharsets.UTF_8);
        assertThat(description).as("each instance with its configuration URL and anchor")
                .contains("\"instance\":\"DEV\"", "\"instance\":\"FED\"",
                        "http://127.0.0.1:" + (8280 + offset) + "/internalconf",
                        dir.resolve("fed/ss1/configuration-anchor.xml").toAbsolutePath().toString())
                .as("the healthcare scenario's service and the citizen view")
                .contains("DEV/GOV/70000002/prescriptions/eprescription",
                        "\"citizenView\":\"http://127.0.0.1:" + (8090 + offset) + "/\"");
        assertThat(dir.resolve("fed/ss1/configuration-anchor.xml")).exists();
        assertThat(dir.resolve("soap/getRandom.xml")).exists();
        String anchorKey = anchorKey();

        CliRunner again = CliRunner.run("sandbox", "--dir", dir.toString(), port, "--no-wait");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(anchorKey()).as("the second start reuses the instance's signing key").isEqualTo(anchorKey);

        CliRunner reset = CliRunner.run("sandbox", "--dir", dir.toString(), port, "--reset", "--no-wait");

        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(anchorKey()).as("--reset starts a new instance").isNotEqualTo(anchorKey);
    }

    @Test
    void aPortOffsetOutOfRangeIsAUsageError() {
        CliRunner result = CliRunner.run("sandbox", "--dir", dir.toString(), "--port-offset", "60000", "--no-wait");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--port-offset must be between 0 and " + Sandbox.MAX_PORT_OFFSET);
    }

    /**
     * Issue 6, acceptance 1 and 3 (in part): through ss1, {@code listClients} lists every client of the
     * instance, and the Population Register's REST {@code listMethods} and {@code allowedMethods} answer
     * the State Portal with the persons service, as an Information Mediator-style client asks them.
     */
    private static void assertMetadataServicesAnswer(Sandbox sandbox, int offset) throws Exception {
        String ss1 = "http://127.0.0.1:" + (8080 + offset);
        String clients = get(ss1 + "/listClients", "Accept", "application/json");
        for (LocalNetwork.Server server : Sandbox.layout(offset).servers()) {
            for (ClientId client : server.clients()) {
                assertThat(clients).as("listClients lists %s", client)
                        .contains("\"subsystem_code\":\"" + client.subsystemCode().orElseThrow() + "\"");
            }
        }
        for (String metaservice : List.of("listMethods", "allowedMethods")) {
            assertThat(get(ss1 + "/r1/DEV/GOV/70000001/registry/" + metaservice, "X-Road-Client",
                    "DEV/GOV/70000003/portal")).as(metaservice).contains("\"service_code\":\"persons\"");
        }
    }

    /** What PR-MREST's listMethods/allowedMethods entries carry (snake_case, as X-Road's code writes them). */
    private static final Set<String> REST_SERVICE_FIELDS = Set.of("object_type", "xroad_instance", "member_class",
            "member_code", "subsystem_code", "service_code", "service_type", "endpoint_list");

    /**
     * Issue 6, acceptance 1 and 3: the GovStack Information Mediator-style REST metadata calls through
     * ss1 answer 200 with X-Road's JSON. The persons service is registered on ss2 from the OpenAPI
     * document its information system serves, so its endpoint comes from that document ({@code
     * /{personalCode}} listed as X-Road lists it, {@code /*}); {@code allowedMethods} follows the
     * caller's rights; {@code getOpenAPI} returns the registered document. The registry declares
     * personal data, so its built-in {@code findUsage} is listed after {@code persons} (the portal may
     * call both). {@code readmeListMethods} is what the README's discovery step printed.
     */
    private static void assertRestMetadataAsXRoadAnswersIt(int offset, String readmeListMethods) throws Exception {
        String registry = "http://127.0.0.1:" + (8080 + offset) + "/r1/DEV/GOV/70000001/registry/";
        String portal = "DEV/GOV/70000003/portal";
        String noRights = "DEV/GOV/70000003";
        var persons = Map.of("object_type", "SERVICE", "xroad_instance", "DEV", "member_class", "GOV",
                "member_code", "70000001", "subsystem_code", "registry", "service_code", "persons",
                "service_type", "OPENAPI");
        for (String answer : List.of(readmeListMethods, get(registry + "listMethods", "X-Road-Client", portal),
                get(registry + "listMethods", "X-Road-Client", noRights),
                get(registry + "allowedMethods", "X-Road-Client", portal))) {
            JsonNode service = restServiceList(answer).get(0);
            assertThat(restServiceList(answer)).as(answer).hasSize(2);
            persons.forEach((field, value) -> assertThat(service.path(field).asText()).as(field).isEqualTo(value));
            assertThat(service.get("endpoint_list")).as(answer).hasSize(1);
            assertThat(service.get("endpoint_list").get(0).path("method").asText()).isEqualTo("GET");
            assertThat(service.get("endpoint_list").get(0).path("path").asText()).isEqualTo("/*");
            JsonNode findUsage = restServiceList(answer).get(1);
            assertThat(findUsage.path("service_code").asText()).isEqualTo("findUsage");
            assertThat(findUsage.get("endpoint_list").findValuesAsText("path"))
                    .containsExactly("/v2/findUsage", "/v2/usagePeriod", "/v2/heartbeat");
        }
        assertThat(restServiceList(get(registry + "allowedMethods", "X-Road-Client", noRights)))
                .as("allowedMethods for a caller without rights").isEmpty();

        HttpResponse<String> openApi = send(HttpRequest.newBuilder(URI.create(registry + "getOpenAPI?serviceCode=persons"))
                .header("X-Road-Client", portal).GET().build());
        assertThat(openApi.statusCode()).as(openApi.body()).isEqualTo(200);
        assertThat(openApi.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        // The document's only server URL is "/", which X-Road's anonymisation (URL to its path) keeps.
        assertThat(Json.mapper().readTree(openApi.body())).as("the registered document")
                .isEqualTo(Json.mapper().readTree(PersonRegister.OPENAPI));
    }

    /** The {@code service} array of a REST listMethods/allowedMethods answer, each entry checked against the schema. */
    private static JsonNode restServiceList(String json) throws IOException {
        JsonNode root = Json.mapper().readTree(json);
        assertThat(root.properties()).as(json).extracting(Map.Entry::getKey).containsExactly("service");
        JsonNode services = root.get("service");
        assertThat(services.isArray()).as(json).isTrue();
        for (JsonNode service : services) {
            var fields = new HashSet<String>();
            service.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(json).isSubsetOf(REST_SERVICE_FIELDS).contains("object_type", "xroad_instance",
                    "member_class", "member_code", "service_code", "service_type");
            assertThat(service.path("service_type").asText()).isIn("REST", "OPENAPI");
            for (JsonNode endpoint : service.path("endpoint_list")) {
                var endpointFields = new HashSet<String>();
                endpoint.fieldNames().forEachRemaining(endpointFields::add);
                assertThat(endpointFields).as(json).isEqualTo(Set.of("method", "path"));
            }
        }
        return services;
    }

    /**
     * Issue 6, acceptance 1 (SOAP): the test services are registered on ss3 from their WSDL;
     * listMethods lists both for anyone, allowedMethods only for the State Portal (which has the
     * rights), and getWsdl returns the registered WSDL as X-Road does: multipart, with the SOAP address
     * replaced by {@code http://example.org/xroad-endpoint}.
     */
    private static void assertSoapMetadataOfTheTestService(int offset) throws Exception {
        Set<String> both = Set.of("getRandom/v1", "helloService/v1");
        assertThat(soapMethods(offset, Sandbox.PORTAL, "listMethods")).isEqualTo(both);
        assertThat(soapMethods(offset, Sandbox.CLINIC, "listMethods")).isEqualTo(both);
        assertThat(soapMethods(offset, Sandbox.PORTAL, "allowedMethods")).isEqualTo(both);
        assertThat(soapMethods(offset, Sandbox.CLINIC, "allowedMethods")).as("the clinic has no rights").isEmpty();

        HttpResponse<byte[]> answer = soap(offset, Sandbox.PORTAL, "getWsdl", "<xrd:getWsdl><xrd:serviceCode>getRandom"
                + "</xrd:serviceCode><xrd:serviceVersion>v1</xrd:serviceVersion></xrd:getWsdl>");
        ContentType type = ContentType.parse(answer.headers().firstValue("Content-Type").orElseThrow());
        assertThat(type.mediaType()).isEqualTo("multipart/related");
        MultipartReader parts = MultipartReader.of(new ByteArrayInputStream(answer.body()), type);
        BodyPart soapPart = parts.next().orElseThrow();
        assertThat(new String(soapPart.body().readAllBytes(), StandardCharsets.UTF_8)).contains("getWsdlResponse")
                .contains("requestHash").doesNotContain("Fault");
        BodyPart wsdlPart = parts.next().orElseThrow();
        assertThat(wsdlPart.mediaType()).isEqualTo("text/xml");
        Document wsdl = dom(wsdlPart.body().readAllBytes());
        Document registered = dom(TestServiceAdapter.wsdl("http://example.org/xroad-endpoint")
                .getBytes(StandardCharsets.UTF_8));
        wsdl.normalizeDocument();
        registered.normalizeDocument();
        assertThat(wsdl.getDocumentElement().isEqualNode(registered.getDocumentElement()))
                .as("the WSDL the test service serves, its address rewritten").isTrue();
    }

    /** {@code code/version} of each service a SOAP listMethods or allowedMethods answer lists. */
    private static Set<String> soapMethods(int offset, ClientId client, String metaservice) throws Exception {
        HttpResponse<byte[]> answer = soap(offset, client, metaservice, "<xrd:" + metaservice + "/>");
        Document response = dom(answer.body());
        assertThat(response.getElementsByTagNameNS(IdentifierXml.XROAD_NAMESPACE, metaservice + "Response")
                .getLength()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(1);
        var listed = new HashSet<String>();
        NodeList services = response.getElementsByTagNameNS(IdentifierXml.XROAD_NAMESPACE, "service");
        for (int i = 0; i < services.getLength(); i++) {
            Element service = (Element) services.item(i);
            if (service.getParentNode().getLocalName().equals(metaservice + "Response")) {
                listed.add(text(service, "serviceCode") + "/" + text(service, "serviceVersion"));
            }
        }
        return listed;
    }

    private static String text(Element service, String name) {
        return service.getElementsByTagNameNS(IdentifierXml.NAMESPACE, name).item(0).getTextContent();
    }

    /** A SOAP metaservice call on the test service subsystem from {@code client}, through ss1. */
    private static HttpResponse<byte[]> soap(int offset, ClientId client, String metaservice, String body)
            throws Exception {
        String request = SoapRequests.request(client, new ServiceId(Sandbox.TESTSERVICE, metaservice),
                "sandbox-" + metaservice, body);
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + (8080 + offset) + "/"))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(request, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return answer;
    }

    private static Document dom(byte[] xml) throws Exception {
        return SafeXml.documentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String url, String header, String value) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header(header, value).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }

    /** The configuration signing certificate in ss1's configuration anchor. */
    private String anchorKey() throws IOException {
        String anchor = Files.readString(dir.resolve("ss1/configuration-anchor.xml"), StandardCharsets.UTF_8);
        Matcher cert = Pattern.compile("<verificationCert>(.*?)</verificationCert>", Pattern.DOTALL).matcher(anchor);
        assertThat(cert.find()).as("the anchor names a verification certificate: %s", anchor).isTrue();
        return cert.group(1);
    }

    /**
     * Each DEV security server's global configuration lists exactly the layout's members and, per
     * server, the clients registered through management requests (the management services'
     * subsystem on ss1 included).
     */
    private static void assertEveryServerHoldsExactlyTheApprovedInstance(Sandbox sandbox, int offset) {
        LocalNetwork.Layout layout = Sandbox.layout(offset);
        Map<SecurityServerId, Set<ClientId>> expected = new HashMap<>();
        for (LocalNetwork.Server server : layout.servers()) {
            expected.put(server.id(), new HashSet<>(server.clients()));
        }
        expected.get(Sandbox.SS1).add(sandbox.network().managementProvider());
        for (LocalNetwork.Server server : layout.servers()) {
            var conf = sandbox.network().server(server.id()).configurationClient().current(Instant.now())
                    .instance(Sandbox.INSTANCE).orElseThrow().parameters();
            Map<SecurityServerId, Set<ClientId>> listed = new HashMap<>();
            conf.securityServers().forEach(s -> listed.put(s.id(), new HashSet<>(s.clients())));
            assertThat(listed).as("servers and clients as %s holds them", server.id()).isEqualTo(expected);
            assertThat(conf.members()).extracting(m -> m.id())
                    .containsExactlyInAnyOrderElementsOf(layout.members().stream().map(LocalNetwork.Member::id).toList());
        }
    }

    /**
     * The three commands of the README's tour, continuation lines joined and comments dropped, with
     * the contract's client ports moved by {@code offset} and {@code .sild/sandbox} replaced by {@code dir}.
     */
    private static List<String> readmeQuickstart(int offset, Path dir) throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("## Five-minute tour.*?```sh\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README has the tour's first sh block").isTrue();
        var commands = new ArrayList<String>();
        for (String line : block.group(1).replaceAll("\\\\\\n\\s*", "").split("\\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String command = line.replace("@.sild/sandbox/", "@" + dir + "/");
            for (int port = 8080; port <= 8082; port++) {
                command = command.replace("127.0.0.1:" + port + "/", "127.0.0.1:" + (port + offset) + "/");
            }
            commands.add(command);
        }
        return commands;
    }

    /**
     * The README's evidence block as one script run in a fresh directory: client ports moved by
     * {@code offset}, {@code ./sild} this build's command line.
     */
    private String readmeEvidenceScript(int offset, Path sandboxDir) throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("### Evidence.*?```sh\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README has the evidence sh block").isTrue();
        Path work = Files.createDirectories(sandboxDir.resolve("readme-evidence"));
        String java = ProcessHandle.current().info().command().orElseThrow();
        String script = block.group(1).replace("127.0.0.1:8080/", "127.0.0.1:" + (8080 + offset) + "/")
                .replace("./sild ", "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' org.sild.cli.Main ");
        return "set -e; cd '" + work + "'\n" + script;
    }

    /** What {@code sh -c command} prints, after checking that it succeeded. */
    private static String shell(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("exit code of %s: %s", command, output).isZero();
        return output;
    }

    /**
     * Issue 6, acceptance 5: the State Portal member, ss1's owner and the sandbox's monitoring client,
     * asks ss2 for its environmental metrics through ss1 and gets ss2's metric set.
     */
    @Test
    void theStatePortalGetsTheMetricsOfSs2ThroughSs1() throws Exception {
        int offset = Sandbox.freePortOffset(new SecureRandom());
        try (Sandbox sandbox = Sandbox.start(dir, offset, Clock.systemUTC(), new SecureRandom())) {
            assertThat(sandbox.network().centralServer().registry().as("test").settings().monitoringClient())
                    .contains(Sandbox.STATE_PORTAL);
            String codes = "<id:xRoadInstance>DEV</id:xRoadInstance><id:memberClass>GOV</id:memberClass>";
            String soap = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
                    + " xmlns:id=\"http://x-road.eu/xsd/identifiers\" xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\""
                    + " xmlns:m=\"http://x-road.eu/xsd/monitoring\"><SOAP-ENV:Header>"
                    + "<xrd:client id:objectType=\"MEMBER\">" + codes + "<id:memberCode>70000003</id:memberCode></xrd:client>"
                    + "<xrd:service id:objectType=\"SERVICE\">" + codes + "<id:memberCode>70000001</id:memberCode>"
                    + "<id:serviceCode>getSecurityServerMetrics</id:serviceCode></xrd:service>"
                    + "<xrd:securityServer id:objectType=\"SERVER\">" + codes + "<id:memberCode>70000001</id:memberCode>"
                    + "<id:serverCode>ss2</id:serverCode></xrd:securityServer>"
                    + "<xrd:id>sandbox-metrics</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion></SOAP-ENV:Header>"
                    + "<SOAP-ENV:Body><m:getSecurityServerMetrics><m:outputSpec><m:outputField>OperatingSystem</m:outputField>"
                    + "</m:outputSpec></m:getSecurityServerMetrics></SOAP-ENV:Body></SOAP-ENV:Envelope>";
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + (8080 + offset) + "/")).header("Content-Type", "text/xml; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(soap)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).as("metrics of ss2").doesNotContain("Fault")
                    .contains("<m:name>SERVER:DEV/GOV/70000001/ss2</m:name>").contains("<m:name>OperatingSystem</m:name>");
        }
    }
}
