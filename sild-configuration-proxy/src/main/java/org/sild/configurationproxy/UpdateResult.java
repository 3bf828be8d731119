package org.sild.configurationproxy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

/**
 * The result of one download run of a proxy instance.
 *
 * @param instance   the proxy instance
 * @param at         when the run started
 * @param updated    whether a newly signed configuration is served now
 * @param versions   the configuration versions downloaded and re-signed in this run
 * @param expireDate the {@code Expire-date} of what was signed, when updated
 * @param problems   what failed, per version and location (also in partly successful runs)
 */
public record UpdateResult(String instance, Instant at, boolean updated, List<Integer> versions,
                           Optional<Instant> expireDate, List<Problem> problems) {

    /**
     * One failure: the configuration version it concerns (none for the anchor or the keys), where
     * (a URL or a file), the X-Road fault code and the message.
     */
    public record Problem(Optional<Integer> version, String where, FaultCode code, String message) {

        public Problem {
            Objects.requireNonNull(version);
            Objects.requireNonNull(where);
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
        }

        static Problem of(Optional<Integer> version, String where, XRoadException e) {
            return new Problem(version, where, e.code(), e.getMessage());
        }

        @Override
        public String toString() {
            return version.map(v -> "version " + v + " ").orElse("") + where + ": " + code + " " + message;
        }
    }

    public UpdateResult {
        Objects.requireNonNull(instance);
        Objects.requireNonNull(at);
        versions = List.copyOf(versions);
        Objects.requireNonNull(expireDate);
        problems = List.copyOf(problems);
    }

    static UpdateResult failed(String instance, Instant at, List<Problem> problems) {
        return new UpdateResult(instance, at, false, List.of(), Optional.empty(), problems);
    }
}
