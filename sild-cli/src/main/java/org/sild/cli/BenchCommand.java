package org.sild.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sild bench}: a load driver. N concurrent clients (virtual threads) send the same request
 * to a URL for a duration and it reports throughput and latency percentiles. Used against the
 * sandbox to record the numbers in {@code docs/performance.md}.
 */
@Command(name = "bench", description = {
    "Send one request repeatedly from N concurrent clients and report throughput and latency.",
    "Example (sandbox REST): sild bench -c 32 -d 20s -H 'X-Road-Client: DEV/GOV/70000003/portal' \\",
    "  http://127.0.0.1:8080/r1/DEV/GOV/70000001/registry/persons/38001010014"})
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URL", description = "the URL to call")
    URI url;

    @Option(names = {"-c", "--concurrency"}, description = "concurrent clients (default ${DEFAULT-VALUE})")
    int concurrency = 16;

    @Option(names = {"-d", "--duration"}, description = "measured duration, e.g. 10s, 1m (default ${DEFAULT-VALUE})",
            converter = DurationConverter.class)
    Duration duration = Duration.ofSeconds(10);

    @Option(names = {"-w", "--warmup"}, description = "unmeasured warm-up before it (default ${DEFAULT-VALUE})",
            converter = DurationConverter.class)
    Duration warmup = Duration.ofSeconds(2);

    @Option(names = {"-X", "--method"}, description = "HTTP method (default: GET, or POST with --data)")
    String method;

    @Option(names = {"-H", "--header"}, description = "request header 'Name: value' (repeatable)")
    List<String> headers = new ArrayList<>();

    @Option(names = "--data", description = "request body; @FILE reads it from a file")
    String data;

    @Option(names = "--content-type", description = "Content-Type of the body (default text/xml; charset=UTF-8)")
    String contentType = "text/xml; charset=UTF-8";

    @Option(names = {"-k", "--insecure"}, description = "accept any TLS server certificate")
    boolean insecure;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1 || concurrency > 10_000) {
            throw new IllegalArgumentException("--concurrency must be 1..10000");
        }
        byte[] body = data == null ? null
                : data.startsWith("@") ? Files.readAllBytes(Path.of(data.substring(1))) : data.getBytes(StandardCharsets.UTF_8);
        String verb = method != null ? method : body != null ? "POST" : "GET";
        PrintWriter out = spec.commandLine().getOut();
        try (var client = new LoadClient(concurrency, insecure)) {
            var target = new Target(url, verb, parseHeaders(headers), body, contentType);
            client.run(target, warmup, new Stats());
            var stats = new Stats();
            long started = System.nanoTime();
            client.run(target, duration, stats);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            out.print(stats.report(elapsed, concurrency, verb + " " + url));
            out.flush();
            return stats.ok.get() > 0 ? 0 : 1;
        }
    }

    static List<String[]> parseHeaders(List<String> raw) {
        var parsed = new ArrayList<String[]>();
        for (String h : raw) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("header '" + h + "' must be 'Name: value'");
            }
            parsed.add(new String[] {h.substring(0, colon).strip(), h.substring(colon + 1).strip()});
        }
        return parsed;
    }

    record Target(URI url, String method, List<String[]> headers, byte[] body, String contentType) {
    }

    /** Jetty's client on virtual threads, one pooled connection per concurrent client. */
    static final class LoadClient implements AutoCloseable {
        private final HttpClient http;
        private final int concurrency;

        LoadClient(int concurrency, boolean insecure) throws Exception {
            this.concurrency = concurrency;
            var connector = new ClientConnector();
            var tls = new SslContextFactory.Client();
            tls.setTrustAll(insecure);
            if (insecure) {
                tls.setEndpointIdentificationAlgorithm(null);
            }
            connector.setSslContextFactory(tls);
            http = new HttpClient(new HttpClientTransportOverHTTP(connector));
            http.setExecutor(new VirtualThreadPool());
            http.setMaxConnectionsPerDestination(concurrency);
            http.setMaxRequestsQueuedPerDestination(concurrency * 4);
            http.setFollowRedirects(false);
            http.start();
        }

        void run(Target target, Duration duration, Stats stats) throws InterruptedException {
            long deadline = System.nanoTime() + duration.toNanos();
            var threads = new ArrayList<Thread>(concurrency);
            for (int i = 0; i < concurrency; i++) {
                threads.add(Thread.ofVirtual().start(() -> loop(target, deadline, stats)));
            }
            for (Thread t : threads) {
                t.join();
            }
        }

        private void loop(Target target, long deadline, Stats stats) {
            var latencies = new LongList();
            while (System.nanoTime() < deadline) {
                long start = System.nanoTime();
                try {
                    Request request = http.newRequest(target.url()).method(target.method())
                            .timeout(60, TimeUnit.SECONDS);
                    for (String[] h : target.headers()) {
                        request.headers(m -> m.add(h[0], h[1]));
                    }
                    if (target.body() != null) {
                        request.body(new BytesRequestContent(target.contentType(), target.body()));
                    }
                    ContentResponse response = request.send();
                    if (response.getStatus() >= 200 && response.getStatus() < 300) {
                        stats.ok.incrementAndGet();
                    } else {
                        stats.failed.incrementAndGet();
                        stats.lastFailure = "HTTP " + response.getStatus();
                    }
                } catch (Exception e) {
                    stats.failed.incrementAndGet();
                    stats.lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                latencies.add(System.nanoTime() - start);
            }
            stats.add(latencies);
        }

        @Override
        public void close() {
            try {
                http.stop();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the HTTP client", e);
            }
        }
    }

    /** What one run measured. Latencies are merged from the clients when each one finishes. */
    static final class Stats {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile String lastFailure = "";
        private final LongList latencies = new LongList();

        synchronized void add(LongList more) {
            latencies.addAll(more);
        }

        synchronized String report(Duration elapsed, int concurrency, String what) {
            long[] sorted = latencies.sorted();
            double seconds = elapsed.toNanos() / 1e9;
            var sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "target:      %s%n", what));
            sb.append(String.format(Locale.ROOT, "clients:     %d%n", concurrency));
            sb.append(String.format(Locale.ROOT, "duration:    %.1f s%n", seconds));
            sb.append(String.format(Locale.ROOT, "requests:    %d ok, %d failed%s%n", ok.get(), failed.get(),
                    failed.get() > 0 ? " (last: " + lastFailure + ")" : ""));
            sb.append(String.format(Locale.ROOT, "throughput:  %.1f requests/s%n", ok.get() / seconds));
            sb.append(String.format(Locale.ROOT, "latency ms:  p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n",
                    percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                    sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6));
            return sb.toString();
        }

        static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
        }
    }

    /** A growable array of longs (latencies in nanoseconds) without boxing. */
    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(LongList other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    /** Reads {@code 10s}, {@code 2m}, {@code 500ms} or ISO-8601 ({@code PT10S}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (v.startsWith("pt")) {
                return Duration.parse(value.strip());
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> throw new IllegalArgumentException("duration '" + value + "' must end in ms, s or m");
            };
        }
    }
}
