package org.sild.securityserver.metadata;

import java.util.List;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.serverconf.ServiceDescription;

/**
 * The services of the clients hosted here, as the metaservices list them. Implementations must be
 * thread-safe and see configuration changes without a restart.
 */
public interface ServiceCatalog {

    /** Every service description of {@code provider} with its services. */
    List<ServiceDescription> descriptions(ClientId provider);

    /** The explicit REST endpoints of {@code provider}'s service {@code serviceCode} (not the whole-service one). */
    List<Endpoint> endpoints(ClientId provider, String serviceCode);

    /** The description the service belongs to: exact version when {@code id} has one, else the first with the code. */
    default Optional<ServiceDescription> descriptionOf(ServiceId id) {
        return descriptions(id.provider()).stream()
                .filter(d -> d.services().stream().anyMatch(s -> s.id().serviceCode().equals(id.serviceCode())
                        && (id.serviceVersion().isEmpty() || s.id().serviceVersion().equals(id.serviceVersion()))))
                .findFirst();
    }

    /** The catalogue of the security server's stored configuration. */
    static ServiceCatalog of(ServerConfStore store) {
        return new ServiceCatalog() {
            @Override
            public List<ServiceDescription> descriptions(ClientId provider) {
                return store.serviceDescriptions().list(provider);
            }

            @Override
            public List<Endpoint> endpoints(ClientId provider, String serviceCode) {
                return store.endpoints().list(provider, serviceCode);
            }
        };
    }
}
