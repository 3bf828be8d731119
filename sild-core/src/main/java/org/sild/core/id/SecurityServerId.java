package org.sild.core.id;

import java.util.List;
import java.util.Objects;

/** A security server, named by its owner member and server code: {@code SERVER:instance/class/code/server}. */
public record SecurityServerId(MemberId owner, String serverCode) implements XRoadId {

    public SecurityServerId {
        Objects.requireNonNull(owner, "owner");
        Codes.check("serverCode", serverCode);
    }

    @Override
    public ObjectType objectType() {
        return ObjectType.SERVER;
    }

    @Override
    public List<String> codes() {
        return List.of(owner.instance(), owner.memberClass(), owner.memberCode(), serverCode);
    }

    @Override
    public String toString() {
        return XRoadIds.toShortForm(this);
    }
}
