package org.sild.securityserver.globalconf;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

/**
 * What one run of the configuration client did: whether a new configuration is in force, where the
 * own instance's configuration came from, until when it is valid, and every problem met on the way
 * (failed locations, failed federated instances).
 *
 * <p>Immutable. A {@link Status#FAILED} run changed nothing: the previous configuration stays in
 * force until it expires.
 */
public record UpdateResult(Instant at, Status status, Optional<URI> location, Optional<Integer> version,
                           Optional<Instant> expireDate, List<Problem> problems) {

    /** The outcome of a run. */
    public enum Status {
        /** A verified configuration was stored and is now in force (federated instances may have failed). */
        UPDATED,
        /** No configuration of the own instance could be downloaded and verified; nothing changed. */
        FAILED
    }

    /** A location or federated instance that failed, with the X-Road fault code and message. Immutable. */
    public record Problem(String where, FaultCode code, String message) {

        public Problem {
            Objects.requireNonNull(where);
            Objects.requireNonNull(code);
            Objects.requireNonNull(message);
        }

        static Problem of(String where, XRoadException e) {
            return new Problem(where, e.code(), e.getMessage());
        }
    }

    public UpdateResult {
        Objects.requireNonNull(at);
        Objects.requireNonNull(status);
        Objects.requireNonNull(location);
        Objects.requireNonNull(version);
        Objects.requireNonNull(expireDate);
        problems = List.copyOf(problems);
    }

    static UpdateResult failed(Instant at, List<Problem> problems) {
        return new UpdateResult(at, Status.FAILED, Optional.empty(), Optional.empty(), Optional.empty(), problems);
    }

    /** Whether a new configuration is in force after this run. */
    public boolean updated() {
        return status == Status.UPDATED;
    }
}
