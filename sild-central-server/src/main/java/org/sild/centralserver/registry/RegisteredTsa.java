package org.sild.centralserver.registry;

import java.time.Instant;
import java.util.Objects;
import org.sild.core.globalconf.ApprovedTsa;

/** An approved time-stamping authority in the registry, with the id the registry gave it. Immutable. */
public record RegisteredTsa(long id, ApprovedTsa tsa, Instant createdAt) {

    public RegisteredTsa {
        Objects.requireNonNull(tsa);
        Objects.requireNonNull(createdAt);
    }
}
