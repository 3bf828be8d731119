package org.sild.securityserver.globalconf;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Downloads global configuration over HTTP and HTTPS with a Jetty client on virtual threads, as
 * X-Road's configuration client does: connect timeout 10 s, read timeout 30 s, no redirects, and
 * for HTTPS the server certificate checked against the JVM's trust store and the host name (both
 * checks can be switched off, like {@code global-conf-tls-cert-verification} and
 * {@code global-conf-hostname-verification}).
 *
 * <p>Thread-safe. Started by {@link #create()} or {@link Builder#build()}; {@link #close()} stops
 * the client.
 */
public final class HttpConfigurationFetcher implements ConfigurationFetcher, AutoCloseable {

    /** Upper bound of one whole download, whatever its size. */
    private static final Duration TOTAL_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient client;
    private final Duration readTimeout;

    private HttpConfigurationFetcher(Builder b) {
        var tls = new SslContextFactory.Client(!b.tlsCertificateVerification);
        tls.setEndpointIdentificationAlgorithm(b.hostnameVerification ? "HTTPS" : null);
        var connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        connector.setConnectTimeout(b.connectTimeout);
        connector.setIdleTimeout(b.readTimeout);
        var threads = new VirtualThreadPool();
        threads.setName("globalconf-http");
        this.client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        this.readTimeout = b.readTimeout;
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the global configuration HTTP client: " + e.getMessage(), e);
        }
    }

    /** A fetcher with X-Road's defaults. */
    public static HttpConfigurationFetcher create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Response get(URI uri, int maxBytes) {
        String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot download " + uri + ": not an http or https URL");
        }
        var request = client.newRequest(uri).method(HttpMethod.GET)
                .idleTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .timeout(TOTAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ContentResponse response = new CompletableResponseListener(request, maxBytes).send()
                    .get(TOTAL_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Response(response.getStatus(), response.getContent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XRoadException(ErrorCode.IO_ERROR, "interrupted while downloading " + uri, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot download " + uri + ": " + describe(cause), cause);
        } catch (TimeoutException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "downloading " + uri + " took longer than " + TOTAL_TIMEOUT, e);
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the global configuration HTTP client: " + e.getMessage(), e);
        }
    }

    /** Settings of a fetcher; defaults are X-Road's. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private boolean tlsCertificateVerification = true;
        private boolean hostnameVerification = true;

        private Builder() {
        }

        /** How long to wait for a connection (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /** How long a connection may stay silent while reading (default 30 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "read timeout");
            return this;
        }

        /** Whether HTTPS server certificates must chain to the JVM's trust store (default true). */
        public Builder tlsCertificateVerification(boolean verify) {
            this.tlsCertificateVerification = verify;
            return this;
        }

        /** Whether HTTPS server certificates must match the host name (default true). */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        public HttpConfigurationFetcher build() {
            return new HttpConfigurationFetcher(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, not " + d);
            }
            return d;
        }
    }
}
