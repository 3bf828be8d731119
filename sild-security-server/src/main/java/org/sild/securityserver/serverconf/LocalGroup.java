package org.sild.securityserver.serverconf;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.sild.core.id.ClientId;

/**
 * A local group: clients that a hosted client (the owner) groups under a code to grant them access
 * rights together. Only the owner's access rights can name it.
 *
 * @param members sorted by their short form
 * @param updatedAt when the group or its members last changed
 */
public record LocalGroup(ClientId owner, String code, String description, Instant updatedAt, List<ClientId> members) {

    public LocalGroup {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(updatedAt, "updatedAt");
        members = List.copyOf(members);
    }
}
