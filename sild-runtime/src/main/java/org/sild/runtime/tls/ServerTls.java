package org.sild.runtime.tls;

import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * TLS settings of a server endpoint: the context (key and trust), whether client certificates are
 * requested, and the protocols and suites offered.
 *
 * <p>Immutable value; the {@link SSLContext} is shared, not copied.
 */
public record ServerTls(SSLContext context, ClientAuth clientAuth, TlsProfile profile) {

    public ServerTls {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(profile, "profile");
    }
}
