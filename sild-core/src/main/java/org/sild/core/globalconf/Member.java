package org.sild.core.globalconf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.MemberId;
import org.sild.core.id.SubsystemId;

/** A registered member with its name, the description of its class and its subsystems. Immutable. */
public record Member(MemberId id, String memberClassDescription, String name, List<Subsystem> subsystems) {

    public Member {
        Objects.requireNonNull(id);
        Objects.requireNonNull(memberClassDescription);
        Objects.requireNonNull(name);
        subsystems = List.copyOf(subsystems);
        for (Subsystem s : subsystems) {
            if (!s.id().member().equals(id)) {
                throw new IllegalArgumentException("subsystem " + s.id() + " does not belong to member " + id);
            }
        }
    }

    /** The subsystem {@code code}, if registered. */
    public Optional<Subsystem> subsystem(String code) {
        return subsystems.stream().filter(s -> s.id().subsystem().equals(code)).findFirst();
    }

    /** A subsystem, named from version 5 on. Immutable. */
    public record Subsystem(SubsystemId id, Optional<String> name) {

        public Subsystem {
            Objects.requireNonNull(id);
            Objects.requireNonNull(name);
        }
    }
}
