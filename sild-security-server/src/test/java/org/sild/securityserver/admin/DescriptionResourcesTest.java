package org.sild.securityserver.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.securityserver.admin.AdminHttp.Answer;
import org.sild.securityserver.description.DocumentSource;
import org.sild.securityserver.serverconf.ServerConfStore;

/** Service descriptions from documents through the admin API: add, refresh, refusal with the report. */
class DescriptionResourcesTest {

    static final Map<URI, String> DOCUMENTS = new ConcurrentHashMap<>();
    static AdminServer admin;
    static AdminHttp http;

    @BeforeAll
    static void start(@TempDir Path dir) {
        DocumentSource source = url -> Optional.ofNullable(DOCUMENTS.get(url))
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> new AssertionError("unexpected download " + url));
        admin = AdminServer.start(dir, (db, token) -> new AdminApi(new ServerConfStore(db.store(), Clock.systemUTC()),
                token, Optional.empty(), source));
        http = admin.http();
        http.post("/api/v1/clients", "{\"id\": \"DEV/GOV/70000001/registry\", \"connectionType\": \"NOSSL\"}");
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    static String wsdl(String operations) {
        return """
                <definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:t"
                    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xrd="http://x-road.eu/xsd/xroad.xsd">
                  <binding name="b" type="tns:pt">%s</binding>
                  <service name="s"><port name="p" binding="tns:b"><soap:address location="http://is/soap"/></port></service>
                </definitions>""".formatted(operations);
    }

    @Test
    void wsdlAddedRefreshedAndRefused() {
        String c = "/api/v1/clients/DEV:GOV:70000001:registry";
        DOCUMENTS.put(URI.create("http://is/a.wsdl"), wsdl("<operation name='getA'><xrd:version>v1</xrd:version></operation>"));
        Answer added = http.post(c + "/service-descriptions", "{\"type\": \"WSDL\", \"url\": \"http://is/a.wsdl\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String id = added.json().get("id").asText();
        assertThat(added.json().get("services").findValuesAsText("id")).containsExactly("DEV/GOV/70000001/registry/getA/v1");
        assertThat(added.json().get("services").get(0).get("url").asText()).isEqualTo("http://is/soap");

        DOCUMENTS.put(URI.create("http://is/a.wsdl"), wsdl("<operation name='getB'/>"));
        Answer refreshed = http.put("/api/v1/service-descriptions/" + id + "/refresh", null);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().get("services").findValuesAsText("id"))
                .containsExactly("DEV/GOV/70000001/registry/getB");

        DOCUMENTS.put(URI.create("http://is/bad.wsdl"), wsdl("<operation name='listMethods'/><operation name='x'/><operation name='x'/>"));
        Answer refused = http.post(c + "/service-descriptions", "{\"type\": \"WSDL\", \"url\": \"http://is/bad.wsdl\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").get("code").asText()).isEqualTo("invalid_description");
        assertThat(refused.json().get("error").get("problems")).hasSize(2);
        assertThat(refused.json().get("error").get("problems").get(0).asText()).contains("listMethods", "reserved");
        assertThat(refused.json().get("error").get("problems").get(1).asText())
                .isEqualTo("operation x appears more than once in binding b");
        assertThat(http.put("/api/v1/service-descriptions/00000000-0000-0000-0000-000000000000/refresh", null).status())
                .isEqualTo(404);
    }

    @Test
    void openApiAddedWithEndpointsAndInvalidOneRefused() {
        String c = "/api/v1/clients/DEV:GOV:70000001:registry";
        DOCUMENTS.put(URI.create("http://is/openapi.yaml"), """
                openapi: 3.1.0
                info: {title: persons, version: '1'}
                servers: [{url: 'http://is/api'}]
                paths:
                  /persons/{id}: {get: {}}
                """);
        Answer added = http.post(c + "/service-descriptions", """
                {"type": "OPENAPI3", "url": "http://is/openapi.yaml", "serviceCode": "persons"}""");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("services").get(0).get("url").asText()).isEqualTo("http://is/api");
        assertThat(added.json().get("endpoints").get(0).get("path").asText()).isEqualTo("/persons/*");
        assertThat(http.post(c + "/service-descriptions", "{\"type\": \"OPENAPI3\", \"url\": \"http://is/x.yaml\"}")
                .field()).isEqualTo("serviceCode");

        DOCUMENTS.put(URI.create("http://is/swagger.json"), "{\"swagger\": \"2.0\", \"paths\": {}}");
        Answer refused = http.post(c + "/service-descriptions", """
                {"type": "OPENAPI3", "url": "http://is/swagger.json", "serviceCode": "old"}""");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").get("problems").get(0).asText())
                .isEqualTo("Swagger 2.0 is not supported; use OpenAPI 3.0 or 3.1");
    }
}
