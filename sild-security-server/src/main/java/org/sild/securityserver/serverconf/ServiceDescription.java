package org.sild.securityserver.serverconf;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.sild.core.id.ClientId;
import org.sild.securityserver.serverconf.LocalService.ServiceType;

/**
 * A service description of a hosted client: a WSDL, a REST base URL or an OpenAPI 3 document, and the
 * services registered from it. Disabling a description disables all its services.
 *
 * @param id random, stable across nodes
 * @param disabledNotice present when disabled: the notice callers get
 * @param refreshedAt when its services were last registered or refreshed
 * @param services its services, sorted by code and version
 * @param endpoints the REST endpoints of its services' codes, without the implicit whole-service ones
 */
public record ServiceDescription(UUID id, ClientId client, ServiceType type, URI url, Optional<String> disabledNotice,
        Instant refreshedAt, List<LocalService> services, List<Endpoint> endpoints) {

    public ServiceDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(disabledNotice, "disabledNotice");
        Objects.requireNonNull(refreshedAt, "refreshedAt");
        services = List.copyOf(services);
        endpoints = List.copyOf(endpoints);
    }

    public boolean isDisabled() {
        return disabledNotice.isPresent();
    }
}
