package org.sild.core.id;

import java.util.List;
import java.util.Optional;

/** An X-Road member: {@code MEMBER:instance/class/code}. */
public record MemberId(String instance, String memberClass, String memberCode) implements ClientId {

    public MemberId {
        Codes.check("xRoadInstance", instance);
        Codes.check("memberClass", memberClass);
        Codes.check("memberCode", memberCode);
    }

    @Override
    public ObjectType objectType() {
        return ObjectType.MEMBER;
    }

    @Override
    public List<String> codes() {
        return List.of(instance, memberClass, memberCode);
    }

    @Override
    public MemberId member() {
        return this;
    }

    @Override
    public Optional<String> subsystemCode() {
        return Optional.empty();
    }

    /** The subsystem {@code code} of this member. */
    public SubsystemId subsystem(String code) {
        return new SubsystemId(instance, memberClass, memberCode, code);
    }

    @Override
    public String toString() {
        return XRoadIds.toShortForm(this);
    }
}
