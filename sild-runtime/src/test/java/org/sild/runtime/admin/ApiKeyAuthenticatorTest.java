package org.sild.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sild.runtime.config.ConfigException;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.http.Router;
import org.sild.runtime.json.Json;

class ApiKeyAuthenticatorTest {

    private static final String OPS_KEY = "a1b2c3d4-e5f6-4711-8899-aabbccddeeff";
    private static final String CI_KEY = "ci-key-0123456789abcdef";

    private static HttpServer server;
    private static ManagedHttpClient client;

    @BeforeAll
    static void start() {
        Router router = Router.builder()
                .get("/api/whoami", r -> ApiResponse.ok(Map.of("key",
                        ApiKeyAuthenticator.keyName(r.jettyRequest()).orElse("?"))))
                .build();
        var keys = List.of(new ApiKey("ops", OPS_KEY), new ApiKey("ci", ApiKey.sha256Form(CI_KEY)));
        server = HttpServer.builder().handler(new ApiKeyAuthenticator(keys, router)).build().start();
        client = HttpClients.builder().build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void xRoadApiKeyAndBearerHeadersAreAccepted() throws Exception {
        assertThat(whoami("X-Road-ApiKey token=" + OPS_KEY)).isEqualTo("200 ops");
        assertThat(whoami("x-road-apikey TOKEN=" + OPS_KEY)).isEqualTo("200 ops");
        assertThat(whoami("Bearer " + OPS_KEY)).isEqualTo("200 ops");
        assertThat(whoami("bearer   " + CI_KEY + "  ")).isEqualTo("200 ci");
    }

    @Test
    void everythingElseIs401Json() throws Exception {
        for (String header : new String[] {null, "", "Bearer", "Bearer ", "Basic b3BzOnB3", "X-Road-ApiKey " + OPS_KEY,
                "X-Road-ApiKey token=", "Bearer " + OPS_KEY + "x", "Bearer " + OPS_KEY.substring(1),
                "Bearer " + ApiKey.sha256Form(CI_KEY), "Bearer " + "k".repeat(5000)}) {
            ContentResponse response = get(header);
            assertThat(response.getStatus()).as(String.valueOf(header)).isEqualTo(401);
            assertThat(response.getHeaders().get("WWW-Authenticate")).isEqualTo("X-Road-ApiKey, Bearer");
            @SuppressWarnings("unchecked")
            Map<String, Object> body = Json.read(response.getContent(), Map.class);
            assertThat(body).containsEntry("status", 401);
            assertThat(body.get("error")).asString().contains("unauthorized");
        }
    }

    @Test
    void noKeysMeansNobodyGetsIn() throws Exception {
        try (HttpServer closed = HttpServer.builder()
                .handler(new ApiKeyAuthenticator(List.of(), Router.builder().build())).build().start()) {
            assertThat(client.newRequest(closed.uri().resolve("/x"))
                    .headers(h -> h.put("Authorization", "Bearer " + OPS_KEY)).send().getStatus()).isEqualTo(401);
        }
    }

    @Test
    void keysAreValidatedAndHidden() {
        assertThatThrownBy(() -> new ApiKey("ops", "short")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("key: must be at least 16 characters");
        assertThatThrownBy(() -> new ApiKey(" ", OPS_KEY)).hasMessage("name: must not be empty");
        assertThatThrownBy(() -> new ApiKey("x", "sha256:abc")).hasMessage("key: a sha256: key needs 64 hex digits");
        assertThat(new ApiKey("ops", OPS_KEY).toString()).doesNotContain(OPS_KEY);
        assertThat(ApiKey.sha256Form("test")).isEqualTo(
                "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    private static String whoami(String authorization) throws Exception {
        ContentResponse response = get(authorization);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = Json.read(response.getContent(), Map.class);
        return response.getStatus() + " " + body.get("key");
    }

    private static ContentResponse get(String authorization) throws Exception {
        var request = client.newRequest(server.uri().resolve("/api/whoami"));
        if (authorization != null) {
            request.headers(h -> h.put("Authorization", authorization));
        }
        return request.send();
    }
}
