package org.sild.securityserver.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.sild.runtime.json.Json;

/** Plain HTTP calls to an admin API in tests: status, content type and the body as JSON. */
record AdminHttp(URI base, HttpClient client, String apiKey) {

    record Answer(int status, String contentType, String body) {

        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The error's field, or "" when it names none. */
        String field() {
            return json().path("error").path("field").asText("");
        }

        String code() {
            return json().path("error").path("code").asText("");
        }
    }

    static AdminHttp to(URI base, String apiKey) {
        return new AdminHttp(base, HttpClient.newHttpClient(), apiKey);
    }

    Answer get(String path) {
        return call("GET", path, null);
    }

    Answer post(String path, String json) {
        return call("POST", path, json);
    }

    Answer put(String path, String json) {
        return call("PUT", path, json);
    }

    Answer patch(String path, String json) {
        return call("PATCH", path, json);
    }

    Answer delete(String path) {
        return call("DELETE", path, null);
    }

    Answer call(String method, String path, String json) {
        var request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
