package org.sild.securityserver.globalconf;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.runtime.http.HttpServer;

/**
 * A real HTTP server (the runtime's {@link HttpServer}) on 127.0.0.1 and a free port for tests.
 * {@link #open()} starts it serving 404s so its address is known (a configuration source needs
 * it), {@link #start(Handler)} or {@link #serve(Handler)} puts the real handler in place, and it
 * can be swapped while running. Records the path and query of every request.
 */
public final class TestServer implements AutoCloseable {

    private final List<String> requests = new ArrayList<>();
    private final HttpServer server;
    private volatile Handler target;

    private TestServer() {
        server = HttpServer.builder().name("test-globalconf").host("127.0.0.1").port(0)
                .handler(new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws Exception {
                        synchronized (requests) {
                            String query = request.getHttpURI().getQuery();
                            requests.add(Request.getPathInContext(request) + (query == null ? "" : "?" + query));
                        }
                        Handler h = target;
                        if (h != null && h.handle(request, response, callback)) {
                            return true;
                        }
                        Response.writeError(request, response, callback, 404);
                        return true;
                    }
                }).build().start();
    }

    /** A running server answering 404 until a handler is served. */
    public static TestServer open() {
        return new TestServer();
    }

    /** A running server serving {@code handler}. */
    public static TestServer serving(Handler handler) {
        return open().start(handler);
    }

    /** Serves {@code handler}. */
    public TestServer start(Handler handler) {
        serve(handler);
        return this;
    }

    /** Replaces the handler served. */
    public void serve(Handler handler) {
        this.target = handler;
    }

    public int port() {
        return server.port();
    }

    /** {@code 127.0.0.1:PORT}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://" + address() + pathAndQuery);
    }

    /** The requests so far, as path and query. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /** Stops serving; connections are refused from now on. */
    @Override
    public void close() {
        server.close();
    }
}
