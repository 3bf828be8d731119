package org.sild.core.id;

import java.util.List;

/**
 * A local group, defined on one security server for one service owner: {@code LOCALGROUP:group}.
 * Only the group code travels; it is resolved against the groups of the service's owner.
 */
public record LocalGroupId(String groupCode) implements XRoadId {

    public LocalGroupId {
        Codes.check("groupCode", groupCode);
    }

    @Override
    public ObjectType objectType() {
        return ObjectType.LOCALGROUP;
    }

    @Override
    public List<String> codes() {
        return List.of(groupCode);
    }

    @Override
    public String toString() {
        return XRoadIds.toShortForm(this);
    }
}
