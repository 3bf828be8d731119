package org.sild.centralserver.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.management.ManagementRequest;

/**
 * A management request as recorded: its id (the {@code requestId} the response carries), the
 * request, its state, where it came from, when it was submitted and decided and by whom, and for a
 * revoked one the id of the deletion that revoked it. Immutable.
 */
public record RecordedRequest(long id, ManagementRequest request, RequestState state, String origin,
                              Instant submittedAt, Optional<Instant> decidedAt, Optional<String> decidedBy,
                              Optional<Long> revokedBy) {

    public RecordedRequest {
        Objects.requireNonNull(request);
        Objects.requireNonNull(state);
        Objects.requireNonNull(origin);
        Objects.requireNonNull(submittedAt);
        Objects.requireNonNull(decidedAt);
        Objects.requireNonNull(decidedBy);
        Objects.requireNonNull(revokedBy);
    }
}
