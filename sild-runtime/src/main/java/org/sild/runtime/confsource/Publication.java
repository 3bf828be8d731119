package org.sild.runtime.confsource;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One generation of published configuration: the signed directories per version (internal and
 * external) and every part file by its URL path ({@code /V6/GENERATION/shared-params.xml}).
 *
 * <p>Immutable by convention: nothing writes into the arrays after construction.
 */
record Publication(String generation, Instant generatedAt, Instant expireDate, Map<Integer, byte[]> internal,
                   Map<Integer, byte[]> external, Map<String, byte[]> files) {

    Publication {
        Objects.requireNonNull(generation);
        Objects.requireNonNull(generatedAt);
        Objects.requireNonNull(expireDate);
        internal = Map.copyOf(internal);
        external = Map.copyOf(external);
        files = Map.copyOf(files);
    }
}
