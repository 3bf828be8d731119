package org.sild.runtime.http;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/**
 * The TLS session a request travelled over: the peer's certificate chain and what was negotiated.
 *
 * <p>On the server side, handlers of an {@link HttpServer} with TLS call {@link #of(Request)}: the
 * chain is the client's certificate chain (empty when the client sent none, possible with
 * {@code ClientAuth.WANT}). On the client side, {@link #of(org.eclipse.jetty.client.Request)} gives
 * the server's chain once the request has been sent over a connection, which is how an X-Road
 * consumer verifies the provider's authentication certificate after the handshake. Immutable.
 *
 * @param peerCertificates the peer's chain, its own certificate first; empty when none was presented
 * @param protocol         the negotiated protocol, for example {@code TLSv1.2}
 * @param cipherSuite      the negotiated suite, for example {@code TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384}
 */
public record TlsSession(List<X509Certificate> peerCertificates, String protocol, String cipherSuite) {

    public TlsSession {
        peerCertificates = List.copyOf(peerCertificates);
    }

    /** The session of a request received by an {@link HttpServer}; empty for plain HTTP. */
    public static Optional<TlsSession> of(Request request) {
        return from(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE));
    }

    /**
     * The session of a request sent with a Jetty client from {@link HttpClients}, once it has a
     * connection (from the response's begin event on); empty for plain HTTP or before that.
     */
    public static Optional<TlsSession> of(org.eclipse.jetty.client.Request request) {
        Connection connection = request.getConnection();
        return connection == null ? Optional.empty() : from(connection.getSslSessionData());
    }

    private static Optional<TlsSession> from(Object attribute) {
        if (!(attribute instanceof EndPoint.SslSessionData data) || data.sslSession() == null) {
            return Optional.empty();
        }
        X509Certificate[] chain = data.peerCertificates();
        return Optional.of(new TlsSession(chain == null ? List.of() : List.of(chain),
                data.sslSession().getProtocol(), data.cipherSuite()));
    }
}
