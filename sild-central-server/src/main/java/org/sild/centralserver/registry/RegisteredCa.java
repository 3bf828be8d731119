package org.sild.centralserver.registry;

import java.time.Instant;
import java.util.Objects;
import org.sild.core.globalconf.ApprovedCa;

/** An approved certification authority in the registry, with the id the registry gave it. Immutable. */
public record RegisteredCa(long id, ApprovedCa ca, Instant createdAt) {

    public RegisteredCa {
        Objects.requireNonNull(ca);
        Objects.requireNonNull(createdAt);
    }
}
