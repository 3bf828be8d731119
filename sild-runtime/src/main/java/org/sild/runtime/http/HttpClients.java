package org.sild.runtime.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.tls.ClientTls;

/**
 * Creates started Jetty HTTP clients ({@link ManagedHttpClient}) configured the Sild way.
 *
 * <pre>{@code
 * try (ManagedHttpClient client = HttpClients.builder().name("proxy-to-proxy")
 *         .tls(ClientTls.xRoad(authContext)).pooling(true).build()) {
 *     ContentResponse r = client.GET(uri);
 * }
 * }</pre>
 *
 * <p>Jetty's I/O runs on a small platform pool whose blocking tasks go to virtual threads; callers
 * usually block on their own (virtual) thread with an {@code InputStreamResponseListener}, which
 * streams the body without buffering it. Redirects are never followed (a proxy passes them on),
 * and no {@code User-Agent} is added. With pooling off, every request carries
 * {@code Connection: close} and its connection is closed after the exchange. The returned client
 * is thread-safe; close it to release its connections and threads.
 */
public final class HttpClients {

    private HttpClients() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures one client. Not thread-safe. */
    public static final class Builder {
        private String name = "http-client";
        private Optional<ClientTls> tls = Optional.empty();
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private boolean pooling = true;
        private int maxConnectionsPerDestination = 64;
        private int maxPlatformThreads = 16;

        private Builder() {
        }

        /** Name for threads and logs. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** TLS for {@code https} requests (default: the JDK's default context, host names verified). */
        public Builder tls(ClientTls tls) {
            this.tls = Optional.of(tls);
            return this;
        }

        /** Time allowed to open a TCP connection (default 30 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long a connection may be idle, also while waiting for response bytes (default 60 s). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /** Whether connections are kept and reused (default true). */
        public Builder pooling(boolean pooling) {
            this.pooling = pooling;
            return this;
        }

        /** Most connections open to one host and port at a time (default 64). */
        public Builder maxConnectionsPerDestination(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnectionsPerDestination must be at least 1, was " + max);
            }
            this.maxConnectionsPerDestination = max;
            return this;
        }

        /** Platform threads for Jetty's selectors and non-blocking work (default 16). */
        public Builder maxPlatformThreads(int threads) {
            if (threads < 4) {
                throw new IllegalArgumentException("maxPlatformThreads must be at least 4, was " + threads);
            }
            this.maxPlatformThreads = threads;
            return this;
        }

        /**
         * The started client.
         *
         * @throws XRoadException {@code InternalError} when it cannot start (for example TLS settings
         *                        the JVM does not support)
         */
        public ManagedHttpClient build() {
            var threads = new QueuedThreadPool(maxPlatformThreads, Math.min(4, maxPlatformThreads));
            threads.setName(name);
            threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor(name + "-vt"));
            var connector = new ClientConnector();
            connector.setExecutor(threads);
            connector.setConnectTimeout(connectTimeout);
            connector.setIdleTimeout(idleTimeout);
            connector.setSslContextFactory(sslContextFactory());
            var client = new ManagedHttpClient(new HttpClientTransportOverHTTP(connector));
            client.setExecutor(threads);
            client.setName(name);
            client.setFollowRedirects(false);
            client.setUserAgentField(null);
            client.setConnectTimeout(connectTimeout.toMillis());
            client.setIdleTimeout(idleTimeout.toMillis());
            client.setMaxConnectionsPerDestination(maxConnectionsPerDestination);
            if (!pooling) {
                var close = new HttpField(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
                client.getRequestListeners().addBeginListener(request -> request.headers(h -> h.put(close)));
            }
            try {
                client.start();
            } catch (Exception e) {
                throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot start HTTP client " + name + ": "
                        + e.getMessage(), e);
            }
            return client;
        }

        private SslContextFactory.Client sslContextFactory() {
            var factory = new SslContextFactory.Client();
            factory.setRenegotiationAllowed(false);
            tls.ifPresent(t -> {
                t.profile().requireSupported(t.context());
                factory.setSslContext(t.context());
                factory.setIncludeProtocols(t.profile().protocols().toArray(String[]::new));
                factory.setExcludeProtocols();
                factory.setIncludeCipherSuites(t.profile().cipherSuites().toArray(String[]::new));
                factory.setExcludeCipherSuites();
                factory.setEndpointIdentificationAlgorithm(t.verifyHostname() ? "HTTPS" : null);
            });
            return factory;
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
