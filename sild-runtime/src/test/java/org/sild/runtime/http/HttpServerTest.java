package org.sild.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.jetty.client.ContentResponse;

import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

/** {@link HttpServer} and {@link HttpClients} over plain HTTP on port 0. */
class HttpServerTest {

    private ManagedHttpClient client;

    @BeforeEach
    void client() {
        client = HttpClients.builder().name("test-client").build();
    }

    @AfterEach
    void stopClient() {
        client.close();
    }

    @Test
    void handlersRunOnVirtualThreadsAndPortZeroBinds() throws Exception {
        Handler handler = text((request, out) -> out.write(("virtual=" + Thread.currentThread().isVirtual())
                .getBytes(StandardCharsets.UTF_8)));
        try (HttpServer server = HttpServer.builder().name("vt").handler(handler).build().start()) {
            assertThat(server.port()).isPositive();
            assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
            assertThat(server.isSecure()).isFalse();
            ContentResponse response = client.GET(server.uri());
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentAsString()).isEqualTo("virtual=true");
            assertThat(response.getHeaders().get("Server")).isNull();
        }
    }

    @Test
    void bodiesStreamBothWays() throws Exception {
        // The handler digests the request as it arrives and streams a generated answer back.
        Handler handler = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback)
                    throws Exception {
                var digest = MessageDigest.getInstance("SHA-256");
                long count = 0;
                try (InputStream in = Request.asInputStream(request)) {
                    byte[] buffer = new byte[8192];
                    for (int n; (n = in.read(buffer)) > 0; count += n) {
                        digest.update(buffer, 0, n);
                    }
                }
                response.getHeaders().put("X-Digest", HexFormat.of().formatHex(digest.digest()));
                response.getHeaders().put("X-Count", count);
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    out.write(new byte[(int) Math.min(count, 4 * 1024 * 1024)]);
                }
                callback.succeeded();
                return true;
            }
        };
        long size = 64L * 1024 * 1024;
        var expected = MessageDigest.getInstance("SHA-256");
        try (HttpServer server = HttpServer.builder().handler(handler).build().start()) {
            var listener = new InputStreamResponseListener();
            client.POST(server.uri()).body(new InputStreamRequestContent("application/octet-stream",
                    new PatternStream(size, expected), new ByteBufferPool.Sized(client.getByteBufferPool())))
                    .send(listener);
            Response response = listener.get(30, TimeUnit.SECONDS);
            long received;
            try (InputStream in = listener.getInputStream()) {
                received = in.transferTo(OutputStream.nullOutputStream());
            }
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaders().get("X-Count")).isEqualTo(Long.toString(size));
            assertThat(response.getHeaders().get("X-Digest")).isEqualTo(HexFormat.of().formatHex(expected.digest()));
            assertThat(received).isEqualTo(4 * 1024 * 1024);
        }
    }

    @Test
    void unansweredAndFailedRequestsGetAPlainErrorWithoutDetails() throws Exception {
        Handler failing = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
                if (Request.getPathInContext(request).equals("/boom")) {
                    throw new IllegalStateException("secret internals");
                }
                return false;
            }
        };
        try (HttpServer server = HttpServer.builder().handler(failing).build().start()) {
            ContentResponse boom = client.GET(server.uri().resolve("/boom"));
            assertThat(boom.getStatus()).isEqualTo(500);
            assertThat(boom.getContentAsString()).isEqualTo("HTTP 500 Server Error\n");
            ContentResponse missing = client.GET(server.uri().resolve("/missing"));
            assertThat(missing.getStatus()).isEqualTo(404);
            assertThat(missing.getContentAsString()).isEqualTo("HTTP 404 Not Found\n");
        }
    }

    @Test
    void oversizedRequestHeadersGet431() throws Exception {
        try (HttpServer server = HttpServer.builder().maxRequestHeaderSize(2048)
                .handler(text((r, out) -> out.write('x'))).build().start()) {
            ContentResponse response = client.newRequest(server.uri()).headers(h -> h.put("X-Big", "a".repeat(4096)))
                    .send();
            assertThat(response.getStatus()).isEqualTo(431);
            assertThat(client.GET(server.uri()).getStatus()).isEqualTo(200);
        }
    }

    @Test
    void closeLetsInFlightRequestsFinishAndRefusesNewConnections() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Handler slow = text((request, out) -> {
            entered.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            out.write("done".getBytes(StandardCharsets.UTF_8));
        });
        HttpServer server = HttpServer.builder().handler(slow).stopTimeout(Duration.ofSeconds(20)).build().start();
        int port = server.port();
        var inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return client.GET(server.uri()).getContentAsString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        var closing = CompletableFuture.runAsync(server::close);
        awaitRefused(port);
        release.countDown();
        assertThat(inFlight.get(20, TimeUnit.SECONDS)).isEqualTo("done");
        closing.get(20, TimeUnit.SECONDS);
    }

    @Test
    void bindingATakenPortIsANetworkError() {
        try (HttpServer first = HttpServer.builder().handler(text((r, out) -> { })).build().start()) {
            HttpServer second = HttpServer.builder().port(first.port()).handler(text((r, out) -> { })).build();
            assertThatThrownBy(second::start).isInstanceOfSatisfying(XRoadException.class, e -> {
                assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.NETWORK_ERROR));
                assertThat(e.getMessage()).contains(Integer.toString(first.port()));
            });
        }
    }

    @Test
    void builderRejectsBadSettings() {
        assertThatThrownBy(() -> HttpServer.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpServer.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> HttpServer.builder().idleTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Polls until connecting to {@code port} is refused, with a deadline. */
    static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            } catch (ConnectException e) {
                return;
            } catch (java.io.IOException e) {
                // keep polling
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw new AssertionError("port " + port + " still accepts connections");
    }

    /** A blocking body writer for test handlers. */
    interface Body {
        void write(Request request, OutputStream out) throws Exception;
    }

    static Handler text(Body body) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback)
                    throws Exception {
                response.getHeaders().put("Content-Type", "text/plain; charset=UTF-8");
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    body.write(request, out);
                }
                callback.succeeded();
                return true;
            }
        };
    }

    /** {@code size} bytes of a repeating pattern, digested as they are read; never held in memory. */
    static final class PatternStream extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private long position;

        PatternStream(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ((position + i) * 31 % 251);
            }
            digest.update(b, off, n);
            position += n;
            return n;
        }
    }
}
