package org.sild.core.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A validated certificate path: the end-entity certificate first, then each issuer up to (not
 * including) the trust anchor, and the trust anchor (an approved CA certificate). Immutable.
 */
public record CertChain(List<X509Certificate> certificates, X509Certificate trustAnchor) {

    public CertChain {
        certificates = List.copyOf(certificates);
        Objects.requireNonNull(trustAnchor, "trustAnchor");
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs an end-entity certificate");
        }
    }

    /** The certificate the chain was built for. */
    public X509Certificate endEntity() {
        return certificates.get(0);
    }

    /** The issuer of {@code certificates().get(index)}: the next certificate, or the trust anchor for the last one. */
    public X509Certificate issuerOf(int index) {
        return index + 1 < certificates.size() ? certificates.get(index + 1) : trustAnchor;
    }

    /** The whole chain including the trust anchor, end entity first (the order TLS sends it in). */
    public List<X509Certificate> withTrustAnchor() {
        var all = new ArrayList<X509Certificate>(certificates);
        all.add(trustAnchor);
        return List.copyOf(all);
    }
}
