package org.sild.securityserver.serverproxy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.OutputStreamRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.EndPoint;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.rest.HttpHeader;
import org.sild.securityserver.proxy.Headers;
import org.sild.securityserver.proxy.ProxyFaults;
import org.sild.securityserver.serverconf.LocalService;

/**
 * The {@code proxyToProvider} leg: calls the provider's information system over HTTP or HTTPS with
 * the service's timeout (for connecting and between bytes of the answer). With HTTPS and the
 * service's "verify TLS" flag, the information system's certificate must be one registered for the
 * provider; it is checked before the request leaves.
 *
 * <p>Faults are {@code ServiceFailed.*}: {@code NetworkError} (refused), {@code UnknownHost},
 * {@code IOError} (timeouts, broken streams), {@code SslAuthenticationFailed}. Thread-safe; the Jetty
 * client is the {@link ServerProxy}'s.
 */
final class ProxyToProvider {

    /** Writes a request body. */
    @FunctionalInterface
    interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /** The information system's answer: status, reason, headers and the body as it streams in. */
    record Answer(int status, String reason, HttpFields headers, InputStream body) implements AutoCloseable {
        Optional<String> contentType() {
            return Optional.ofNullable(headers.get(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE));
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // The exchange is over either way.
            }
        }
    }

    private final HttpClient http;

    ProxyToProvider(HttpClient http) {
        this.http = http;
    }

    /**
     * Sends {@code method uri} with {@code headers} and, if given, a body written by {@code body};
     * {@code trusted} are the certificates the information system must present when the service says
     * so. Returns when the answer's headers have arrived.
     */
    Answer call(LocalService service, List<X509Certificate> trusted, String method, URI uri, List<HttpHeader> headers,
            Optional<String> contentType, Optional<BodyWriter> body) {
        long timeout = service.timeout().toMillis();
        var listener = new InputStreamResponseListener();
        Optional<OutputStreamRequestContent> content = body.map(b -> new OutputStreamRequestContent(
                contentType.orElse("application/octet-stream")));
        Request request = http.newRequest(uri).method(method).idleTimeout(timeout, TimeUnit.MILLISECONDS)
                .headers(h -> {
                    for (HttpHeader header : headers) {
                        if (header.is("Content-Type")) {
                            h.put(Headers.contentType(header.value()));
                        } else {
                            h.add(header.name(), header.value());
                        }
                    }
                    contentType.ifPresent(t -> h.put(Headers.contentType(t)));
                });
        content.ifPresent(request::body);
        if ("https".equalsIgnoreCase(uri.getScheme()) && service.verifyTls()) {
            request.onRequestBegin(r -> verifyPeer(r, trusted));
        }
        request.send(listener);
        if (content.isPresent()) {
            try (OutputStream out = new BufferedOutputStream(content.get().getOutputStream(), 64 * 1024)) {
                body.get().write(out);
            } catch (IOException | RuntimeException e) {
                request.abort(e);
                throw failed(e, uri);
            }
        }
        try {
            Response response = listener.get(timeout + 1000, TimeUnit.MILLISECONDS);
            return new Answer(response.getStatus(), Optional.ofNullable(response.getReason()).orElse(""),
                    response.getHeaders(), listener.getInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            throw failed(e, uri);
        } catch (TimeoutException e) {
            request.abort(e);
            throw failed(e, uri);
        } catch (ExecutionException e) {
            throw failed(e.getCause() == null ? e : e.getCause(), uri);
        }
    }

    private static void verifyPeer(Request request, List<X509Certificate> trusted) {
        Connection connection = request.getConnection();
        EndPoint.SslSessionData ssl = connection == null ? null : connection.getSslSessionData();
        X509Certificate[] peer = ssl == null ? null : ssl.peerCertificates();
        if (peer == null || peer.length == 0 || !trusted.contains(peer[0])) {
            request.abort(new XRoadException(ErrorCode.SSL_AUTHENTICATION_FAILED, trusted.isEmpty()
                    ? "the provider has no information system certificates to verify the service's TLS certificate"
                    : "the service's TLS certificate is not one registered for the provider"));
        }
    }

    private static XRoadException failed(Throwable cause, URI uri) {
        XRoadException e = ProxyFaults.translate(cause);
        String where = uri.getScheme() + "://" + uri.getRawAuthority();
        return ProxyFaults.prefixed(new XRoadException(e.code(), "calling " + where + " failed: " + e.getMessage(), cause),
                ErrorCode.SERVICE_FAILED);
    }
}
