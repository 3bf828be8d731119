package org.sild.core.id;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service of a member or subsystem: {@code SERVICE:instance/class/code[/subsystem]/service[/version]}.
 *
 * <p>Access rights ignore the version; {@link #withoutVersion()} gives the key they use.
 */
public record ServiceId(ClientId provider, String serviceCode, Optional<String> serviceVersion)
        implements XRoadId {

    public ServiceId {
        Objects.requireNonNull(provider, "provider");
        Codes.check("serviceCode", serviceCode);
        Objects.requireNonNull(serviceVersion, "serviceVersion");
        serviceVersion.ifPresent(v -> Codes.check("serviceVersion", v));
    }

    /** A service without version. */
    public ServiceId(ClientId provider, String serviceCode) {
        this(provider, serviceCode, Optional.empty());
    }

    /** A service with a version. */
    public ServiceId(ClientId provider, String serviceCode, String serviceVersion) {
        this(provider, serviceCode, Optional.of(serviceVersion));
    }

    @Override
    public ObjectType objectType() {
        return ObjectType.SERVICE;
    }

    @Override
    public List<String> codes() {
        var codes = new ArrayList<>(provider.codes());
        codes.add(serviceCode);
        serviceVersion.ifPresent(codes::add);
        return List.copyOf(codes);
    }

    /** The same service without its version. */
    public ServiceId withoutVersion() {
        return serviceVersion.isEmpty() ? this : new ServiceId(provider, serviceCode);
    }

    @Override
    public String toString() {
        return XRoadIds.toShortForm(this);
    }
}
