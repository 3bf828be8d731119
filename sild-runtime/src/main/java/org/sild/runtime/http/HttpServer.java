package org.sild.runtime.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.tls.ServerTls;

/**
 * An HTTP/1.1 server (plain or TLS) around one Jetty 12 core {@link Handler}, running handlers on
 * virtual threads.
 *
 * <pre>{@code
 * try (HttpServer server = HttpServer.builder().name("admin").port(0).handler(router).build().start()) {
 *     URI base = server.uri();
 * }
 * }</pre>
 *
 * <p>Threads: a small pool of platform threads runs Jetty's selectors and non-blocking tasks; every
 * handler invocation (Jetty core handlers are blocking by default) runs on its own virtual thread,
 * so handlers may block on I/O freely. Bodies stream: nothing buffers a request or response body,
 * read it with {@code Content.Source.asInputStream(request)} and write with
 * {@code Content.Sink.asOutputStream(response)}. On TLS connections the negotiated session,
 * including the client's certificate chain, is available to handlers through
 * {@link TlsSession#of(org.eclipse.jetty.server.Request)}. What no handler answers, or a handler
 * fails on without answering, gets a one-line {@code text/plain} error with the status only (no
 * exception text, stack trace or server version).
 *
 * <p>Lifecycle: {@link Builder#build()} creates, {@link #start()} binds (port 0 picks a free port,
 * {@link #port()} tells which), {@link #close()} stops gracefully: no new connections, in-flight
 * requests get up to the stop timeout to finish. Thread-safe.
 */
public final class HttpServer implements AutoCloseable {

    private final String name;
    private final String host;
    private final boolean secure;
    private final Server server;
    private final ServerConnector connector;

    private HttpServer(Builder b) {
        this.name = b.name;
        this.host = b.host;
        this.secure = b.tls.isPresent();
        var threads = new QueuedThreadPool(b.maxPlatformThreads, Math.min(4, b.maxPlatformThreads));
        threads.setName(name);
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor(name + "-vt"));
        this.server = new Server(threads);
        server.setStopAtShutdown(false);
        server.setStopTimeout(b.stopTimeout.toMillis());

        var http = new HttpConfiguration();
        http.setRequestHeaderSize(b.maxRequestHeaderSize);
        http.setResponseHeaderSize(b.maxRequestHeaderSize);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setSendDateHeader(true);
        ConnectionFactory[] factories;
        if (b.tls.isPresent()) {
            // Peer identity comes from certificates, not names: no SNI requirements.
            http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
            var ssl = new SslConnectionFactory(sslContextFactory(b.tls.get()), HttpVersion.HTTP_1_1.asString());
            factories = new ConnectionFactory[] {ssl, new HttpConnectionFactory(http)};
        } else {
            factories = new ConnectionFactory[] {new HttpConnectionFactory(http)};
        }
        this.connector = new ServerConnector(server, 1, -1, factories);
        connector.setName(name);
        connector.setHost(host);
        connector.setPort(b.port);
        connector.setIdleTimeout(b.idleTimeout.toMillis());
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(b.handler));
        server.setErrorHandler(new LastResortErrors());
    }

    static SslContextFactory.Server sslContextFactory(ServerTls tls) {
        tls.profile().requireSupported(tls.context());
        var factory = new SslContextFactory.Server();
        factory.setSslContext(tls.context());
        factory.setIncludeProtocols(tls.profile().protocols().toArray(String[]::new));
        factory.setExcludeProtocols();
        factory.setIncludeCipherSuites(tls.profile().cipherSuites().toArray(String[]::new));
        factory.setExcludeCipherSuites();
        factory.setUseCipherSuitesOrder(true);
        factory.setRenegotiationAllowed(false);
        factory.setSessionCachingEnabled(true);
        factory.setSniRequired(false);
        switch (tls.clientAuth()) {
            case NEED -> factory.setNeedClientAuth(true);
            case WANT -> factory.setWantClientAuth(true);
            case NONE -> { }
        }
        return factory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts serving.
     *
     * @return this server
     * @throws XRoadException {@code NetworkError} when the address cannot be bound
     */
    public HttpServer start() {
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "cannot start " + name + " on " + host + ":"
                    + connector.getPort() + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** The server's name, as used for its threads and log lines. */
    public String name() {
        return name;
    }

    /** The host (address) it listens on. */
    public String host() {
        return host;
    }

    /** The bound port once started (the chosen one when built with port 0); -1 before. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Whether connections use TLS. */
    public boolean isSecure() {
        return secure;
    }

    /** The base URI, for example {@code https://127.0.0.1:5500/}. */
    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create((secure ? "https" : "http") + "://" + h + ":" + port() + "/");
    }

    /** Stops gracefully within the stop timeout, then closes remaining connections. Idempotent. */
    @Override
    public void close() {
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot stop " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "HttpServer[" + name + " " + (secure ? "https" : "http") + "://" + host + ":" + port() + "]";
    }

    /** Configures an {@link HttpServer}. Not thread-safe. */
    public static final class Builder {
        private String name = "http";
        private String host = "127.0.0.1";
        private int port;
        private Handler handler;
        private Optional<ServerTls> tls = Optional.empty();
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxRequestHeaderSize = 16 * 1024;
        private Duration stopTimeout = Duration.ofSeconds(10);
        private int maxPlatformThreads = 16;

        private Builder() {
        }

        /** Name for threads and logs (default {@code http}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** Address to listen on (default {@code 127.0.0.1}; {@code 0.0.0.0} for all). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The handler serving every request (required). */
        public Builder handler(Handler handler) {
            this.handler = Objects.requireNonNull(handler);
            return this;
        }

        /** Serve TLS with these settings (default: plain HTTP). */
        public Builder tls(ServerTls tls) {
            this.tls = Optional.of(tls);
            return this;
        }

        /** How long a connection may be idle, also while reading or writing a body (default 30 s). */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "idleTimeout");
            return this;
        }

        /** Largest request line plus headers, in bytes (default 16 KiB); larger gets 431. */
        public Builder maxRequestHeaderSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxRequestHeaderSize must be at least 1024, was " + bytes);
            }
            this.maxRequestHeaderSize = bytes;
            return this;
        }

        /** How long {@link #close()} waits for in-flight requests (default 10 s). */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = positive(stopTimeout, "stopTimeout");
            return this;
        }

        /** Platform threads for selectors and non-blocking work (default 16; handlers use virtual threads). */
        public Builder maxPlatformThreads(int threads) {
            if (threads < 4) {
                throw new IllegalArgumentException("maxPlatformThreads must be at least 4, was " + threads);
            }
            this.maxPlatformThreads = threads;
            return this;
        }

        /** The server, not yet started. */
        public HttpServer build() {
            if (handler == null) {
                throw new IllegalStateException("HttpServer " + name + " needs a handler");
            }
            return new HttpServer(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
