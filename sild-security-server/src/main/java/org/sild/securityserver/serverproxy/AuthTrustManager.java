package org.sild.securityserver.serverproxy;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.sild.core.fault.XRoadException;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.globalconf.GlobalConfProvider;

/**
 * The TLS trust of the server port (digest 03 §2.2 step 1): a client is accepted in the handshake
 * only if its certificate's hash is listed for some security server in global configuration. The
 * full check — chain, OCSP and whether that server hosts the message's client — follows when the
 * message header has arrived.
 *
 * <p>Thread-safe.
 */
final class AuthTrustManager extends X509ExtendedTrustManager {

    private final GlobalConfProvider globalConf;
    private final Clock clock;

    AuthTrustManager(GlobalConfProvider globalConf, Clock clock) {
        this.globalConf = globalConf;
        this.clock = clock;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the server port does not connect out");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the server port does not connect out");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the server port does not connect out");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the client presented no certificate");
        }
        GlobalConf conf;
        try {
            conf = globalConf.current(clock.instant());
        } catch (XRoadException e) {
            throw new CertificateException("no valid global configuration: " + e.getMessage(), e);
        }
        boolean registered = conf.instances().stream()
                .anyMatch(index -> index.securityServerByAuthCert(chain[0]).isPresent());
        if (!registered) {
            throw new CertificateException("certificate '" + chain[0].getSubjectX500Principal().getName()
                    + "' is not the authentication certificate of a security server in global configuration");
        }
    }
}
