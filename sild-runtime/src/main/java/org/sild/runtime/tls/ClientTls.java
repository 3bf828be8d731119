package org.sild.runtime.tls;

import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * TLS settings of an HTTP client: the context (key and trust), the protocols and suites offered,
 * and whether the server's host name is checked against its certificate.
 *
 * <p>Security servers talk to each other with {@code verifyHostname == false}: their identity comes
 * from global configuration (authentication certificate hashes), not from DNS. Host name checks
 * need a context built with {@link TlsContexts.Builder#trustAnchors} or the default trust; a
 * {@link PeerTrust} callback decides alone. Immutable value.
 */
public record ClientTls(SSLContext context, TlsProfile profile, boolean verifyHostname) {

    public ClientTls {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(profile, "profile");
    }

    /** X-Road security server to security server: {@link TlsProfile#X_ROAD}, no host name check. */
    public static ClientTls xRoad(SSLContext context) {
        return new ClientTls(context, TlsProfile.X_ROAD, false);
    }

    /** Calling an HTTPS service: {@link TlsProfile#CLIENT_FACING} with host name verification. */
    public static ClientTls verified(SSLContext context) {
        return new ClientTls(context, TlsProfile.CLIENT_FACING, true);
    }
}
