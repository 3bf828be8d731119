package org.sild.securityserver.proxy;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * TLS contexts of the proxies, for runtime's {@code ServerTls} and {@code ClientTls} (which add
 * the protocols and cipher suites of a {@code TlsProfile}): a context from a key manager (such as
 * {@link AuthKeyManager}, which follows key renewals) and a trust manager, and a trust manager that
 * accepts any peer for checks made after the handshake. Stateless.
 */
public final class TlsSupport {

    private TlsSupport() {
    }

    /** A context presenting {@code keys} (none when empty) and trusting as {@code trust} decides. */
    public static SSLContext context(Optional<KeyManager> keys, TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.map(k -> new KeyManager[] {k}).orElse(null), new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot create a TLS context: " + e.getMessage(), e);
        }
    }

    /** A trust manager that accepts every peer with a certificate: the caller verifies it after the handshake. */
    public static X509ExtendedTrustManager acceptAnyPeer() {
        return new AcceptAnyPeer();
    }

    private static final class AcceptAnyPeer extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String type, Socket socket) throws CertificateException {
            require(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String type, Socket socket) throws CertificateException {
            require(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String type, SSLEngine engine)
                throws CertificateException {
            require(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String type, SSLEngine engine)
                throws CertificateException {
            require(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String type) throws CertificateException {
            require(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String type) throws CertificateException {
            require(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        private static void require(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the peer presented no certificate");
            }
        }
    }
}
