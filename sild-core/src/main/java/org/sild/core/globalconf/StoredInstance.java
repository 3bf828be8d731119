package org.sild.core.globalconf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored configuration of one instance: its parsed private and shared parameters and optional
 * parts (each present only if stored), and every part file with its metadata.
 *
 * <p>Immutable. Federated instances normally have shared parameters only.
 */
public record StoredInstance(
        String instanceIdentifier,
        Optional<PrivateParameters> privateParameters,
        Optional<SharedParameters> sharedParameters,
        Optional<MonitoringParameters> monitoring,
        Optional<OcspFetchInterval> fetchInterval,
        Optional<OcspNextUpdate> nextUpdate,
        List<StoredPart> parts) {

    public StoredInstance {
        Objects.requireNonNull(instanceIdentifier);
        Objects.requireNonNull(privateParameters);
        Objects.requireNonNull(sharedParameters);
        Objects.requireNonNull(monitoring);
        Objects.requireNonNull(fetchInterval);
        Objects.requireNonNull(nextUpdate);
        parts = List.copyOf(parts);
    }

    /** The stored part with content identifier {@code id}, if any. */
    public Optional<StoredPart> part(String id) {
        return parts.stream().filter(p -> p.contentIdentifier().filter(id::equals).isPresent()).findFirst();
    }
}
