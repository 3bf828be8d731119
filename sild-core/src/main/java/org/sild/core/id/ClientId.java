package org.sild.core.id;

import java.util.Optional;

/** A service client or provider: a member or one of its subsystems. */
public sealed interface ClientId extends XRoadId permits MemberId, SubsystemId {

    String instance();

    String memberClass();

    String memberCode();

    /** The member itself, or the member that owns this subsystem. */
    MemberId member();

    /** The subsystem code, when this is a subsystem. */
    Optional<String> subsystemCode();

    /** Whether this and {@code other} are or belong to the same member (how signatures are matched). */
    default boolean sameMember(ClientId other) {
        return member().equals(other.member());
    }
}
