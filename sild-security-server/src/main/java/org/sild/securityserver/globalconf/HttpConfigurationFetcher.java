package org.sild.securityserver.globalconf;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpMethod;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.tls.ClientTls;
import org.sild.runtime.tls.PeerTrust;
import org.sild.runtime.tls.TlsContexts;
import org.sild.runtime.tls.TlsProfile;

/**
 * Downloads global configuration over HTTP and HTTPS with a runtime Jetty client, as X-Road's
 * configuration client does: connect timeout 10 s, read timeout 30 s, no redirects, and for HTTPS
 * the server certificate checked against the JVM's trust store and the host name (both checks can
 * be switched off, like {@code global-conf-tls-cert-verification} and
 * {@code global-conf-hostname-verification}, or replaced by own {@link ClientTls}).
 *
 * <p>Thread-safe. Started when built; {@link #close()} stops the client.
 */
public final class HttpConfigurationFetcher implements ConfigurationFetcher, AutoCloseable {

    /** Upper bound of one whole download, whatever its size. */
    private static final Duration TOTAL_TIMEOUT = Duration.ofMinutes(5);

    private final ManagedHttpClient client;
    private final Duration readTimeout;

    private HttpConfigurationFetcher(Builder b) {
        ClientTls tls = b.tls.orElseGet(() -> b.tlsCertificateVerification
                ? new ClientTls(TlsContexts.builder().build(), TlsProfile.CLIENT_FACING, b.hostnameVerification)
                : new ClientTls(TlsContexts.builder().trust(PeerTrust.acceptAny()).build(), TlsProfile.CLIENT_FACING,
                        false));
        this.client = HttpClients.builder().name("globalconf-client").tls(tls).connectTimeout(b.connectTimeout)
                .idleTimeout(b.readTimeout).maxConnectionsPerDestination(4).maxPlatformThreads(4).build();
        this.readTimeout = b.readTimeout;
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
            throw new XRoadException(ErrorCode.IO_ERROR, "downloading " + uri + " took longer than " + TOTAL_TIMEOUT,
                    e);
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }

    /** Stops the client. Idempotent. */
    @Override
    public void close() {
        client.close();
    }

    /** Settings of a fetcher; defaults are X-Road's. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private boolean tlsCertificateVerification = true;
        private boolean hostnameVerification = true;
        private Optional<ClientTls> tls = Optional.empty();

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

        /** Whether HTTPS server certificates must match the host name (default true; only with certificate checks). */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /** Own TLS settings for HTTPS (for example a private CA's trust anchors), replacing the two switches. */
        public Builder tls(ClientTls tls) {
            this.tls = Optional.of(tls);
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
