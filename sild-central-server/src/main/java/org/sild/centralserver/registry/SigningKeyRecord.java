package org.sild.centralserver.registry;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration signing key as the registry keeps it: its id, which configuration it signs, its
 * state and its certificate (the private key lives in a PKCS#12 file named by the id). Immutable.
 */
public record SigningKeyRecord(String keyId, Kind kind, State state, X509Certificate cert, Instant createdAt,
                               Optional<Instant> activatedAt) {

    /** Which configuration a key signs. */
    public enum Kind {
        /** The internal configuration, for this instance's security servers. */
        INTERNAL,
        /** The external configuration, for federated instances. */
        EXTERNAL
    }

    /** Where a key is in its rotation. */
    public enum State {
        /** Signs the configuration (one per kind). */
        ACTIVE,
        /**
         * Published as a verification certificate (internal keys: shared parameters' {@code source}
         * and the anchor) but not signing yet, so that security servers learn it before it signs.
         */
        ANNOUNCED,
        /** Retired: neither signs nor is published; can be deleted. */
        INACTIVE
    }

    public SigningKeyRecord {
        Objects.requireNonNull(keyId);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(state);
        Objects.requireNonNull(cert);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(activatedAt);
    }
}
