package org.sild.runtime.tls;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Decides during a TLS handshake whether the peer's certificate chain is acceptable.
 *
 * <p>Returning normally accepts the peer; throwing (an {@link XRoadException}, typically
 * {@code SslAuthenticationFailed}) aborts the handshake. Called on the connection's I/O thread for
 * every full handshake, concurrently for different connections, so implementations must be
 * thread-safe and quick (no network calls: verify OCSP and the like after the handshake).
 */
@FunctionalInterface
public interface PeerTrust {

    void verify(TlsPeer peer);

    /**
     * Accepts any chain. For X-Road consumers, which verify the provider's authentication
     * certificate against global configuration once the handshake is done ({@code digest/03} §2.3),
     * and for servers that check client certificates in their handlers.
     */
    static PeerTrust acceptAny() {
        return peer -> { };
    }

    /** Accepts a peer whose own certificate is exactly one of {@code certificates} (DER-equal). */
    static PeerTrust pinned(Collection<X509Certificate> certificates) {
        List<byte[]> pins = certificates.stream().map(PeerTrust::der).toList();
        return peer -> {
            byte[] presented = der(peer.certificate());
            if (pins.stream().noneMatch(p -> Arrays.equals(p, presented))) {
                throw new XRoadException(ErrorCode.SSL_AUTHENTICATION_FAILED, "certificate of "
                        + peer.certificate().getSubjectX500Principal().getName() + " is not one of the "
                        + pins.size() + " trusted certificates");
            }
        };
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE, "cannot encode certificate "
                    + certificate.getSubjectX500Principal().getName(), e);
        }
    }
}
