package org.sild.core.id;

import java.util.List;

/**
 * A central service of an instance: {@code CENTRALSERVICE:instance/service}. X-Road removed central
 * services in 7.3; the type remains so old messages and shared parameters can still be read.
 */
public record CentralServiceId(String instance, String serviceCode) implements XRoadId {

    public CentralServiceId {
        Codes.check("xRoadInstance", instance);
        Codes.check("serviceCode", serviceCode);
    }

    @Override
    public ObjectType objectType() {
        return ObjectType.CENTRALSERVICE;
    }

    @Override
    public List<String> codes() {
        return List.of(instance, serviceCode);
    }

    @Override
    public String toString() {
        return XRoadIds.toShortForm(this);
    }
}
