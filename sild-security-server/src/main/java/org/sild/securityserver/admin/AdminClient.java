package org.sild.securityserver.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.XRoadIds;
import org.sild.runtime.http.ApiException;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.json.Json;

/**
 * A client of a security server's admin API, for the {@code sild security-server} commands and
 * tests: JSON in, JSON out, errors as exceptions.
 *
 * <p>Thread-safe; close it to release its connections.
 */
public final class AdminClient implements AutoCloseable {

    /** How long one call may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String apiKey;
    private final ManagedHttpClient http;

    public AdminClient(URI base, String apiKey) {
        this.base = Objects.requireNonNull(base, "base");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.http = HttpClients.builder().name("admin-client").connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The URL path of a client resource: {@code /api/v1/clients/} and the client in colon form. */
    public static String clientPath(ClientId client) {
        return AdminApi.V1 + "/clients/" + client.codes().stream().map(XRoadIds::percentEncode)
                .collect(Collectors.joining(":"));
    }

    public JsonNode get(String path) {
        return call("GET", path, Optional.empty());
    }

    public JsonNode post(String path, Object body) {
        return call("POST", path, Optional.of(body));
    }

    public JsonNode put(String path, Object body) {
        return call("PUT", path, Optional.of(body));
    }

    public JsonNode patch(String path, Object body) {
        return call("PATCH", path, Optional.of(body));
    }

    /** DELETE; answers a missing node (204 has no body). */
    public JsonNode delete(String path) {
        return call("DELETE", path, Optional.empty());
    }

    /**
     * One call.
     *
     * @return the answer's JSON, or a missing node when it has none
     * @throws ApiException with the server's status, error code and message (naming the field) when
     *         it refuses; {@code NetworkError} when it cannot be reached
     */
    public JsonNode call(String method, String path, Optional<Object> body) {
        Request request = http.newRequest(base.resolve(path)).method(method)
                .headers(h -> h.put(HttpHeader.AUTHORIZATION, "X-Road-ApiKey token=" + apiKey))
                .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        body.ifPresent(b -> request.body(new BytesRequestContent("application/json", Json.write(b))));
        ContentResponse response;
        try {
            response = request.send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "interrupted calling " + base);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "cannot reach the admin API at " + base + ": "
                    + cause.getMessage(), e);
        }
        JsonNode json = parse(response.getContent());
        if (response.getStatus() >= 400) {
            JsonNode error = json.path("error");
            String field = error.path("field").asText("");
            throw new ApiException(response.getStatus(), error.path("code").asText("http_" + response.getStatus()),
                    error.path("message").asText(response.getReason()) + (field.isEmpty() ? "" : " (field " + field + ")"));
        }
        return json;
    }

    private static JsonNode parse(byte[] content) {
        if (content.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return Json.mapper().readTree(content);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.INVALID_RESPONSE, "the admin API answered something other than JSON");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
