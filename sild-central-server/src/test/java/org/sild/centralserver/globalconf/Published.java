package org.sild.centralserver.globalconf;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.sild.centralserver.Fixtures;
import org.sild.testing.MutableClock;
import org.sild.core.management.ManagementRequest.AuthCertReg;
import org.sild.core.management.ManagementRequest.ClientReg;
import org.sild.centralserver.registry.Registry;
import org.sild.runtime.http.HttpServer;
import org.sild.testing.TestDatabases;

/**
 * A populated registry (SS1 registered with a client, a trusted anchor of FED) published over real
 * HTTP on a free port, with EC signing keys in a temporary directory.
 */
final class Published implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    final MutableClock clock = new MutableClock(Fixtures.START);
    final Fixtures.Db db;
    final Registry registry;
    final Path keyDirectory;
    final ConfigurationKeys keys;
    final ConfigurationPublisher publisher;
    final HttpServer http;

    Published(TestDatabases kind) throws IOException {
        db = Fixtures.open(kind, clock);
        registry = Fixtures.populate(db.registry());
        var requests = registry.managementRequests();
        requests.approve(requests.submit(new AuthCertReg(Fixtures.SS1, "ss1.example.org",
                Fixtures.authCert("ss1").certificate()), "test"), "ops");
        requests.approve(requests.submit(new ClientReg(Fixtures.SS1, Fixtures.REGISTRY.subsystem("registry"),
                Optional.of("Registry")), "test"), "ops");
        registry.trustedAnchors().add(Fixtures.anchor("FED").toXml());
        keyDirectory = Files.createTempDirectory("sild-cs-keys-");
        keys = new ConfigurationKeys(registry, keyDirectory, "test-pin".toCharArray(), KeyAlgorithm.EC, clock,
                new SecureRandom());
        keys.ensureActiveKeys();
        publisher = new ConfigurationPublisher(registry, keys, "placeholder:1", Duration.ofSeconds(60), clock,
                new SecureRandom());
        registry.onChange(publisher::publish);
        http = HttpServer.builder().name("globalconf-test").host("127.0.0.1").port(0).handler(publisher.handler())
                .build().start();
        publisher.changeAddress("127.0.0.1:" + http.port());
    }

    HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() throws IOException {
        http.close();
        publisher.close();
        db.close();
        try (var files = Files.list(keyDirectory)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(keyDirectory);
    }
}
