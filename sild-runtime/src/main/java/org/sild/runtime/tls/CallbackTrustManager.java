package org.sild.runtime.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that hands the peer's chain to a {@link PeerTrust} and fails the handshake when
 * it throws.
 *
 * <p>Extends {@link X509ExtendedTrustManager} so that JSSE adds no checks of its own (host names,
 * algorithm constraints on the chain): the callback is the whole decision. It advertises no
 * acceptable issuers, so a client presents its key whatever CA issued it.
 */
final class CallbackTrustManager extends X509ExtendedTrustManager {

    private final PeerTrust trust;

    CallbackTrustManager(PeerTrust trust) {
        this.trust = trust;
    }

    private void check(X509Certificate[] chain, TlsPeer.Role role, Optional<String> host, int port)
            throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer presented no certificate");
        }
        try {
            trust.verify(new TlsPeer(List.of(chain), role, host, port));
        } catch (RuntimeException e) {
            throw new CertificateException(e.getMessage(), e);
        }
    }

    private static Optional<String> host(SSLEngine engine) {
        return engine == null ? Optional.empty() : Optional.ofNullable(engine.getPeerHost());
    }

    private static int port(SSLEngine engine) {
        return engine == null ? -1 : engine.getPeerPort();
    }

    private static Optional<String> host(Socket socket) {
        return socket == null || socket.getInetAddress() == null
                ? Optional.empty() : Optional.of(socket.getInetAddress().getHostAddress());
    }

    private static int port(Socket socket) {
        return socket == null ? -1 : socket.getPort();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, TlsPeer.Role.CLIENT, Optional.empty(), -1);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, TlsPeer.Role.SERVER, Optional.empty(), -1);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, TlsPeer.Role.CLIENT, host(socket), port(socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, TlsPeer.Role.SERVER, host(socket), port(socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, TlsPeer.Role.CLIENT, host(engine), port(engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, TlsPeer.Role.SERVER, host(engine), port(engine));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
