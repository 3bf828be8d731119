package org.sild.securityserver.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.securityserver.admin.AdminHttp.Answer;
import org.sild.securityserver.datatracker.Declarations;
import org.sild.securityserver.description.HttpDocumentSource;
import org.sild.securityserver.serverconf.ServerConfStore;

/** Personal data declarations through the admin API: declare, list, refuse with the field, remove. */
class PersonalDataResourcesTest {

    static final String CLIENT = "/api/v1/clients/DEV:GOV:70000002:prescriptions";
    static AdminServer admin;
    static AdminHttp http;

    @BeforeAll
    static void start(@TempDir Path dir) {
        admin = AdminServer.start(dir, (db, token) -> {
            var conf = new ServerConfStore(db.store(), Clock.systemUTC());
            return new AdminApi(conf, token, Optional.empty(), HttpDocumentSource.standard(),
                    Optional.of(new Declarations(db.store(), conf, Clock.systemUTC())));
        });
        http = admin.http();
        ok(http.post("/api/v1/clients", "{\"id\": \"DEV/GOV/70000002/prescriptions\", \"connectionType\": \"NOSSL\"}"));
        ok(http.post(CLIENT + "/service-descriptions", "{\"type\": \"REST\", \"url\": \"http://is/api\","
                + " \"services\": [{\"serviceCode\": \"eprescription\"}]}"));
        ok(http.post(CLIENT + "/services/eprescription/endpoints",
                "{\"method\": \"POST\", \"path\": \"/prescriptions/{id}/dispense\"}"));
    }

    private static void ok(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isLessThan(300);
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    @Test
    void declaredListedAndRemoved() {
        Answer declared = http.post(CLIENT + "/personal-data", """
                {"serviceCode": "eprescription", "endpoint": "POST /prescriptions/{id}/dispense",
                 "locator": {"kind": "response-json-pointer", "name": "/patient"}, "subjectPrefix": "EE",
                 "processingType": "update", "purpose": "dispensing", "legalBasis": "Medicinal Products Act"}""");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        assertThat(declared.json().get("locator").get("kind").asText()).isEqualTo("response-json-pointer");
        Answer service = http.post(CLIENT + "/personal-data", """
                {"serviceCode": "eprescription", "locator": {"kind": "query", "name": "patient"}}""");
        assertThat(service.status()).as(service.body()).isEqualTo(201);
        assertThat(service.json().get("processingType").asText()).isEqualTo("read");

        Answer listed = http.get(CLIENT + "/personal-data");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("endpoint")).containsExactly("POST /prescriptions/{id}/dispense");
        assertThat(listed.json()).hasSize(2);

        assertThat(http.post(CLIENT + "/personal-data/delete", "{\"serviceCode\": \"eprescription\"}").status())
                .isEqualTo(204);
        assertThat(http.get(CLIENT + "/personal-data").json()).hasSize(1);
        Answer again = http.post(CLIENT + "/personal-data/delete", "{\"serviceCode\": \"eprescription\"}");
        assertThat(again.status()).isEqualTo(404);
    }

    @Test
    void badDeclarationsAnswer400Or404NamingTheField() {
        refused(400, "locator.kind", "{\"serviceCode\": \"eprescription\", \"locator\": {\"kind\": \"cookie\","
                + " \"name\": \"x\"}}");
        refused(400, "locator.name", "{\"serviceCode\": \"eprescription\", \"locator\": {\"kind\": \"query\","
                + " \"name\": \"\"}}");
        refused(400, "locator.name", "{\"serviceCode\": \"eprescription\", \"locator\": {\"kind\": \"json-pointer\","
                + " \"name\": \"patient\"}}");
        refused(400, "locator.name", "{\"serviceCode\": \"eprescription\", \"locator\": {\"kind\": \"xpath\","
                + " \"name\": \"p:x[\"}}");
        refused(400, "locator", "{\"serviceCode\": \"eprescription\"}");
        refused(404, "serviceCode", "{\"serviceCode\": \"nothing\", \"locator\": {\"kind\": \"query\", \"name\": \"p\"}}");
        refused(404, "endpoint", "{\"serviceCode\": \"eprescription\", \"endpoint\": \"GET /nothing\","
                + " \"locator\": {\"kind\": \"query\", \"name\": \"p\"}}");
        Answer unknownClient = http.get("/api/v1/clients/DEV:GOV:1:x/personal-data");
        assertThat(unknownClient.status()).isEqualTo(404);
    }

    private static void refused(int status, String field, String body) {
        Answer answer = http.post(CLIENT + "/personal-data", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.field()).as(answer.body()).isEqualTo(field);
    }
}
