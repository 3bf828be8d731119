package org.sild.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.json.Json;
import org.sild.testing.RawHttp;

/** {@link Router} behind a real {@link HttpServer}. */
class RouterTest {

    record NewClient(String code, int size) {
    }

    private static HttpServer server;
    private static ManagedHttpClient client;

    @BeforeAll
    static void start() {
        Router router = Router.builder()
                .maxBodyBytes(64)
                .get("/api/clients", r -> ApiResponse.ok(Map.of("query", r.queryParameter("q").orElse("-"))))
                .get("/api/clients/{id}", r -> ApiResponse.ok(Map.of("id", r.pathVariable("id"))))
                .delete("/api/clients/{id}", r -> ApiResponse.noContent())
                .get("/api/clients/new", r -> ApiResponse.ok(Map.of("literal", true)))
                .get("/api/clients/{id}/services/{code}", r -> ApiResponse.ok(r.pathVariables()))
                .post("/api/clients", r -> ApiResponse.created(r.bodyAs(NewClient.class)))
                .post("/api/raw", r -> ApiResponse.text(200, Integer.toString(r.body().length)))
                .post("/api/form", r -> ApiResponse.text(200, r.formField("name").orElse("-")))
                .post("/api/ignore", r -> ApiResponse.noContent())
                .get("/fail/api", r -> {
                    throw new ApiException(409, "client_exists", "client X exists");
                })
                .get("/fail/notfound", r -> {
                    throw new XRoadException(ErrorCode.NOT_FOUND, "no client Y");
                })
                .get("/fail/client", r -> {
                    throw new XRoadException(ErrorCode.INVALID_CLIENT_IDENTIFIER, "bad id Z");
                })
                .get("/fail/server", r -> {
                    throw new XRoadException(ErrorCode.DATABASE_ERROR, "db down");
                })
                .get("/fail/bug", r -> {
                    throw new IllegalStateException("secret internals");
                })
                .get("/stream", r -> ApiResponse.stream(200, "text/plain", out -> {
                    for (int i = 0; i < 3; i++) {
                        out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }).withHeader("X-Extra", "yes"))
                .build();
        server = HttpServer.builder().name("router").handler(router).build().start();
        client = HttpClients.builder().build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void routesByTemplateAndDecodesVariables() throws Exception {
        assertThat(json(get("/api/clients/DEV%3AGOV%3A123"))).containsEntry("id", "DEV:GOV:123");
        assertThat(json(get("/api/clients/a+b%20c"))).containsEntry("id", "a+b c");
        assertThat(json(get("/api/clients/new"))).containsEntry("literal", true);
        assertThat(json(get("/api/clients/x/services/getRandom")))
                .containsEntry("id", "x").containsEntry("code", "getRandom");
        assertThat(json(get("/api/clients?q=%C3%A4"))).containsEntry("query", "ä");
        assertThat(json(get("/api/clients/"))).containsEntry("query", "-");
        ContentResponse response = get("/api/clients/1");
        assertThat(response.getHeaders().get("Content-Type")).isEqualToIgnoringCase("application/json; charset=UTF-8");
        assertThat(response.getHeaders().get("Cache-Control")).isEqualTo("no-store");
        assertThat(client.newRequest(server.uri().resolve("/api/clients/1")).method(HttpMethod.DELETE).send()
                .getStatus()).isEqualTo(204);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        ContentResponse notFound = get("/nothing/here");
        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(error(notFound)).containsEntry("code", "not_found");
        assertThat(json(notFound)).containsEntry("status", 404);

        ContentResponse wrongMethod = client.newRequest(server.uri().resolve("/api/clients/1"))
                .method(HttpMethod.PUT).send();
        assertThat(wrongMethod.getStatus()).isEqualTo(405);
        assertThat(wrongMethod.getHeaders().get("Allow")).isEqualTo("DELETE, GET");
        assertThat(error(wrongMethod)).containsEntry("code", "method_not_allowed");
    }

    @Test
    void jsonBodiesAreReadStrictly() throws Exception {
        ContentResponse created = post("/api/clients", "{\"code\":\"abc\",\"size\":3}", "application/json");
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(json(created)).containsEntry("code", "abc").containsEntry("size", 3);

        ContentResponse unknown = post("/api/clients", "{\"code\":\"abc\",\"size\":3,\"x\":1}", "application/json");
        assertThat(unknown.getStatus()).isEqualTo(400);
        assertThat(error(unknown)).containsEntry("code", "invalid_json");
        assertThat((String) error(unknown).get("message")).contains("\"x\"");

        ContentResponse wrongType = post("/api/clients", "{\"code\":\"abc\",\"size\":3}", "text/plain");
        assertThat(wrongType.getStatus()).isEqualTo(415);

        ContentResponse tooLarge = post("/api/clients", "{\"code\":\"" + "a".repeat(100) + "\",\"size\":1}",
                "application/json");
        assertThat(tooLarge.getStatus()).isEqualTo(413);
        assertThat(error(tooLarge)).containsEntry("code", "request_too_large");
    }

    @Test
    void bodyLimitAppliesWithoutContentLength() throws Exception {
        ContentResponse ok = client.POST(server.uri().resolve("/api/raw"))
                .body(new BytesRequestContent(new byte[64])).send();
        assertThat(ok.getContentAsString()).isEqualTo("64");
        ContentResponse big = client.POST(server.uri().resolve("/api/raw"))
                .body(new org.eclipse.jetty.client.InputStreamRequestContent("application/octet-stream",
                        new java.io.ByteArrayInputStream(new byte[65]),
                        new org.eclipse.jetty.io.ByteBufferPool.Sized(client.getByteBufferPool())))
                .send();
        assertThat(big.getStatus()).isEqualTo(413);
    }

    @Test
    void faultsBecomeJsonErrors() throws Exception {
        assertThat(statusAndCode("/fail/api")).isEqualTo("409 client_exists");
        assertThat(statusAndCode("/fail/notfound")).isEqualTo("404 not_found");
        assertThat(statusAndCode("/fail/client")).isEqualTo("400 invalid_client_identifier");
        assertThat(statusAndCode("/fail/server")).isEqualTo("500 database_error");
        assertThat(statusAndCode("/fail/bug")).isEqualTo("500 internal_error");
        assertThat(get("/fail/bug").getContentAsString()).doesNotContain("secret");
        assertThat((String) error(get("/fail/api")).get("message")).isEqualTo("client X exists");
    }

    @Test
    void streamedResponsesAndHeaders() throws Exception {
        ContentResponse response = get("/stream");
        assertThat(response.getContentAsString()).isEqualTo("line 0\nline 1\nline 2\n");
        assertThat(response.getHeaders().get("X-Extra")).isEqualTo("yes");
    }

    @Test
    void dotSegmentsAndBadTemplatesAreRefused() throws Exception {
        assertThat(get("/api/clients/%2E%2E").getStatus()).isEqualTo(400);
        assertThatThrownBy(() -> Router.builder().get("no-slash", r -> ApiResponse.noContent()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Router.builder().get("/a/{x}/{x}", r -> ApiResponse.noContent()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Router.builder().get("/a/{x}", r -> ApiResponse.noContent())
                .get("/a/{y}", r -> ApiResponse.noContent())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Router.builder().get("/a/{x}", r -> ApiResponse.noContent())
                .get("/a/{x}", r -> ApiResponse.noContent())).isInstanceOf(IllegalArgumentException.class);
    }

    private static String statusAndCode(String path) throws Exception {
        ContentResponse response = get(path);
        return response.getStatus() + " " + error(response).get("code");
    }

    @Test
    void readsAnHtmlFormsFields() throws Exception {
        String form = "application/x-www-form-urlencoded";
        assertThat(post("/api/form", "x=1&name=M%C3%A4rt+Tamm", form).getContentAsString()).isEqualTo("Märt Tamm");
        assertThat(post("/api/form", "x=1", form).getContentAsString()).isEqualTo("-");
        assertThat(post("/api/form", "name=%E0%80", form).getStatus()).isEqualTo(400);
    }

    @Test
    void aBodyTheRouteDidNotReadLeavesTheConnectionUsable() {
        try (var http = RawHttp.connect(server.uri(), Duration.ofSeconds(10))) {
            // The headers first and the body later, as HTTP clients often send them: the route answers
            // without reading the body, and the router has to wait for it and drop it.
            http.send("POST /api/ignore HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n\r\n").sendLater("{}");
            assertThat(http.nextAnswerHead()).startsWith("HTTP/1.1 204").doesNotContainIgnoringCase("connection: close");
            http.send("GET /api/clients/7 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(http.nextAnswerHead()).startsWith("HTTP/1.1 200");

            // Too large to drop: the answer says that the connection closes.
            http.send("POST /api/ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n");
            assertThat(http.nextAnswerHead()).startsWith("HTTP/1.1 204").containsIgnoringCase("connection: close");
        }
    }

    private static ContentResponse get(String path) throws Exception {
        return client.GET(server.uri().resolve(path));
    }

    private static ContentResponse post(String path, String body, String contentType) throws Exception {
        return client.POST(server.uri().resolve(path)).body(new StringRequestContent(contentType, body)).send();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(ContentResponse response) {
        return Json.read(response.getContent(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(ContentResponse response) {
        return (Map<String, Object>) json(response).get("error");
    }
}
