package org.sild.securityserver.serverconf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.securityserver.serverconf.LocalConf.ServiceKey;

/**
 * The proxies' view of the local configuration in the store. Every call answers from the store's
 * cached copy (a map lookup); the copy is reloaded after changes, see {@link ServerConfStore}.
 * Thread-safe; holds no resources of its own.
 */
public final class StoreServerConf implements ServerConf {

    private final ServerConfStore store;

    public StoreServerConf(ServerConfStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * {@inheritDoc}
     *
     * @throws XRoadException {@code MalformedServerConf} while the identity has not been set
     */
    @Override
    public SecurityServerId identity() {
        return store.snapshot().identity().orElseThrow(() -> new XRoadException(ErrorCode.MALFORMED_SERVER_CONF,
                "The security server's identity (owner member and server code) is not configured"));
    }

    @Override
    public Optional<LocalClient> client(ClientId id) {
        return Optional.ofNullable(store.snapshot().clients().get(id));
    }

    /**
     * {@inheritDoc} Without a version in {@code id}, the unversioned service is preferred, else the
     * lowest version in string order.
     */
    @Override
    public Optional<LocalService> service(ServiceId id) {
        return store.snapshot().service(id);
    }

    @Override
    public List<AccessRight> accessRights(ClientId provider, String serviceCode) {
        return store.snapshot().rightsByService().getOrDefault(new ServiceKey(provider, serviceCode), List.of());
    }

    @Override
    public Optional<List<ClientId>> localGroup(ClientId owner, String groupCode) {
        return store.snapshot().group(owner, groupCode).map(LocalGroup::members);
    }

    @Override
    public Optional<String> maintenanceMessage() {
        return store.snapshot().maintenance();
    }
}
