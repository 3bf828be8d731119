package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.cli.sandbox.DemoPeople;
import org.sild.cli.sandbox.Sandbox;
import org.sild.core.asic.AsicVerifier;
import org.sild.core.asic.VerificationConf;
import org.sild.core.id.SubsystemId;

/**
 * Acceptance 4 of the evidence issue, with real processes: the sandbox (whose security servers log
 * every message) runs as its own JVM under load and is killed with SIGKILL; after a restart, every
 * exchange whose response reached the client is in both security servers' message logs, gets
 * time-stamped (its containers download from {@code /asic} and verify) and archived.
 */
class CrashSafetyTest {

    private static final Duration DEADLINE = Duration.ofSeconds(150);
    private static final int CALLERS = 6;
    private static final int ANSWERED_BEFORE_KILL = 30;

    @TempDir
    Path dir;

    /** The sandboxes' output, kept after the test for a look when it fails. */
    private final Path logs = Path.of("target", "crash-safety");

    @Test
    void everyAnsweredExchangeSurvivesAKillAndIsStampedAndArchived() throws Exception {
        Files.createDirectories(logs);
        int offset = Sandbox.freePortOffset(new SecureRandom());
        String person = DemoPeople.all().get(0).personalCode();
        URI persons = URI.create("http://127.0.0.1:" + (8080 + offset) + "/r1/DEV/GOV/70000001/registry/persons/"
                + person);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Process first = startSandbox(offset, "first");
        var running = new AtomicBoolean(true);
        var callers = new ArrayList<Thread>();
        try {
            for (int i = 0; i < CALLERS; i++) {
                callers.add(Thread.ofVirtual().start(() -> call(http, persons, running, answered)));
            }
            awaitTrue(() -> answered.size() >= ANSWERED_BEFORE_KILL, "exchanges answered before the kill");
        } finally {
            first.destroyForcibly(); // SIGKILL while the callers still call: no shutdown hook, no flush
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            running.set(false);
        }
        for (Thread caller : callers) {
            caller.join(Duration.ofSeconds(30));
        }
        Set<String> acknowledged = Set.copyOf(answered);

        Process second = startSandbox(offset, "second");
        try {
            HttpResponse<byte[]> conf = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8080 + offset)
                    + "/verificationconf")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            var verifier = new AsicVerifier(VerificationConf.fromZip(new ByteArrayInputStream(conf.body())));
            for (String queryId : acknowledged) {
                assertStampedOnBothSides(http, offset, queryId, verifier);
            }
            awaitTrue(() -> archivedQueryIds(dir.resolve("ss1/archive")).containsAll(acknowledged)
                    && archivedQueryIds(dir.resolve("ss2/archive")).containsAll(acknowledged),
                    "every acknowledged exchange archived on ss1 and ss2");
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Calls until told to stop, recording the message id of every exchange whose response arrived. */
    private static void call(HttpClient http, URI uri, AtomicBoolean running, Set<String> answered) {
        var request = HttpRequest.newBuilder(uri).header("X-Road-Client", "DEV/GOV/70000003/portal")
                .timeout(Duration.ofSeconds(20)).GET().build();
        while (running.get()) {
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    response.headers().firstValue("X-Road-Id").ifPresent(answered::add);
                }
            } catch (IOException e) {
                // the sandbox is gone (killed) or not yet up: nothing was acknowledged
                sleepQuietly();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void assertStampedOnBothSides(HttpClient http, int offset, String queryId, AsicVerifier verifier)
            throws Exception {
        SubsystemId portal = Sandbox.PORTAL;
        SubsystemId registry = Sandbox.REGISTRY;
        for (var side : List.of(Map.entry(8080 + offset, portal), Map.entry(8081 + offset, registry))) {
            URI asic = URI.create("http://127.0.0.1:" + side.getKey() + "/asic?queryId=" + queryId
                    + "&xRoadInstance=DEV&memberClass=" + side.getValue().memberClass() + "&memberCode="
                    + side.getValue().memberCode() + "&subsystemCode=" + side.getValue().subsystemCode().orElseThrow());
            HttpResponse<byte[]> response = awaitResponse(http, asic);
            Map<String, byte[]> containers = unzip(response.body());
            assertThat(containers.keySet()).as("containers of %s on %s", queryId, side.getValue())
                    .anyMatch(name -> name.startsWith(queryId + "-request-"))
                    .anyMatch(name -> name.startsWith(queryId + "-response-"))
                    .hasSize(2);
            containers.forEach((name, container) -> assertThat(verifier.verify(container).valid())
                    .as("%s verifies: %s", name, verifier.verify(container).reason()).isTrue());
        }
    }

    /** The first 200 answer of {@code uri}, polled while it is 404 (not yet time-stamped). */
    private static HttpResponse<byte[]> awaitResponse(HttpClient http, URI uri) throws Exception {
        Instant end = Instant.now().plus(DEADLINE);
        while (true) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                return response;
            }
            assertThat(response.statusCode()).as("%s: %s", uri, new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo(404);
            assertThat(Instant.now()).as("%s answered within the deadline; last answer: %s", uri,
                    new String(response.body(), StandardCharsets.UTF_8)).isBefore(end);
            sleepQuietly();
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        var entries = new HashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** The message ids of the request containers in the archive files of {@code archiveDir}. */
    private static Set<String> archivedQueryIds(Path archiveDir) {
        Set<String> ids = new java.util.HashSet<>();
        if (!Files.isDirectory(archiveDir)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(archiveDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".zip")).toList()) {
                try (var zip = new ZipFile(file.toFile())) {
                    zip.stream().map(ZipEntry::getName).filter(n -> n.contains("-request-"))
                            .forEach(n -> ids.add(n.substring(0, n.lastIndexOf("-request-"))));
                }
            }
        } catch (IOException e) {
            // an archive being renamed into place: read again on the next poll
        }
        return ids;
    }

    /** Starts {@code sild sandbox} in its own JVM and returns once it says it is ready. */
    private Process startSandbox(int offset, String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"),
                "bin", "java").toString());
        Path log = logs.resolve(name + ".log");
        Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.sild.cli.Main", "sandbox", "--dir", dir.toString(), "--port-offset", Integer.toString(offset))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitTrue(() -> {
                assertThat(process.isAlive()).as("sandbox %s is running; its output: %s", name, read(log)).isTrue();
                return read(log).contains("Sild sandbox is ready");
            }, "sandbox " + name + " ready");
            return process;
        } catch (AssertionError | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition, String what) throws Exception {
        Instant end = Instant.now().plus(DEADLINE);
        while (!condition.holds()) {
            assertThat(Instant.now()).as(what).isBefore(end);
            sleepQuietly();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
