package org.sild.securityserver.clientproxy;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.securityserver.serverconf.LocalClient;

/**
 * The check of how an information system connected to the client port, by its client's connection
 * type (digest 01 §2.9): {@code NOSSL} accepts anything, {@code SSLNOAUTH} requires HTTPS,
 * {@code SSLAUTH} requires HTTPS with a TLS certificate registered for the client (and, if so
 * configured, valid at the time).
 *
 * <p>Failures are {@code SslAuthenticationFailed} (bare). Stateless.
 */
final class IsAuthentication {

    private IsAuthentication() {
    }

    static void check(LocalClient client, boolean secure, List<X509Certificate> peer, boolean checkValidity,
            Instant now) {
        switch (client.connectionType()) {
            case NOSSL -> { }
            case SSLNOAUTH -> {
                if (!secure) {
                    throw failed("Client (" + client.id()
                            + ") specifies HTTPS NO AUTH but client made plaintext connection");
                }
            }
            case SSLAUTH -> {
                if (!secure) {
                    throw failed("Client (" + client.id() + ") specifies HTTPS but client made plaintext connection");
                }
                if (peer.isEmpty()) {
                    throw failed("Client (" + client.id() + ") specifies HTTPS but did not supply TLS certificate");
                }
                if (client.isCertificates().isEmpty()) {
                    throw failed("Client (" + client.id() + ") has no IS certificates");
                }
                X509Certificate cert = peer.get(0);
                if (!client.isCertificates().contains(cert)) {
                    throw failed("Client (" + client.id() + ") TLS certificate does not match any IS certificates");
                }
                if (checkValidity) {
                    try {
                        cert.checkValidity(Date.from(now));
                    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                        throw failed("Client (" + client.id() + ") TLS certificate is not valid at " + now);
                    }
                }
            }
            default -> throw failed("unknown connection type " + client.connectionType());
        }
    }

    private static XRoadException failed(String message) {
        return new XRoadException(ErrorCode.SSL_AUTHENTICATION_FAILED, message);
    }
}
