package org.sild.e2e;

import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.sild.runtime.http.HttpServer;

/**
 * A provider information system for tests: an HTTP server on a free port of 127.0.0.1 that records
 * every request it receives (method, URI, headers, body) and answers with the {@link Responder}
 * the test sets. Without a responder it answers 404.
 *
 * <p>Thread-safe. Obtained from {@link TestNetwork#providerIs}; the network stops it.
 */
public final class ProviderIs implements AutoCloseable {

    /** A request as the information system received it. */
    public record Received(String method, URI uri, HttpFields headers, byte[] body) {

        public Received {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** A request header (the last of that name, case-insensitive), if present. */
        public java.util.Optional<String> header(String name) {
            List<String> values = headers.getValuesList(name);
            return values.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(values.get(values.size() - 1));
        }
    }

    /** What to answer. */
    public record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {

        public Reply {
            Objects.requireNonNull(contentType, "contentType");
            headers = Map.copyOf(headers);
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** A reply with a body of {@code contentType} (empty: no Content-Type header). */
        public static Reply of(int status, String contentType, byte[] body) {
            return new Reply(status, contentType, Map.of(), body);
        }

        /** This reply with one more response header. */
        public Reply withHeader(String name, String value) {
            var all = new java.util.LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, contentType, all, body);
        }
    }

    /** Computes the reply to a request; runs on the server's (virtual) request thread. */
    @FunctionalInterface
    public interface Responder {
        Reply reply(Received request) throws Exception;
    }

    /** Handles a request itself, for streaming bodies that must not be held in memory. */
    @FunctionalInterface
    public interface Streaming {
        void handle(Request request, Response response, Callback callback) throws Exception;
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Object> behaviour = new AtomicReference<>();
    private final HttpServer server;

    ProviderIs(String name) {
        this.server = HttpServer.builder().name(name).port(0).handler(new Dispatcher()).build().start();
    }

    /** Answers every request from now on with {@code responder}. */
    public ProviderIs answer(Responder responder) {
        behaviour.set(Objects.requireNonNull(responder));
        return this;
    }

    /** Handles every request from now on with {@code handler}, which reads and answers it itself (nothing is recorded). */
    public ProviderIs stream(Streaming handler) {
        behaviour.set(Objects.requireNonNull(handler));
        return this;
    }

    /** The requests received so far (those handled by a {@link Streaming} handler are not recorded). */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The last request received; fails when none came. */
    public Received last() {
        if (received.isEmpty()) {
            throw new AssertionError("no request reached the provider information system");
        }
        return received.get(received.size() - 1);
    }

    /** Forgets the requests received so far. */
    public void clear() {
        received.clear();
    }

    /** A URL on this information system, for example {@code url("/persons")}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Dispatcher extends Handler.Abstract {

        Dispatcher() {
            super(Invocable.InvocationType.BLOCKING);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Object current = behaviour.get();
            if (current instanceof Streaming streaming) {
                streaming.handle(request, response, callback);
                return true;
            }
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readAllBytes();
            }
            var r = new Received(request.getMethod(), request.getHttpURI().toURI(),
                    HttpFields.build(request.getHeaders()).asImmutable(), body);
            received.add(r);
            if (!(current instanceof Responder responder)) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            Reply reply = responder.reply(r);
            response.setStatus(reply.status());
            if (!reply.contentType().isEmpty()) {
                response.getHeaders().put("Content-Type", reply.contentType());
            }
            reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
            return true;
        }
    }
}
