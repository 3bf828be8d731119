package org.sild.securityserver.management;

import java.io.InputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ManagementService;
import org.sild.core.globalconf.PrivateParameters;
import org.sild.core.management.ManagementMessage;
import org.sild.core.management.ManagementPackage;
import org.sild.core.management.ManagementRequest;
import org.sild.core.management.ManagementResponse;
import org.sild.core.multipart.ContentType;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.tls.ClientTls;
import org.sild.runtime.tls.PeerTrust;
import org.sild.runtime.tls.TlsContexts;
import org.sild.runtime.tls.TlsProfile;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.globalconf.GlobalConfProvider;
import org.sild.securityserver.proxy.ProxyFaults;
import org.sild.securityserver.signer.Token;

/**
 * The security server's client of the central server's management services (PR-MSERV, digest 04
 * §9): builds a {@link ManagementRequest} into an X-Road message from the server's owner to the
 * management service provider of global configuration, signs it with the keys on the token, sends
 * it, and returns the central server's {@code requestId}.
 *
 * <p>Where a request goes:
 * <ul>
 *   <li>{@code authCertReg} is posted directly to {@code authCertRegServiceAddress} of the current
 *       global configuration's private parameters: the server cannot send X-Road messages before its
 *       authentication certificate is registered. Over HTTPS the central server's TLS certificate
 *       must be exactly {@code authCertRegServiceCert} of global configuration, as X-Road checks it:
 *       pinned, without a CA path or host name check (PR-MSERV §2.3). No client certificate is sent.</li>
 *   <li>every other request is posted to the server's own client proxy, which sends it as an
 *       ordinary signed X-Road message to the management service provider's security server; the
 *       signed types as a SOAP package with attachments ({@code multipart/related}), the deletions
 *       as {@code text/xml}.</li>
 * </ul>
 * A SOAP fault answer is thrown with the central server's own fault code; transport failures with
 * the proxies' codes ({@code NetworkError}, {@code IOError}, {@code SslAuthenticationFailed}, ...).
 *
 * <p>Thread-safe; holds no resources of its own (the registration connection is opened and closed
 * per request, the client proxy's HTTP client belongs to the caller).
 */
