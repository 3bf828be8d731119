package org.sild.securityserver.globalconf;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A real Jetty HTTP server on 127.0.0.1 and a free port for tests. {@link #open()} binds the port
 * first (so a configuration source can be told its address), {@link #start(Handler)} serves.
 * Records the path and query of every request. The served handler can be swapped while running.
 */
public final class TestServer implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<String> requests = new ArrayList<>();
    private volatile Handler target;

    private TestServer() {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
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
        });
    }

    /** A server with its port bound, not yet serving. */
    public static TestServer open() {
        var s = new TestServer();
        try {
            s.connector.open();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return s;
    }

    /** A started server serving {@code handler}. */
    public static TestServer serving(Handler handler) {
        return open().start(handler);
    }

    /** Serves {@code handler} (starting the server on first use). */
    public TestServer start(Handler handler) {
        serve(handler);
        if (!server.isStarted()) {
            try {
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    /** Replaces the handler served. */
    public void serve(Handler handler) {
        try {
            if (!handler.isStarted()) {
                handler.setServer(server);
                handler.start();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        this.target = handler;
    }

    public int port() {
        return connector.getLocalPort();
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
        try {
            server.stop();
            connector.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
