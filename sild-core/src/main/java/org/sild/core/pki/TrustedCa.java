package org.sild.core.pki;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * An approved CA certificate (top or intermediate CA of shared parameters {@code approvedCA}) with
 * the OCSP responder certificates listed for it ({@code ocsp/cert}). Immutable.
 */
public record TrustedCa(X509Certificate certificate, List<X509Certificate> ocspResponders) {

    public TrustedCa {
        Objects.requireNonNull(certificate, "certificate");
        ocspResponders = List.copyOf(ocspResponders);
    }

    /** A CA with the given listed responders (none: only the CA itself and its OCSPSigning delegates answer). */
    public static TrustedCa of(X509Certificate certificate, X509Certificate... ocspResponders) {
        return new TrustedCa(certificate, List.of(ocspResponders));
    }
}
