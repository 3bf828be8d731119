package org.sild.centralserver.registry;

import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.SecurityServerId;
import org.sild.core.management.ManagementRequestType;

/**
 * Which management requests to list: optionally of one state, type or security server; newest
 * first, a page of at most {@link #MAX_LIMIT}. Immutable; change one with the {@code with...} methods.
 */
public record RequestFilter(Optional<RequestState> state, Optional<ManagementRequestType> type,
                            Optional<SecurityServerId> server, int limit, int offset) {

    public static final int MAX_LIMIT = 1000;

    public RequestFilter {
        Objects.requireNonNull(state);
        Objects.requireNonNull(type);
        Objects.requireNonNull(server);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, not " + offset);
        }
    }

    /** The newest 100 requests of any kind. */
    public static RequestFilter all() {
        return new RequestFilter(Optional.empty(), Optional.empty(), Optional.empty(), 100, 0);
    }

    public RequestFilter withState(RequestState value) {
        return new RequestFilter(Optional.of(value), type, server, limit, offset);
    }

    public RequestFilter withType(ManagementRequestType value) {
        return new RequestFilter(state, Optional.of(value), server, limit, offset);
    }

    public RequestFilter withServer(SecurityServerId value) {
        return new RequestFilter(state, type, Optional.of(value), limit, offset);
    }

    public RequestFilter withPage(int newLimit, int newOffset) {
        return new RequestFilter(state, type, server, newLimit, newOffset);
    }
}
