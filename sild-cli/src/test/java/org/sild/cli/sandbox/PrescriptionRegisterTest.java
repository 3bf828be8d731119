package org.sild.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.json.Json;
import org.sild.testing.MutableClock;

class PrescriptionRegisterTest {

    static final String CLINIC = "DEV/COM/10000002/clinic";
    static final String PHARMACY = "DEV/COM/10000001/pos";
    static final String MART = DemoPeople.all().get(0).personalCode();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

    private HttpResponse<String> send(URI base, String method, String path, String client, String body) throws Exception {
        var request = HttpRequest.newBuilder(base.resolve(path)).header("X-Road-Client", client)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.read(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
    }

    @Test
    void aClinicPrescribesAndAPharmacyListsAndDispensesAndARestartKeepsIt() throws Exception {
        Path file = dir.resolve("prescriptions.json");
        try (var server = HttpServer.builder().name("rx").port(0)
                .handler(new PrescriptionRegister(file, clock).handler()).build().start()) {
            var created = send(server.uri(), "POST", "/prescriptions", CLINIC,
                    "{\"patient\":\"" + MART + "\",\"medication\":\"Amoxicillin 500 mg\",\"dosage\":\"3x daily\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(json(created).get("id").asText()).isEqualTo("RX-000001");
            assertThat(json(created).get("prescribedBy").asText()).isEqualTo(CLINIC);
            assertThat(json(created).get("status").asText()).isEqualTo("issued");

            clock.advance(java.time.Duration.ofMinutes(5));
            var list = send(server.uri(), "GET", "/prescriptions?patient=" + MART, PHARMACY, null);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(json(list)).hasSize(1);

            var dispensed = send(server.uri(), "POST", "/prescriptions/RX-000001/dispense", PHARMACY, null);
            assertThat(dispensed.statusCode()).isEqualTo(200);
            assertThat(json(dispensed).get("dispensedBy").asText()).isEqualTo(PHARMACY);
            assertThat(json(dispensed).get("dispensedAt").asText()).isEqualTo("2026-11-28T10:05:00Z");
            assertThat(send(server.uri(), "POST", "/prescriptions/RX-000001/dispense", PHARMACY, null).statusCode())
                    .isEqualTo(409);
        }
        try (var server = HttpServer.builder().name("rx").port(0)
                .handler(new PrescriptionRegister(file, clock).handler()).build().start()) {
            var list = send(server.uri(), "GET", "/prescriptions?patient=" + MART, PHARMACY, null);
            assertThat(json(list).get(0).get("status").asText()).isEqualTo("dispensed");
        }
    }

    @Test
    void badOrdersAreRefusedWithAReason() throws Exception {
        try (var server = HttpServer.builder().name("rx").port(0)
                .handler(new PrescriptionRegister(dir.resolve("p.json"), clock).handler()).build().start()) {
            assertThat(send(server.uri(), "POST", "/prescriptions", CLINIC, "{\"patient\":\"" + MART + "\"}").statusCode())
                    .isEqualTo(400);
            var unknown = send(server.uri(), "POST", "/prescriptions", CLINIC,
                    "{\"patient\":\"39912319999\",\"medication\":\"x\"}");
            assertThat(unknown.statusCode()).isEqualTo(422);
            assertThat(unknown.body()).contains("39912319999");
            assertThat(send(server.uri(), "GET", "/prescriptions", PHARMACY, null).statusCode()).isEqualTo(400);
            assertThat(send(server.uri(), "POST", "/prescriptions/RX-999999/dispense", PHARMACY, null).statusCode())
                    .isEqualTo(404);
            assertThat(send(server.uri(), "POST", "/prescriptions", CLINIC, "{\"patient\":\"" + MART
                    + "\",\"medication\":\"" + "x".repeat(201) + "\"}").statusCode()).isEqualTo(400);
        }
    }
}
