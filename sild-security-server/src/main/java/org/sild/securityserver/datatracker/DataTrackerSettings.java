package org.sild.securityserver.datatracker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.sild.core.id.ClientId;
import org.sild.core.id.XRoadIds;

/**
 * Settings of personal data usage recording, the YAML section {@code data-tracker:}. Immutable.
 *
 * @param keepRecordsForDays usage records are deleted this many days after their exchange (365)
 * @param maxBodyBytes       a body read for a subject is read up to this size; a larger one yields
 *                           no subject (and is counted) (1 MiB)
 * @param cleanInterval      how often old records are deleted (1 h)
 * @param representationClients clients trusted to check representation themselves (as eesti.ee's
 *                           {@code datatracker} subsystem does), in path form: they may ask
 *                           {@code findUsage} for a {@code userCode} other than their
 *                           {@code X-Road-UserId} (none)
 */
public record DataTrackerSettings(int keepRecordsForDays, int maxBodyBytes, Duration cleanInterval,
                                  List<String> representationClients) {

    public DataTrackerSettings {
        if (keepRecordsForDays < 1) {
            throw new IllegalArgumentException("keep-records-for-days must be positive");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max-body-bytes must be positive");
        }
        Objects.requireNonNull(cleanInterval, "clean-interval");
        if (cleanInterval.isNegative() || cleanInterval.isZero()) {
            throw new IllegalArgumentException("clean-interval must be positive");
        }
        representationClients = List.copyOf(representationClients);
        for (String client : representationClients) {
            try {
                XRoadIds.parseClientPath(client);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("representation-clients: '" + client
                        + "' is not a client identifier (INSTANCE/CLASS/MEMBER[/SUBSYSTEM])", e);
            }
        }
    }

    /** 365 days, 1 MiB, hourly cleaning, no representation clients. */
    public static DataTrackerSettings defaults() {
        return new DataTrackerSettings(365, 1024 * 1024, Duration.ofHours(1), List.of());
    }

    /** These settings trusting {@code clients} with representation. */
    public DataTrackerSettings withRepresentationClients(List<ClientId> clients) {
        return new DataTrackerSettings(keepRecordsForDays, maxBodyBytes, cleanInterval,
                clients.stream().map(XRoadIds::toPath).toList());
    }

    /** The representation clients as identifiers. */
    public Set<ClientId> representatives() {
        return representationClients.stream().map(XRoadIds::parseClientPath).collect(Collectors.toUnmodifiableSet());
    }

    /** How long records are kept. */
    public Duration keepRecordsFor() {
        return Duration.ofDays(keepRecordsForDays);
    }
}
