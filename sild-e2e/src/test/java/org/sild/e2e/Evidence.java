package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.eclipse.jetty.http.HttpFields;
import org.sild.cli.Main;
import org.sild.core.asic.AsicContainer;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;

/**
 * What the evidence scenarios share: downloads from a security server's signed document service
 * ({@code /asic}, {@code /verificationconf}), ZIP handling, {@code sild verify} run in-process, and
 * tampering with one byte of one entry of a container. Stateless.
 */
final class Evidence {

    private Evidence() {
    }

    /** What {@code sild} printed and its exit status. */
    record Cli(int exitCode, String out, String err) {

        /** The output lines. */
        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** Runs {@code sild args...} in this JVM. */
    static Cli sild(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** {@code sild verify --conf conf files...}. */
    static Cli verify(Path conf, List<Path> files) {
        var args = new ArrayList<String>(List.of("verify", "--conf", conf.toString()));
        files.forEach(f -> args.add(f.toString()));
        return sild(args.toArray(String[]::new));
    }

    /** A plain HTTP client for the signed document service (its own, so HTTPS can be set up per test). */
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** {@code GET uri} with {@code client}, as an {@link Answer}. */
    static Answer get(HttpClient client, URI uri) {
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            var headers = HttpFields.build();
            r.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
            return new Answer(r.statusCode(), headers.asImmutable(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: GET " + uri, e);
        }
    }

    /** {@code GET /verificationconf} of {@code server}, saved as {@code dir/verificationconf.zip}. */
    static Path verificationConf(TestNetwork net, SecurityServerId server, Path dir) {
        Answer answer = get(HTTP, net.client(server).base().resolve("/verificationconf"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/zip");
        return write(dir.resolve("verificationconf.zip"), answer.body());
    }

    /**
     * {@code GET /asic} of {@code server} for {@code client}'s records of {@code queryId}, with the
     * flags given (such as {@code requestOnly}, {@code unique}).
     */
    static Answer asic(TestNetwork net, SecurityServerId server, ClientId client, String queryId, String... flags) {
        return get(HTTP, net.client(server).base().resolve(asicPath(client, queryId, flags)));
    }

    /** The path and query of an {@code /asic} request. */
    static String asicPath(ClientId client, String queryId, String... flags) {
        var q = new StringBuilder("/asic?queryId=").append(URLEncoder.encode(queryId, StandardCharsets.UTF_8))
                .append("&xRoadInstance=").append(client.instance())
                .append("&memberClass=").append(client.memberClass())
                .append("&memberCode=").append(client.memberCode());
        client.subsystemCode().ifPresent(s -> q.append("&subsystemCode=").append(s));
        for (String flag : flags) {
            q.append('&').append(flag);
        }
        return q.toString();
    }

    /** Every container of {@code queryId} for {@code client} on {@code server}: the default {@code /asic} ZIP, unpacked. */
    static Map<String, byte[]> containers(TestNetwork net, SecurityServerId server, ClientId client, String queryId) {
        Answer answer = asic(net, server, client, queryId);
        assertThat(answer.status()).as("/asic of %s on %s: %s", queryId, server, answer).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/zip");
        return entries(answer.body());
    }

    /** The entries of a ZIP, in order. */
    static Map<String, byte[]> entries(byte[] zip) {
        var entries = new LinkedHashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** A ZIP of {@code entries} in order, with {@code comment}; deflated, or stored when {@code stored}. */
    static byte[] zip(Map<String, byte[]> entries, String comment, boolean stored) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(bytes)) {
            if (!comment.isEmpty()) {
                out.setComment(comment);
            }
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                var entry = new ZipEntry(e.getKey());
                if (stored) {
                    var crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * {@code container} rewritten with byte {@code position} of entry {@code entry} changed (its lowest bit
     * flipped); every other byte of every entry, the entry order and the ASiC comment are kept.
     */
    static byte[] tamper(byte[] container, String entry, int position) {
        Map<String, byte[]> entries = entries(container);
        byte[] content = entries.get(entry).clone();
        content[position] ^= 0x01;
        entries.put(entry, content);
        return zip(entries, "mimetype=" + AsicContainer.MIME_TYPE, false);
    }

    /** {@code container} rewritten without change (the control for {@link #tamper}). */
    static byte[] rewrite(byte[] container) {
        return zip(entries(container), "mimetype=" + AsicContainer.MIME_TYPE, false);
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The regular files of {@code dir} with names ending in {@code suffix}, sorted by name. */
    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
