package org.sild.securityserver.serverconf;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.globalconf.UpdateListener;
import org.sild.securityserver.globalconf.UpdateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the central server's decisions in the local configuration, as X-Road's security server
 * does after each global configuration download: a client whose registration is in progress becomes
 * {@code REGISTERED} once global configuration lists it on this server.
 *
 * <p>An {@link UpdateListener}: runs on the configuration client's thread after a new configuration
 * is in force. Thread-safe; never throws.
 */
public final class RegistrationStatuses implements UpdateListener {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationStatuses.class);

    private final ServerConfStore store;
    private final Supplier<Optional<GlobalConf>> latest;

    /** Follows {@code latest}, the configuration client's last verified configuration. */
    public RegistrationStatuses(ServerConfStore store, Supplier<Optional<GlobalConf>> latest) {
        this.store = store;
        this.latest = latest;
    }

    @Override
    public void updated(UpdateResult result) {
        if (!result.updated()) {
            return;
        }
        try {
            SecurityServerId self = store.identity().orElse(null);
            GlobalConf conf = latest.get().orElse(null);
            if (self == null || conf == null) {
                return;
            }
            Set<ClientId> listed = new HashSet<>();
            conf.instance(self.owner().instance()).ifPresent(index -> index.parameters().securityServers().stream()
                    .filter(s -> s.id().equals(self)).map(SecurityServer::clients).forEach(listed::addAll));
            for (LocalClient client : store.clients().list()) {
                if (client.status() == LocalClient.Status.REGISTRATION_IN_PROGRESS && listed.contains(client.id())) {
                    store.clients().setStatus(client.id(), LocalClient.Status.REGISTERED);
                }
            }
        } catch (RuntimeException e) {
            // The next download tries again; a failure here must not disturb the configuration client.
            LOG.warn("cannot update client registration statuses: {}", e.getMessage());
        }
    }
}
