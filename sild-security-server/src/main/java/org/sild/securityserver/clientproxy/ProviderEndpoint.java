package org.sild.securityserver.clientproxy;

import java.util.Objects;
import org.sild.core.id.SecurityServerId;

/**
 * A provider security server as the client proxy reaches it: the host and message port from its
 * global configuration address, and its OCSP download port.
 *
 * @param server the security server's identifier
 */
record ProviderEndpoint(SecurityServerId server, String host, int port, int ocspPort) {

    ProviderEndpoint {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(host, "host");
    }

    /** {@code host:port}, for logs and cache keys. */
    String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return server + "@" + address();
    }
}
