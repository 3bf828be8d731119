package org.sild.trustservices.ocsp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the OCSP responder fills and reuses responses. Immutable.
 *
 * @param nextUpdate how far after {@code thisUpdate} the {@code nextUpdate} field lies; none
 *        leaves the field out ("newer information is always available")
 * @param cacheTtl how long a signed response for one certificate is reused while its status is
 *        unchanged; zero signs every response afresh. Requests with a nonce are never cached.
 */
public record OcspSettings(Optional<Duration> nextUpdate, Duration cacheTtl) {

    public OcspSettings {
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        nextUpdate.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("OCSP nextUpdate interval must be positive, not " + d);
            }
        });
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("OCSP cache time must not be negative, not " + cacheTtl);
        }
    }

    /** The defaults: nextUpdate one hour after thisUpdate, no caching. */
    public static OcspSettings defaults() {
        return new OcspSettings(Optional.of(Duration.ofHours(1)), Duration.ZERO);
    }
}
