package org.sild.centralserver.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Which audit entries to list: optionally only one actor's or one action's, newest first, a page
 * of at most {@link #MAX_LIMIT}. Immutable; change one with the {@code with...} methods.
 */
public record AuditQuery(Optional<String> actor, Optional<String> action, int limit, int offset) {

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;
    /** The page size of {@link #latest()}. */
    public static final int DEFAULT_LIMIT = 100;

    public AuditQuery {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(action);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, not " + offset);
        }
    }

    /** The newest {@value #DEFAULT_LIMIT} entries. */
    public static AuditQuery latest() {
        return new AuditQuery(Optional.empty(), Optional.empty(), DEFAULT_LIMIT, 0);
    }

    public AuditQuery withActor(String value) {
        return new AuditQuery(Optional.of(value), action, limit, offset);
    }

    public AuditQuery withAction(String value) {
        return new AuditQuery(actor, Optional.of(value), limit, offset);
    }

    public AuditQuery withPage(int newLimit, int newOffset) {
        return new AuditQuery(actor, action, newLimit, newOffset);
    }
}
