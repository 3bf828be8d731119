package org.sild.runtime.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The other side of a TLS handshake as a {@link PeerTrust} sees it.
 *
 * @param chain  the certificate chain the peer presented, its own certificate first; never empty
 * @param role   whether the peer is the TLS client or the TLS server
 * @param host   the peer's host as the connection knows it, if known
 * @param port   the peer's port, or -1 when unknown
 */
public record TlsPeer(List<X509Certificate> chain, Role role, Optional<String> host, int port) {

    public TlsPeer {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS peer presents at least one certificate");
        }
    }

    /** The peer's own (leaf) certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Which end of the connection the peer is. */
    public enum Role {
        /** The peer connected to us; we are the server checking its client certificate. */
        CLIENT,
        /** We connected to the peer; we are the client checking its server certificate. */
        SERVER
    }
}