public final class ManagementClient {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementClient.class);

    private final GlobalConfProvider globalConf;
    private final RequestSigning signing;
    private final URI clientProxy;
    private final HttpClient proxyHttp;
    private final Duration timeout;
    private final Clock clock;
    private final Random random;

    private ManagementClient(Builder b) {
        this.globalConf = b.globalConf;
        this.signing = new RequestSigning(b.token, b.ocsp);
        this.clientProxy = b.clientProxy;
        this.proxyHttp = b.proxyHttp;
        this.timeout = b.timeout;
        this.clock = b.clock;
        this.random = b.random;
    }

    /** A builder; global configuration, token, OCSP responses, client proxy and its HTTP client are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends {@code request} for the server it names (whose owner is the sender) and returns the id the
     * central server gave it.
     *
     * @throws XRoadException {@code OutdatedGlobalConf} without valid global configuration,
     *     {@code InternalError} when it names no management service; {@code CannotCreateSignature} or
     *     {@code KeyNotFound} when the token lacks the keys; the central server's fault; transport faults
     */
    public long send(ManagementRequest request) {
        Instant now = clock.instant();
        ManagementService service = managementService(globalConf.current(now));
        ManagementMessage message = ManagementMessage.create(service.managementRequestServiceProviderId(),
                newId(), request);
        ManagementPackage.Encoded body = signing.sign(message, now).encode(random);
        long requestId;
        if (request.type().isDirect()) {
            URI uri = URI.create(service.authCertRegServiceAddress());
            try (ManagedHttpClient direct = registrationClient(uri, service)) {
                requestId = post(direct, uri, message, body).requestId();
            }
        } else {
            requestId = post(proxyHttp, clientProxy, message, body).requestId();
        }
        LOG.info("management request {} {} for {} sent, central server request id {}",
                request.type().serviceCode(), message.id(), request.server(), requestId);
        return requestId;
    }

    private static ManagementService managementService(GlobalConf conf) {
        return conf.stored().own().privateParameters().map(PrivateParameters::managementService)
                .orElseThrow(() -> new XRoadException(ErrorCode.INTERNAL_ERROR, "the global configuration of "
                        + conf.instance() + " has no private parameters, so no management service"));
    }

    /** A one-off client for the registration service: plain HTTP, or TLS pinned to the configured certificate. */
    private ManagedHttpClient registrationClient(URI uri, ManagementService service) {
        HttpClients.Builder builder = HttpClients.builder().name("management-registration").pooling(false)
                .connectTimeout(timeout);
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            X509Certificate pinned = service.authCertRegServiceCert().orElseThrow(() -> new XRoadException(
                    ErrorCode.SSL_AUTHENTICATION_FAILED, "the global configuration has no TLS certificate"
                    + " (authCertRegServiceCert) for the registration service " + uri));
            var context = TlsContexts.builder().trust(PeerTrust.pinned(List.of(pinned))).build();
            builder.tls(new ClientTls(context, TlsProfile.CLIENT_FACING, false));
        }
        return builder.build();
    }

    private ManagementResponse post(HttpClient http, URI uri, ManagementMessage message,
                                    ManagementPackage.Encoded body) {
        var listener = new InputStreamResponseListener();
        http.newRequest(uri).method(HttpMethod.POST)
                .body(new BytesRequestContent(body.contentType(), body.body()))
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .send(listener);
        try {
            Response response = listener.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            try (InputStream in = listener.getInputStream()) {
                String type = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
                if (type == null || !ContentType.parse(type).is("text/xml")) {
                    throw new XRoadException(ErrorCode.HTTP_ERROR, "unexpected content type '" + type
                            + "' (HTTP " + response.getStatus() + ") in the answer of " + uri);
                }
                return ManagementResponse.read(message, in, type);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XRoadException(ErrorCode.IO_ERROR, "interrupted while sending a management request", e);
        } catch (Exception e) {
            throw ProxyFaults.translate(e);
        }
    }

    private String newId() {
        byte[] b = new byte[16];
        synchronized (random) {
            random.nextBytes(b);
        }
        b[6] = (byte) ((b[6] & 0x0F) | 0x40);
        b[8] = (byte) ((b[8] & 0x3F) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xFF);
            lsb = (lsb << 8) | (b[i + 8] & 0xFF);
        }
        return new UUID(msb, lsb).toString();
    }

    /** Collects what a {@link ManagementClient} is made of. Not thread-safe. */
    public static final class Builder {
        private GlobalConfProvider globalConf;
        private Token token;
        private OwnCertificateOcsp ocsp;
        private URI clientProxy;
        private HttpClient proxyHttp;
        private Duration timeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Random random = new SecureRandom();

        private Builder() {
        }

        /** Where the management service (provider and registration address) is read from. */
        public Builder globalConf(GlobalConfProvider globalConf) {
            this.globalConf = Objects.requireNonNull(globalConf, "globalConf");
            return this;
        }

        /** The token holding the owner's and clients' signing keys and the authentication key. */
        public Builder token(Token token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /** The signer's OCSP responses for the token's signing certificates. */
        public Builder ocsp(OwnCertificateOcsp ocsp) {
            this.ocsp = Objects.requireNonNull(ocsp, "ocsp");
            return this;
        }

        /**
         * The server's own client proxy, for example {@code http://127.0.0.1:8080/}, with the HTTP client
         * to reach it (for the HTTPS port, one whose TLS context presents the internal TLS key).
         */
        public Builder clientProxy(URI uri, HttpClient http) {
            this.clientProxy = Objects.requireNonNull(uri, "uri");
            this.proxyHttp = Objects.requireNonNull(http, "http");
            return this;
        }

        /** How long connecting and waiting for the answer may take (default 60 s). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The clock for signing certificate validity and OCSP freshness (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Randomness for message ids and MIME boundaries (default: a new {@link SecureRandom}). */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public ManagementClient build() {
            Objects.requireNonNull(globalConf, "globalConf is required");
            Objects.requireNonNull(token, "token is required");
            Objects.requireNonNull(ocsp, "ocsp is required");
            Objects.requireNonNull(clientProxy, "clientProxy is required");
            return new ManagementClient(this);
        }
    }
}
