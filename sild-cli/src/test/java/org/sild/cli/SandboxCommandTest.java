package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.cli.sandbox.DemoPeople;
import org.sild.cli.sandbox.LocalNetwork;
import org.sild.cli.sandbox.Sandbox;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;

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
                        dir.resolve("fed/ss1/configuration-anchor.xml").toAbsolutePath().toString());
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
