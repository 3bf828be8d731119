package org.sild.core.id;

import java.util.List;
import java.util.Optional;

/** A subsystem of a member: {@code SUBSYSTEM:instance/class/code/subsystem}. */
public record SubsystemId(String instance, String memberClass, String memberCode, String subsystem)
        implements ClientId {

    public SubsystemId {
        Codes.check("xRoadInstance", instance);
        Codes.check("memberClass", memberClass);
        Codes.check("memberCode", memberCode);
        Codes.check("subsystemCode", subsystem);
    }

    @Override
    public ObjectType objectType() {
        return ObjectType.SUBSYSTEM;
    }

    @Override
    public List<String> codes() {
        return List.of(instance, memberClass, memberCode, subsystem);
    }

    @Override
    public MemberId member() {
        return new MemberId(instance, memberClass, memberCode);
    }

    @Override
    public Optional<String> subsystemCode() {
        return Optional.of(subsystem);
    }

    @Override
    public String toString() {
        return XRoadIds.toShortForm(this);
    }
}
