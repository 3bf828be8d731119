package org.sild.securityserver.proxy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.securityserver.metadata.ServiceCatalog;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.LocalService;
import org.sild.securityserver.serverconf.ServerConf;
import org.sild.securityserver.serverconf.ServiceDescription;

/** An in-memory local configuration that tests change as they go. Thread-safe. */
public final class FakeServerConf implements ServerConf {

    private final SecurityServerId identity;
    private final Map<ClientId, LocalClient> clients = new ConcurrentHashMap<>();
    private final List<LocalService> services = new CopyOnWriteArrayList<>();
    private final List<Grant> grants = new CopyOnWriteArrayList<>();
    private final Map<String, List<ClientId>> localGroups = new ConcurrentHashMap<>();
    private volatile Optional<String> maintenance = Optional.empty();

    private final List<Registered> endpoints = new CopyOnWriteArrayList<>();

    private record Grant(ClientId provider, AccessRight right) {
    }

    private record Registered(ClientId provider, Endpoint endpoint) {
    }

    public FakeServerConf(SecurityServerId identity) {
        this.identity = identity;
    }

    public FakeServerConf client(LocalClient client) {
        clients.put(client.id(), client);
        return this;
    }

    /** Adds {@code service}, replacing one with the same provider, code and version. */
    public FakeServerConf service(LocalService service) {
        services.removeIf(s -> s.id().equals(service.id()));
        services.add(service);
        return this;
    }

    public FakeServerConf removeService(ServiceId id) {
        services.removeIf(s -> s.id().equals(id));
        return this;
    }

    public FakeServerConf grant(ClientId provider, AccessRight right) {
        grants.add(new Grant(provider, right));
        return this;
    }

    /** Registers a REST endpoint of {@code provider}'s service (for the metaservices' lists). */
    public FakeServerConf endpoint(ClientId provider, Endpoint endpoint) {
        endpoints.add(new Registered(provider, endpoint));
        return this;
    }

    /** The metaservices' view: one description per service, of the service's type and at its URL. */
    public ServiceCatalog catalog() {
        return new ServiceCatalog() {
            @Override
            public List<ServiceDescription> descriptions(ClientId provider) {
                return services.stream().filter(s -> s.id().provider().equals(provider))
                        .map(s -> new ServiceDescription(UUID.nameUUIDFromBytes(s.id().toString().getBytes(
                                StandardCharsets.UTF_8)), provider, s.type(), s.url(), s.disabledNotice(), Instant.EPOCH,
                                List.of(s), endpoints(provider, s.id().serviceCode())))
                        .toList();
            }

            @Override
            public List<Endpoint> endpoints(ClientId provider, String serviceCode) {
                return endpoints.stream().filter(r -> r.provider().equals(provider)
                        && r.endpoint().serviceCode().equals(serviceCode)).map(Registered::endpoint).toList();
            }
        };
    }

    public FakeServerConf revokeAll() {
        grants.clear();
        return this;
    }

    public FakeServerConf localGroup(ClientId owner, String code, List<ClientId> members) {
        localGroups.put(owner + "/" + code, List.copyOf(members));
        return this;
    }

    public void maintenance(Optional<String> message) {
        maintenance = message;
    }

    @Override
    public SecurityServerId identity() {
        return identity;
    }

    @Override
    public Optional<LocalClient> client(ClientId id) {
        return Optional.ofNullable(clients.get(id));
    }

    @Override
    public Optional<LocalService> service(ServiceId id) {
        return services.stream().filter(s -> s.id().provider().equals(id.provider())
                && s.id().serviceCode().equals(id.serviceCode())
                && (id.serviceVersion().isEmpty() || id.serviceVersion().equals(s.id().serviceVersion())))
                .findFirst();
    }

    @Override
    public List<AccessRight> accessRights(ClientId provider, String serviceCode) {
        var list = new ArrayList<AccessRight>();
        grants.stream().filter(g -> g.provider().equals(provider) && g.right().serviceCode().equals(serviceCode))
                .forEach(g -> list.add(g.right()));
        return list;
    }

    @Override
    public Optional<List<ClientId>> localGroup(ClientId owner, String groupCode) {
        return Optional.ofNullable(localGroups.get(owner + "/" + groupCode));
    }

    @Override
    public Optional<String> maintenanceMessage() {
        return maintenance;
    }
}
