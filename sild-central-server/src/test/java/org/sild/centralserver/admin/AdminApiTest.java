package org.sild.centralserver.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sild.centralserver.Fixtures;
import org.sild.centralserver.RunningServer;
import org.sild.centralserver.RunningServer.Answer;
import org.sild.core.management.ManagementRequest.AuthCertReg;
import org.sild.core.management.ManagementRequest.ClientReg;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.DirectoryVerifier;
import org.sild.core.pki.Pem;
import org.sild.testing.TestDatabases;

/** The admin API over real HTTP: every resource, authentication, refusals with their status and field, the audit. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminApiTest {

    static RunningServer cs;

    @BeforeAll
    static void start() throws Exception {
        cs = new RunningServer(TestDatabases.H2, java.time.Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        cs.close();
    }

    @Test
    @Order(1)
    void everyRequestNeedsAnApiKey() {
        assertThat(cs.call("GET", "/api/v1/members", null, null).status()).isEqualTo(401);
        Answer wrong = cs.call("GET", "/api/v1/members", null, "X-Road-ApiKey token=not-the-key-0123456789");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").path("code").asText()).isEqualTo("unauthorized");
        assertThat(cs.call("GET", "/api/v1/members", null, "Bearer " + RunningServer.KEY).status()).isEqualTo(200);
        assertThat(cs.call("GET", "/api/openapi.json", null).json().path("openapi").asText()).startsWith("3.");
        assertThat(cs.call("GET", "/health", null, null).status()).isEqualTo(503);
        assertThat(cs.call("GET", "/api/v1/nothing", null).status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void membersSubsystemsAndGroups() {
        ok(cs.call("POST", "/api/v1/member-classes", Map.of("code", "GOV", "description", "Government")), 201);
        ok(cs.call("PUT", "/api/v1/member-classes/GOV", Map.of("description", "Governmental organisations")), 200);
        Answer member = ok(cs.call("POST", "/api/v1/members", Map.of("memberClass", "GOV", "memberCode", "70000001",
                "name", "Population Registry")), 201);
        assertThat(member.json().path("id").asText()).isEqualTo("DEV/GOV/70000001");
        ok(cs.call("POST", "/api/v1/members/DEV:GOV:70000001/subsystems", Map.of("code", "management",
                "name", "Management")), 201);
        ok(cs.call("POST", "/api/v1/members/DEV:GOV:70000001/subsystems", Map.of("code", "registry")), 201);
        ok(cs.call("PUT", "/api/v1/members/DEV:GOV:70000001/subsystems/registry", Map.of("name", "Registry")), 200);
        ok(cs.call("PUT", "/api/v1/members/DEV:GOV:70000001", Map.of("name", "Registry Centre")), 200);
        JsonNode got = ok(cs.call("GET", "/api/v1/members/DEV:GOV:70000001", null), 200).json();
        assertThat(got.path("name").asText()).isEqualTo("Registry Centre");
        assertThat(got.path("subsystems").findValuesAsText("code")).containsExactly("management", "registry");
        assertThat(ok(cs.call("GET", "/api/v1/members", null), 200).json()).hasSize(1);

        refused(cs.call("POST", "/api/v1/members", Map.of("memberClass", "GOV", "memberCode", "70000001",
                "name", "again")), 409, "conflict", "id");
        refused(cs.call("POST", "/api/v1/members", Map.of("memberClass", "GOV", "name", "x")), 400, "invalid_value",
                "memberCode");
        refused(cs.call("POST", "/api/v1/members", Map.<String, Object>of("memberClass", "GOV", "memberCode", "7", "name", "x",
                "extra", 1)), 400, "invalid_json", "");
        refused(cs.call("GET", "/api/v1/members/DEV:GOV", null), 400, "invalid_value", "member");
        refused(cs.call("GET", "/api/v1/members/DEV:GOV:99", null), 404, "not_found", "member");
        refused(cs.call("POST", "/api/v1/members", "<xml/>".getBytes()), 415, "unsupported_media_type", "");
        refused(cs.call("DELETE", "/api/v1/member-classes/GOV", null), 409, "conflict", "code");

        ok(cs.call("POST", "/api/v1/global-groups", Map.of("code", "agencies", "description", "Agencies")), 201);
        JsonNode group = ok(cs.call("POST", "/api/v1/global-groups/agencies/members",
                Map.of("member", "DEV/GOV/70000001/registry")), 201).json();
        assertThat(group.path("members").get(0).asText()).isEqualTo("DEV/GOV/70000001/registry");
        ok(cs.call("PUT", "/api/v1/global-groups/agencies", Map.of("description", "State agencies")), 200);
        assertThat(ok(cs.call("GET", "/api/v1/global-groups/agencies", null), 200).json().path("description").asText())
                .isEqualTo("State agencies");
        ok(cs.call("DELETE", "/api/v1/global-groups/agencies/members/DEV:GOV:70000001:registry", null), 200);
        ok(cs.call("DELETE", "/api/v1/global-groups/agencies", null), 204);
        refused(cs.call("DELETE", "/api/v1/global-groups/security-server-owners", null), 409, "conflict", "code");
        assertThat(ok(cs.call("GET", "/api/v1/global-groups", null), 200).json().findValuesAsText("code"))
                .containsExactly("security-server-owners");
    }

    @Test
    @Order(3)
    void trustServicesAndTrustedAnchors() {
        String root = Pem.writeCertificate(Fixtures.PKI.root().certificate());
        String intermediate = Pem.writeCertificate(Fixtures.PKI.intermediate().certificate());
        JsonNode ca = ok(cs.call("POST", "/api/v1/certification-authorities", Map.of("certificate", root,
                "intermediateCas", List.of(Map.of("certificate", intermediate, "ocspResponders",
                        List.of(Map.of("url", "http://127.0.0.1:8888/ocsp")))))), 201).json();
        assertThat(ca.path("name").asText()).isEqualTo("Sild CS Test Root CA");
        assertThat(ca.path("certificateProfileInfo").asText()).isEqualTo(Fixtures.EJBCA);
        long id = ca.path("id").asLong();
        assertThat(ok(cs.call("GET", "/api/v1/certification-authorities/" + id, null), 200).json()
                .path("intermediateCas").get(0).path("ocspResponders").get(0).path("url").asText())
                .isEqualTo("http://127.0.0.1:8888/ocsp");
        refused(cs.call("POST", "/api/v1/certification-authorities", Map.of("certificate", "not a certificate")), 400,
                "invalid_value", "certificate");
        refused(cs.call("POST", "/api/v1/certification-authorities", Map.of("certificate", root)), 409, "conflict",
                "name");
        refused(cs.call("GET", "/api/v1/certification-authorities/x", null), 404, "not_found", "id");
        ok(cs.call("PUT", "/api/v1/certification-authorities/" + id, Map.of("name", "Test CA", "certificate", root,
                "intermediateCas", List.of(Map.of("certificate", intermediate)))), 200);

        JsonNode tsa = ok(cs.call("POST", "/api/v1/timestamping-services", Map.of("url", "http://127.0.0.1:8899/tsa",
                "certificate", Pem.writeCertificate(Fixtures.PKI.tsa().certificate()))), 201).json();
        assertThat(tsa.path("name").asText()).isEqualTo("Sild CS Test TSA");
        refused(cs.call("POST", "/api/v1/timestamping-services", Map.of("url", "ftp://x", "certificate",
                Pem.writeCertificate(Fixtures.PKI.tsa().certificate()))), 400, "invalid_value", "url");
        assertThat(ok(cs.call("GET", "/api/v1/timestamping-services", null), 200).json()).hasSize(1);

        JsonNode anchor = ok(cs.call("POST", "/api/v1/trusted-anchors", Fixtures.anchor("FED").toXml()), 201).json();
        assertThat(anchor.path("instance").asText()).isEqualTo("FED");
        refused(cs.call("POST", "/api/v1/trusted-anchors", Map.of("x", 1)), 415, "unsupported_media_type", "anchor");
        refused(cs.call("POST", "/api/v1/trusted-anchors", "garbage".getBytes()), 400, "invalid_value", "anchor");
        assertThat(ok(cs.call("GET", "/api/v1/trusted-anchors", null), 200).json().get(0).path("downloadUrls").get(0)
                .asText()).isEqualTo("http://fed.example/externalconf");
        ok(cs.call("DELETE", "/api/v1/trusted-anchors/FED", null), 204);
        refused(cs.call("DELETE", "/api/v1/trusted-anchors/FED", null), 404, "not_found", "instance");
    }

    @Test
    @Order(4)
    void settingsPublishTheConfigurationWhoseAnchorsAreDownloadable() throws Exception {
        refused(cs.call("GET", "/api/v1/anchors/internal", null), 409, "not_published", "");
        JsonNode settings = ok(cs.call("GET", "/api/v1/settings", null), 200).json();
        assertThat(settings.path("authCertRegServiceAddress").asText()).isEqualTo("https://127.0.0.1:"
                + cs.server.registrationPort() + "/managementservice/");
        assertThat(settings.path("authCertRegServiceCert").path("sha256").asText())
                .isEqualTo(org.sild.core.pki.CertHashes.sha256Hex(cs.server.tlsCertificate()));
        refused(cs.call("PATCH", "/api/v1/settings", Map.of("timeStampingIntervalSeconds", 4000)), 400, "invalid_value",
                "timeStampingIntervalSeconds");
        refused(cs.call("PATCH", "/api/v1/settings", Map.of("managementServiceProvider", "DEV/GOV/9/x")), 400,
                "invalid_value", "managementServiceProvider");

        JsonNode changed = ok(cs.call("PATCH", "/api/v1/settings", Map.of("managementServiceProvider",
                "DEV/GOV/70000001/management", "ocspFreshnessSeconds", 7200, "timeStampingIntervalSeconds", 4000,
                "autoApproveClientReg", true)), 200).json();
        assertThat(changed.path("timeStampingIntervalSeconds").asInt()).isEqualTo(4000);
        assertThat(changed.path("autoApproveClientReg").asBoolean()).isTrue();
        assertThat(ok(cs.call("PATCH", "/api/v1/settings", Map.of("monitoringClient", "DEV/GOV/70000001")), 200)
                .json().path("monitoringClient").asText()).isEqualTo("DEV/GOV/70000001");
        assertThat(ok(cs.call("PATCH", "/api/v1/settings", Map.of("monitoringClient", "")), 200).json()
                .path("monitoringClient").asText("")).isEmpty();

        JsonNode instance = ok(cs.call("GET", "/api/v1/instance", null), 200).json();
        assertThat(instance.path("instanceIdentifier").asText()).isEqualTo("DEV");
        assertThat(instance.path("configuration").path("generation").asText()).isNotEmpty();
        assertThat(cs.call("GET", "/health", null, null).status()).isEqualTo(200);
        Answer file = ok(cs.call("GET", "/api/v1/anchors/internal", null), 200);
        assertThat(file.response().headers().firstValue("Content-Disposition").orElseThrow())
                .contains("configuration-anchor-DEV-internal.xml");
        ConfigurationAnchor anchor = ConfigurationAnchor.parse(file.body());
        assertThat(anchor.sources().getFirst().downloadUrl())
                .isEqualTo("http://127.0.0.1:" + cs.server.configurationPort() + "/internalconf");
        var directory = DirectoryVerifier.of(anchor).verify(cs.download("/internalconf?version=6").body(),
                java.time.Instant.now());
        assertThat(directory.configurationVersion()).isEqualTo(6);
        assertThat(ConfigurationAnchor.parse(ok(cs.call("GET", "/api/v1/anchors/external", null), 200).body())
                .sources().getFirst().downloadUrl()).endsWith("/externalconf");
    }

    @Test
    @Order(5)
    void signingKeysRotate() {
        JsonNode keys = ok(cs.call("GET", "/api/v1/signing-keys", null), 200).json();
        assertThat(keys.findValuesAsText("state")).containsExactly("ACTIVE", "ACTIVE");
        String old = StreamSupport.stream(keys.spliterator(), false).filter(k -> k.path("kind").asText()
                .equals("INTERNAL")).findFirst().orElseThrow().path("keyId").asText();
        JsonNode added = ok(cs.call("POST", "/api/v1/signing-keys", Map.of("kind", "internal")), 201).json();
        assertThat(added.path("state").asText()).isEqualTo("ANNOUNCED");
        refused(cs.call("POST", "/api/v1/signing-keys", Map.of("kind", "other")), 400, "invalid_value", "kind");
        String keyId = added.path("keyId").asText();
        refused(cs.call("DELETE", "/api/v1/signing-keys/" + old, null), 409, "conflict", "keyId");
        assertThat(ok(cs.call("POST", "/api/v1/signing-keys/" + keyId + "/activate", null), 200).json().path("state")
                .asText()).isEqualTo("ACTIVE");
        ok(cs.call("DELETE", "/api/v1/signing-keys/" + old, null), 204);
        refused(cs.call("POST", "/api/v1/signing-keys/" + old + "/activate", null), 404, "not_found", "keyId");
        assertThat(ConfigurationAnchor.parse(ok(cs.call("GET", "/api/v1/anchors/internal", null), 200).body())
                .verificationCerts()).hasSize(1);
    }

    @Test
    @Order(6)
    void managementRequestsAreListedApprovedAndRejected() {
        var registry = cs.server.registry();
        var requests = registry.managementRequests();
        long reg = requests.submit(new AuthCertReg(Fixtures.SS1, "ss1.example.org",
                Fixtures.authCert("ss1").certificate()), "10.0.0.1");
        long client = requests.submit(new ClientReg(Fixtures.SS1, Fixtures.REGISTRY.subsystem("registry"),
                Optional.empty()), "10.0.0.1");

        JsonNode pending = ok(cs.call("GET", "/api/v1/management-requests?state=submitted", null), 200).json();
        assertThat(pending.findValuesAsText("type")).containsExactly("clientReg", "authCertReg");
        assertThat(pending.get(1).path("authCert").path("subject").asText()).isEqualTo("CN=ss1");
        refused(cs.call("GET", "/api/v1/management-requests?state=unknown", null), 400, "invalid_value", "state");
        refused(cs.call("GET", "/api/v1/management-requests?limit=0", null), 400, "invalid_value", "limit");
        refused(cs.call("POST", "/api/v1/management-requests/" + client + "/approve", null), 409, "conflict", "server");

        JsonNode approved = ok(cs.call("POST", "/api/v1/management-requests/" + reg + "/approve", null), 200).json();
        assertThat(approved.path("state").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("decidedBy").asText()).isEqualTo("ops");
        ok(cs.call("POST", "/api/v1/management-requests/" + client + "/reject", null), 200);
        refused(cs.call("POST", "/api/v1/management-requests/" + client + "/approve", null), 409, "conflict", "id");
        refused(cs.call("GET", "/api/v1/management-requests/123456", null), 404, "not_found", "id");
        assertThat(ok(cs.call("GET", "/api/v1/management-requests?type=clientReg&server=DEV/GOV/70000001/ss1", null),
                200).json().findValuesAsText("state")).containsExactly("REJECTED");

        JsonNode server = ok(cs.call("GET", "/api/v1/security-servers/DEV:GOV:70000001:ss1", null), 200).json();
        assertThat(server.path("address").asText()).isEqualTo("ss1.example.org");
        assertThat(ok(cs.call("GET", "/api/v1/security-servers/DEV:GOV:70000001:ss1/auth-certs", null), 200).json())
                .hasSize(1);
        assertThat(ok(cs.call("GET", "/api/v1/security-servers/DEV:GOV:70000001:ss1/clients", null), 200).json())
                .isEmpty();
        assertThat(ok(cs.call("GET", "/api/v1/security-servers", null), 200).json()).hasSize(1);
        refused(cs.call("GET", "/api/v1/security-servers/DEV:GOV:70000001", null), 400, "invalid_value", "server");
        ok(cs.call("DELETE", "/api/v1/security-servers/DEV:GOV:70000001:ss1", null), 204);
        refused(cs.call("GET", "/api/v1/security-servers/DEV:GOV:70000001:ss1", null), 404, "not_found", "server");
    }

    @Test
    @Order(7)
    void everyChangeIsAudited() {
        JsonNode audit = ok(cs.call("GET", "/api/v1/audit?limit=1000", null), 200).json();
        List<String> actions = audit.findValuesAsText("action");
        assertThat(actions).contains("member-class.add", "member.add", "subsystem.add", "global-group.remove",
                "ca.add", "ca.change", "tsa.add", "trusted-anchor.add", "trusted-anchor.remove", "settings.change",
                "signing-key.add", "signing-key.activate", "signing-key.remove", "management-request.submit",
                "management-request.approve", "management-request.reject", "security-server.remove");
        JsonNode memberAdd = StreamSupport.stream(audit.spliterator(), false)
                .filter(e -> e.path("action").asText().equals("member.add")).findFirst().orElseThrow();
        assertThat(memberAdd.path("actor").asText()).isEqualTo("ops");
        assertThat(memberAdd.path("target").asText()).isEqualTo("MEMBER:DEV/GOV/70000001");
        assertThat(memberAdd.path("details").path("name").asText()).isEqualTo("Population Registry");
        assertThat(ok(cs.call("GET", "/api/v1/audit?actor=management-service", null), 200).json().findValuesAsText(
                "action")).containsOnly("management-request.submit");
        assertThat(ok(cs.call("GET", "/api/v1/audit?action=member.add&limit=5", null), 200).json()).hasSize(1);
        assertThat(StreamSupport.stream(audit.spliterator(), false).filter(e -> e.path("actor").asText()
                .equals("system")).map(e -> e.path("action").asText()).toList())
                .contains("signing-key.add", "settings.change");
    }

    static Answer ok(Answer answer, int status) {
        assertThat(answer.status()).as(new String(answer.body())).isEqualTo(status);
        return answer;
    }

    static void refused(Answer answer, int status, String code, String field) {
        assertThat(answer.status()).as(new String(answer.body())).isEqualTo(status);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo(code);
        assertThat(answer.json().path("error").path("message").asText()).isNotBlank();
        assertThat(answer.json().path("error").path("field").asText()).isEqualTo(field);
    }
}
