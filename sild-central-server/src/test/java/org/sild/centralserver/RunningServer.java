package org.sild.centralserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.sild.centralserver.globalconf.KeyAlgorithm;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.json.Json;
import org.sild.runtime.store.StoreConfig;
import org.sild.testing.TestDatabase;
import org.sild.testing.TestDatabases;

/** A central server of instance DEV on free ports, in a fresh store and data directory, with one API key. */
public final class RunningServer implements AutoCloseable {

    public static final String KEY = "central-test-key-0123456789";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An answer: status, JSON (or a missing node) and the raw body. */
    public record Answer(int status, JsonNode json, byte[] body, HttpResponse<byte[]> response) {
    }

    public final TestDatabase database;
    public final Path data;
    public final CentralServer server;

    public RunningServer(TestDatabases kind, Clock clock) throws IOException {
        this(kind, clock, c -> c);
    }

    /**
     * A server whose configuration {@code adjust} changes last; management requests are rate limited to
     * 1000 a minute unless it says otherwise.
     */
    public RunningServer(TestDatabases kind, Clock clock, UnaryOperator<CentralServerConfig> adjust) throws IOException {
        database = kind.open();
        data = Files.createTempDirectory("sild-cs-");
        CentralServerConfig config = CentralServerConfig.of("DEV", data, "test-pin").withPorts(0, 0).withManagementPorts(0, 0)
                .withAdminApiKeys(List.of(new ApiKey("ops", KEY)))
                .withStore(StoreConfig.of(database.url(), database.user(), database.password()));
        config = config.with(new CentralServerConfig.SigningKeys("test-pin", KeyAlgorithm.EC, Path.of("keys")),
                new CentralServerConfig.GlobalConfiguration(Duration.ofSeconds(60)))
                .withManagementServices(new CentralServerConfig.ManagementServices(1000, Duration.ofSeconds(10)));
        server = CentralServer.start(adjust.apply(config), clock, new SecureRandom());
    }

    public Answer call(String method, String path, Object body) {
        return call(method, path, body, "X-Road-ApiKey token=" + KEY);
    }

    public Answer call(String method, String path, Object body, String authorization) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body instanceof byte[] raw) {
            request.header("Content-Type", "application/xml").method(method, HttpRequest.BodyPublishers.ofByteArray(raw));
        } else if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = MissingNode.getInstance();
            if (response.headers().firstValue("Content-Type").orElse("").contains("json") && response.body().length > 0) {
                json = Json.mapper().readTree(response.body());
            }
            return new Answer(response.statusCode(), json, response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET on the configuration port. */
    public HttpResponse<byte[]> download(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.configurationPort()
                + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() throws IOException {
        server.close();
        database.close();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
