package org.sild.securityserver.envmonitor;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate of the server reported in the {@code Certificates} set, with its role and whether
 * it is in use. Immutable.
 */
public record MonitoredCertificate(X509Certificate certificate, Type type, boolean active) {

    /** The roles X-Road names in {@code certificateType}. */
    public enum Type {
        /** A certificate of the signer token: the authentication or a member's signing certificate. */
        AUTH_OR_SIGN,
        /** A TLS certificate of a client's information system (local configuration). */
        INTERNAL_IS_CLIENT_TLS,
        /** The server's own internal TLS certificate (the client proxy's HTTPS port). */
        SECURITY_SERVER_TLS
    }

    public MonitoredCertificate {
        Objects.requireNonNull(certificate);
        Objects.requireNonNull(type);
    }
}
