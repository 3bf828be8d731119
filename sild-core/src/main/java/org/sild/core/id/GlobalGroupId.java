package org.sild.core.id;

import java.util.List;

/** A global group of an instance, published in shared parameters: {@code GLOBALGROUP:instance/group}. */
public record GlobalGroupId(String instance, String groupCode) implements XRoadId {

    public GlobalGroupId {
        Codes.check("xRoadInstance", instance);
        Codes.check("groupCode", groupCode);
    }

    @Override
    public ObjectType objectType() {
        return ObjectType.GLOBALGROUP;
    }

    @Override
    public List<String> codes() {
        return List.of(instance, groupCode);
    }

    @Override
    public String toString() {
        return XRoadIds.toShortForm(this);
    }
}
