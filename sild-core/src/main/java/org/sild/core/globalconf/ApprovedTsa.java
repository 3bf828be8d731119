package org.sild.core.globalconf;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/** A time-stamping authority approved for the instance: its RFC 3161 URL and signing certificate. Immutable. */
public record ApprovedTsa(String name, String url, X509Certificate cert, Optional<CostType> costType) {

    public ApprovedTsa {
        Objects.requireNonNull(name);
        Objects.requireNonNull(url);
        Objects.requireNonNull(cert);
        Objects.requireNonNull(costType);
    }
}
