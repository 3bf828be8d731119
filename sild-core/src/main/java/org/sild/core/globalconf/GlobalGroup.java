package org.sild.core.globalconf;

import java.util.List;
import java.util.Objects;
import org.sild.core.id.ClientId;
import org.sild.core.id.GlobalGroupId;

/** A global group of access-rights subjects (members and subsystems) defined by the central server. Immutable. */
public record GlobalGroup(GlobalGroupId id, String description, List<ClientId> members) {

    public GlobalGroup {
        Objects.requireNonNull(id);
        Objects.requireNonNull(description);
        members = List.copyOf(members);
    }
}
