package org.sild.securityserver.proxy;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS contexts of the proxies: X-Road's security-server-to-security-server profile (TLS 1.2 with
 * X-Road's CBC cipher suites, mutual authentication, no host name checks: identity comes from
 * global configuration) and a trust manager that accepts any peer for checks made after the
 * handshake. Stateless.
 */
public final class TlsSupport {

    /** X-Road's cipher suites between security servers, in preference order (digest 03 §2). */
    public static final String[] XROAD_CIPHER_SUITES = {
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"};

    private TlsSupport() {
    }

    /** The server side of the X-Road profile: client certificates required and checked by {@code trust}. */
    public static SslContextFactory.Server xroadServer(KeyManager keys, TrustManager trust) {
        var factory = new SslContextFactory.Server();
        factory.setSslContext(context(keys, trust));
        xroadProfile(factory);
        factory.setNeedClientAuth(true);
        return factory;
    }

    /** The client side of the X-Road profile, presenting {@code keys} and checking the server with {@code trust}. */
    public static SslContextFactory.Client xroadClient(KeyManager keys, TrustManager trust) {
        var factory = new SslContextFactory.Client();
        factory.setSslContext(context(keys, trust));
        xroadProfile(factory);
        factory.setEndpointIdentificationAlgorithm(null);
        return factory;
    }

    /** A trust manager that accepts every peer with a certificate: the caller verifies it after the handshake. */
    public static X509ExtendedTrustManager acceptAnyPeer() {
        return new AcceptAnyPeer();
    }

    private static void xroadProfile(SslContextFactory factory) {
        factory.setIncludeProtocols("TLSv1.2");
        factory.setIncludeCipherSuites(XROAD_CIPHER_SUITES);
        // The JDK may have pruned these CBC suites from its defaults; X-Road requires them.
        factory.setExcludeCipherSuites();
        factory.setSessionCachingEnabled(true);
    }

    private static SSLContext context(KeyManager keys, TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.2");
            context.init(new KeyManager[] {keys}, new TrustManager[] {trust}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS 1.2 is not available: " + e.getMessage(), e);
        }
    }

    private static final class AcceptAnyPeer extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) throws CertificateException {
            require(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) throws CertificateException {
            require(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            require(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            require(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            require(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
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
