package org.sild.trustservices.ca;

import java.time.Instant;
import java.util.Objects;

/** The revocation of a certificate: when and why. Immutable. */
public record Revocation(Instant time, RevocationReason reason) {

    public Revocation {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(reason, "reason");
    }
}
