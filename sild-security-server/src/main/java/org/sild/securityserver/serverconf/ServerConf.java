package org.sild.securityserver.serverconf;

import java.util.List;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;

/**
 * The security server's local configuration as the proxies read it: who this server is, the
 * clients it hosts, their services and the access rights to them.
 *
 * <p>Thread-safe. Implementations read from the store (with caching) and see changes made
 * through the admin API without a restart.
 */
public interface ServerConf {

    /** This security server's identity (owner member and server code). */
    SecurityServerId identity();

    /** A client hosted here, whatever its status. */
    Optional<LocalClient> client(ClientId id);

    /**
     * A service of a client hosted here. Matched on provider and service code, and on version
     * when the request names one; access rights ignore the version.
     */
    Optional<LocalService> service(ServiceId id);

    /** The access rights granted on the services of {@code provider} with code {@code serviceCode}. */
    List<AccessRight> accessRights(ClientId provider, String serviceCode);

    /** The members of the local group {@code groupCode} of {@code owner}, if it has such a group. */
    Optional<List<ClientId>> localGroup(ClientId owner, String groupCode);

    /** Whether this server is in maintenance mode, with the message to give callers. */
    Optional<String> maintenanceMessage();
}
