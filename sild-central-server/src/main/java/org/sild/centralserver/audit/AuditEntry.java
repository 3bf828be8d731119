package org.sild.centralserver.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audit log entry. Immutable.
 *
 * @param actor   who made the change: an admin API key's name, {@code management-service} or {@code system}
 * @param action  what was done, as {@code object.verb}, for example {@code member.add}
 * @param target  the object changed, for example {@code MEMBER:DEV/GOV/70000001}
 * @param details the change's details as a JSON object
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String details) {

    public AuditEntry {
        Objects.requireNonNull(at);
        Objects.requireNonNull(actor);
        Objects.requireNonNull(action);
        Objects.requireNonNull(target);
        Objects.requireNonNull(details);
    }
}
