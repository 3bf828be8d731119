package org.sild.securityserver.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.pki.Pem;
import org.sild.runtime.admin.ApiKey;
import org.sild.securityserver.admin.AdminHttp.Answer;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.testing.TestPki;

/** The admin API over real HTTP, on a store in H2 (the store itself is tested on both databases). */
class AdminApiTest {

    static AdminServer admin;
    static AdminHttp http;

    @BeforeAll
    static void start(@TempDir Path dir) {
        admin = AdminServer.start(dir, (db, token) -> new AdminApi(new ServerConfStore(db.store(),
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC)), token));
        http = admin.http();
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    @Test
    void identityAndMaintenance() {
        assertThat(http.get("/api/v1/identity").status()).isEqualTo(404);
        Answer set = http.put("/api/v1/identity", """
                {"owner": "DEV/GOV/70000001", "serverCode": "ss2"}""");
        assertThat(set.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/identity").json().get("securityServer").asText()).isEqualTo("DEV/GOV/70000001/ss2");
        Answer subsystem = http.put("/api/v1/identity", """
                {"owner": "DEV/GOV/70000001/registry", "serverCode": "ss2"}""");
        assertThat(subsystem.status()).isEqualTo(400);
        assertThat(subsystem.field()).isEqualTo("owner");
        assertThat(http.put("/api/v1/identity", "{\"owner\": \"DEV/GOV/70000001\"}").field()).isEqualTo("serverCode");

        assertThat(http.get("/api/v1/maintenance").json().get("enabled").asBoolean()).isFalse();
        JsonNode on = http.put("/api/v1/maintenance", """
                {"enabled": true, "message": "upgrade until 12:00"}""").json();
        assertThat(on.get("enabled").asBoolean()).isTrue();
        assertThat(on.get("message").asText()).isEqualTo("upgrade until 12:00");
        assertThat(http.put("/api/v1/maintenance", "{\"enabled\": false}").json().has("message")).isFalse();
        assertThat(http.put("/api/v1/maintenance", "{}").field()).isEqualTo("enabled");
    }

    @Test
    void clientsAndCertificates() {
        Answer added = http.post("/api/v1/clients", """
                {"id": "DEV/COM/10000001/pos", "connectionType": "nossl"}""");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.contentType()).startsWith("application/json");
        assertThat(added.json().get("id").asText()).isEqualTo("DEV/COM/10000001/pos");
        assertThat(added.json().get("type").asText()).isEqualTo("SUBSYSTEM");
        assertThat(added.json().get("status").asText()).isEqualTo("REGISTERED");
        assertThat(added.json().get("connectionType").asText()).isEqualTo("NOSSL");
        Answer again = http.post("/api/v1/clients", "{\"id\": \"DEV/COM/10000001/pos\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("conflict");
        assertThat(again.field()).isEqualTo("id");
        assertThat(http.post("/api/v1/clients", "{\"id\": \"DEV/COM\"}").field()).isEqualTo("id");
        assertThat(http.post("/api/v1/clients", "{\"id\": \"DEV/COM/1\", \"status\": \"GOOD\"}").field())
                .isEqualTo("status");

        assertThat(http.get("/api/v1/clients/DEV:COM:10000001:pos").json().get("connectionType").asText())
                .isEqualTo("NOSSL");
        Answer changed = http.patch("/api/v1/clients/DEV:COM:10000001:pos", """
                {"status": "DISABLED", "connectionType": "SSLAUTH"}""");
        assertThat(changed.json().get("status").asText()).isEqualTo("DISABLED");
        assertThat(changed.json().get("connectionType").asText()).isEqualTo("SSLAUTH");
        Answer unknown = http.get("/api/v1/clients/DEV:COM:10000001:nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field()).isEqualTo("client");
        assertThat(http.get("/api/v1/clients/DEV:COM").field()).isEqualTo("client");

        var cert = TestPki.create().authCert("pos-is").certificate();
        Answer registered = http.post("/api/v1/clients/DEV:COM:10000001:pos/is-certificates",
                "{\"certificate\": " + Json.quote(Pem.writeCertificate(cert)) + "}");
        assertThat(registered.status()).isEqualTo(201);
        String hash = registered.json().get("hash").asText();
        assertThat(http.get("/api/v1/clients/DEV:COM:10000001:pos").json().get("isCertificates").get(0)
                .get("hash").asText()).isEqualTo(hash);
        assertThat(http.post("/api/v1/clients/DEV:COM:10000001:pos/is-certificates", "{\"certificate\": \"AAAA\"}")
                .field()).isEqualTo("certificate");
        assertThat(http.delete("/api/v1/clients/DEV:COM:10000001:pos/is-certificates/" + hash).status())
                .isEqualTo(204);
        assertThat(http.delete("/api/v1/clients/DEV:COM:10000001:pos/is-certificates/" + hash).status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/clients/DEV:COM:10000001:pos/is-certificates").json()).isEmpty();
        assertThat(http.get("/api/v1/clients").json().findValuesAsText("id")).contains("DEV/COM/10000001/pos");
    }

    @Test
    void servicesEndpointsAccessRightsAndGroups() {
        http.post("/api/v1/clients", "{\"id\": \"DEV/GOV/70000001/registry\", \"connectionType\": \"NOSSL\"}");
        String c = "/api/v1/clients/DEV:GOV:70000001:registry";
        Answer rest = http.post(c + "/service-descriptions", """
                {"type": "OPENAPI3", "url": "http://127.0.0.1:9001/api",
                 "services": [{"serviceCode": "persons", "timeout": 30}]}""");
        assertThat(rest.status()).isEqualTo(201);
        String restId = rest.json().get("id").asText();
        JsonNode persons = rest.json().get("services").get(0);
        assertThat(persons.get("id").asText()).isEqualTo("DEV/GOV/70000001/registry/persons");
        assertThat(persons.get("timeout").asInt()).isEqualTo(30);
        assertThat(persons.get("url").asText()).isEqualTo("http://127.0.0.1:9001/api");
        assertThat(persons.get("verifyTls").asBoolean()).isTrue();
        assertThat(persons.has("serviceVersion")).isFalse();

        Answer badUrl = http.post(c + "/service-descriptions", """
                {"type": "WSDL", "url": "http://h/w", "services": [{"serviceCode": "a", "url": "nope:x"}]}""");
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.field()).isEqualTo("services[0].url");
        assertThat(http.post(c + "/service-descriptions", "{\"type\": \"SOAP\", \"url\": \"http://h\"}").field())
                .isEqualTo("type");

        Answer wsdl = http.post(c + "/service-descriptions", """
                {"type": "WSDL", "url": "http://127.0.0.1:9002/wsdl",
                 "services": [{"serviceCode": "getRandom", "serviceVersion": "v1"}]}""");
        String wsdlId = wsdl.json().get("id").asText();
        assertThat(http.post("/api/v1/service-descriptions/" + wsdlId + "/services", """
                {"serviceCode": "helloService", "serviceVersion": "v1", "verifyTls": false}""").status()).isEqualTo(201);
        assertThat(http.get(c + "/services").json().findValuesAsText("id")).containsExactly(
                "DEV/GOV/70000001/registry/persons", "DEV/GOV/70000001/registry/getRandom/v1",
                "DEV/GOV/70000001/registry/helloService/v1");
        assertThat(http.get(c + "/services/getRandom?version=v1").json().get("serviceDescriptionId").asText())
                .isEqualTo(wsdlId);
        assertThat(http.get(c + "/services/getRandom").status()).as("no unversioned getRandom").isEqualTo(404);
        Answer patched = http.patch(c + "/services/getRandom?version=v1", "{\"timeout\": 5, \"url\": \"http://x/\"}");
        assertThat(patched.json().get("timeout").asInt()).isEqualTo(5);
        assertThat(http.patch(c + "/services/getRandom?version=v1", "{\"timeout\": 0}").field()).isEqualTo("timeout");

        Answer disabled = http.put("/api/v1/service-descriptions/" + wsdlId + "/disable", "{\"notice\": \"later\"}");
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertThat(http.get(c + "/services/helloService?version=v1").json().get("disabledNotice").asText())
                .isEqualTo("later");
        assertThat(http.put("/api/v1/service-descriptions/" + wsdlId + "/enable", null).json().get("disabled")
                .asBoolean()).isFalse();

        assertThat(http.post(c + "/services/persons/endpoints", "{\"method\": \"GET\", \"path\": \"/{personalCode}\"}")
                .status()).isEqualTo(201);
        assertThat(http.get(c + "/services/persons/endpoints").json().get(0).get("path").asText())
                .isEqualTo("/{personalCode}");
        assertThat(http.post(c + "/services/persons/endpoints", "{\"method\": \"GO\", \"path\": \"/x\"}").field())
                .isEqualTo("method");

        Answer grant = http.post(c + "/access-rights", """
                {"subject": "DEV/GOV/70000003/portal", "serviceCode": "persons", "method": "GET",
                 "path": "/{personalCode}"}""");
        assertThat(grant.status()).isEqualTo(201);
        assertThat(grant.json().get("subjectType").asText()).isEqualTo("SUBSYSTEM");
        assertThat(http.post(c + "/access-rights", """
                {"subject": "DEV/GOV/70000003/portal", "serviceCode": "persons", "method": "GET",
                 "path": "/{personalCode}"}""").status()).as("granted already").isEqualTo(200);
        assertThat(http.post(c + "/access-rights", "{\"subject\": \"DEV/members\", \"serviceCode\": \"getRandom\"}")
                .json().get("subjectType").asText()).isEqualTo("GLOBALGROUP");
        assertThat(http.post(c + "/access-rights", "{\"subject\": \"friends\", \"serviceCode\": \"getRandom\"}")
                .field()).isEqualTo("subject");
        assertThat(http.post(c + "/access-rights", "{\"subject\": \"a/b/c/d/e\", \"serviceCode\": \"getRandom\"}")
                .field()).isEqualTo("subject");

        Answer group = http.post(c + "/local-groups", """
                {"code": "friends", "description": "Friends", "members": ["DEV/COM/10000001/pos", "DEV/COM/10000002"]}""");
        assertThat(group.status()).isEqualTo(201);
        assertThat(group.json().get("members")).hasSize(2);
        assertThat(http.post(c + "/access-rights", "{\"subject\": \"friends\", \"serviceCode\": \"getRandom\"}")
                .json().get("subjectType").asText()).isEqualTo("LOCALGROUP");
        assertThat(http.post(c + "/local-groups/friends/members/delete", "{\"members\": [\"DEV/COM/10000002\"]}")
                .json().get("members")).hasSize(1);
        assertThat(http.post(c + "/local-groups/friends/members", "{\"members\": [\"DEV/X\"]}").field())
                .isEqualTo("members[0]");
        assertThat(http.patch(c + "/local-groups/friends", "{\"description\": \"Pals\"}").json().get("description")
                .asText()).isEqualTo("Pals");
        assertThat(http.get(c + "/access-rights?serviceCode=getRandom").json()).hasSize(2);
        assertThat(http.post(c + "/access-rights/delete", "{\"subject\": \"DEV/members\", \"serviceCode\": \"getRandom\"}")
                .status()).isEqualTo(204);
        assertThat(http.delete(c + "/local-groups/friends").status()).isEqualTo(204);
        assertThat(http.get(c + "/local-groups/friends").status()).isEqualTo(404);
        assertThat(http.get(c + "/access-rights").json()).hasSize(1);

        assertThat(http.post(c + "/services/persons/endpoints/delete", "{\"method\": \"GET\", \"path\": \"/{personalCode}\"}")
                .status()).isEqualTo(204);
        assertThat(http.get(c + "/access-rights").json()).isEmpty();
        assertThat(http.delete(c + "/services/helloService?version=v1").status()).isEqualTo(204);
        assertThat(http.delete("/api/v1/service-descriptions/" + restId).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/service-descriptions/" + restId).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/service-descriptions/not-a-uuid").status()).isEqualTo(404);
        assertThat(http.get(c + "/service-descriptions").json()).hasSize(1);
    }

    @Test
    void requestErrorsAreJson() {
        Answer notJson = http.post("/api/v1/clients", "{\"id\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("invalid_json");
        Answer unknownField = http.post("/api/v1/clients", "{\"id\": \"DEV/GOV/1\", \"colour\": \"red\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        var plain = http.call("POST", "/api/v1/clients", null);
        assertThat(plain.status()).isEqualTo(415);
        assertThat(http.get("/api/v1/nothing").status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/clients").status()).isEqualTo(405);
    }

    @Test
    void apiKeyIsRequired() throws Exception {
        var anonymous = AdminHttp.to(admin.server().uri(), "");
        assertThat(anonymous.get("/api/v1/clients").status()).isEqualTo(401);
        assertThat(AdminHttp.to(admin.server().uri(), "wrong").get("/api/v1/clients").status()).isEqualTo(401);
        var xroadStyle = http.client().send(java.net.http.HttpRequest.newBuilder(admin.server().uri().resolve("/api/v1/clients"))
                .header("Authorization", "X-Road-ApiKey token=" + AdminServer.KEY).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(xroadStyle.statusCode()).isEqualTo(200);
    }

    @Test
    void servesItsOpenApiDocument() {
        Answer json = http.get("/api/openapi.json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().get("openapi").asText()).startsWith("3.");
        assertThat(json.json().get("paths").has("/api/v1/clients/{client}/access-rights")).isTrue();
        Answer yaml = http.get("/api/openapi.yaml");
        assertThat(yaml.contentType()).startsWith("application/yaml");
        assertThat(yaml.body()).startsWith("openapi: 3.");
    }

    /** JSON string quoting for test bodies. */
    static final class Json {
        static String quote(String s) {
            try {
                return org.sild.runtime.json.Json.mapper().writeValueAsString(s);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError(e);
            }
        }
    }
}
