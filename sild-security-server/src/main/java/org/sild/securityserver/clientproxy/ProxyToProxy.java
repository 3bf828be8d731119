package org.sild.securityserver.clientproxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.OutputStreamRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.EndPoint;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.transport.TransportHeaders;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.proxy.Headers;
import org.sild.securityserver.proxy.ProxyFaults;
import org.sild.securityserver.proxy.ProxySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code proxyToProxy} leg on the consumer side: opens (or reuses) a mutually authenticated TLS
 * connection to the fastest provider security server, verifies the provider's authentication
 * certificate before a single byte of the message leaves, and hands the request over to be
 * streamed.
 *
 * <p>If connecting, the handshake or the provider's authentication fails, the next candidate is
 * tried (the message has not been sent); the last failure is reported. Thread-safe; the Jetty client
 * is started and stopped by the {@link ClientProxy}.
 */
final class ProxyToProxy {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyToProxy.class);

    private final HttpClient https;
    private final FastestConnect fastest;
    private final ProviderAuthentication authentication;
    private final ProxySettings settings;

    ProxyToProxy(HttpClient https, FastestConnect fastest, ProviderAuthentication authentication,
            ProxySettings settings) {
        this.https = https;
        this.fastest = fastest;
        this.authentication = authentication;
        this.settings = settings;
    }

    /**
     * A verified connection to one of {@code candidates} for a request to {@code provider}, its
     * request started with {@code headers}.
     *
     * @throws XRoadException (bare) {@code NetworkError}, {@code UnknownHost}, {@code IOError} or
     *     {@code SslAuthenticationFailed} when no candidate could be reached and verified
     */
    ProviderConnection connect(GlobalConf conf, List<ProviderEndpoint> candidates, ClientId provider,
            TransportHeaders headers) {
        var remaining = new ArrayList<>(candidates);
        XRoadException last = null;
        while (!remaining.isEmpty()) {
            ProviderEndpoint endpoint = fastest.select(remaining);
            try {
                return open(conf, endpoint, provider, headers);
            } catch (XRoadException e) {
                LOG.warn("{}: {} failed before the message was sent: {}", org.sild.securityserver.proxy.Leg.PROXY_TO_PROXY,
                        endpoint, e.toString());
                fastest.forget(remaining);
                remaining.remove(endpoint);
                last = e;
            }
        }
        throw last;
    }

    private ProviderConnection open(GlobalConf conf, ProviderEndpoint endpoint, ClientId provider,
            TransportHeaders headers) {
        MimeHeaders fields = headers.toHttpHeaders();
        var content = new OutputStreamRequestContent(fields.first(TransportHeaders.CONTENT_TYPE).orElseThrow());
        var listener = new InputStreamResponseListener();
        var peer = new CompletableFuture<List<X509Certificate>>();
        Request request = https.newRequest(uri(endpoint)).method(HttpMethod.POST)
                .headers(h -> {
                    for (MimeHeaders.Header f : fields.fields()) {
                        if (f.name().equalsIgnoreCase(TransportHeaders.CONTENT_TYPE)) {
                            h.put(Headers.contentType(f.value()));
                        } else {
                            h.add(f.name(), f.value());
                        }
                    }
                    if (!settings.reuseConnections()) {
                        h.put(HttpHeader.CONNECTION, "close");
                    }
                })
                .body(content)
                // The handshake completes when the headers go out; the body waits for the verdict.
                .onRequestCommit(r -> peerOf(r, peer))
                .onRequestFailure((r, failure) -> peer.completeExceptionally(failure))
                .onResponseFailure((r, failure) -> peer.completeExceptionally(failure));
        request.idleTimeout(settings.responseTimeout().map(d -> d.toMillis()).orElse(0L), TimeUnit.MILLISECONDS);
        request.send(listener);
        try {
            List<X509Certificate> chain = awaitPeer(peer, endpoint);
            SecurityServerId server = authentication.verify(conf, chain, endpoint, provider);
            return new ProviderConnection(endpoint, server, request, listener, content.getOutputStream(),
                    settings.responseTimeout());
        } catch (XRoadException e) {
            request.abort(e);
            throw e;
        }
    }

    private List<X509Certificate> awaitPeer(CompletableFuture<List<X509Certificate>> peer, ProviderEndpoint endpoint) {
        long waitMillis = settings.connectTimeout().toMillis() * 2 + 5_000;
        try {
            return peer.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "interrupted while connecting to " + endpoint.address(), e);
        } catch (TimeoutException e) {
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "connecting to " + endpoint.address() + " timed out", e);
        } catch (ExecutionException e) {
            XRoadException cause = ProxyFaults.translate(e.getCause() == null ? e : e.getCause());
            throw new XRoadException(cause.code(), "cannot connect to " + endpoint + ": " + cause.getMessage(), cause);
        }
    }

    private static void peerOf(Request request, CompletableFuture<List<X509Certificate>> peer) {
        Connection connection = request.getConnection();
        EndPoint.SslSessionData ssl = connection == null ? null : connection.getSslSessionData();
        if (ssl == null || ssl.peerCertificates() == null) {
            peer.completeExceptionally(new XRoadException(ErrorCode.SSL_AUTHENTICATION_FAILED,
                    "the connection to the provider security server is not authenticated by TLS"));
        } else {
            peer.complete(List.of(ssl.peerCertificates()));
        }
    }

    private static URI uri(ProviderEndpoint endpoint) {
        try {
            return new URI("https", null, endpoint.host(), endpoint.port(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "bad provider address " + endpoint.address(), e);
        }
    }
}
