package org.sild.centralserver.registry;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.globalconf.SecurityServer.MaintenanceMode;
import org.sild.core.id.SecurityServerId;

/**
 * A security server in the registry: its identifier (owner member and server code), the address
 * other servers connect to, its authentication certificates, its clients besides the owner, and
 * its maintenance mode. Immutable.
 */
public record RegisteredServer(SecurityServerId id, Optional<String> address, List<X509Certificate> authCerts,
                               List<ServerClient> clients, Optional<MaintenanceMode> maintenanceMode,
                               Instant registeredAt) {

    public RegisteredServer {
        Objects.requireNonNull(id);
        Objects.requireNonNull(address);
        authCerts = List.copyOf(authCerts);
        clients = List.copyOf(clients);
        Objects.requireNonNull(maintenanceMode);
        Objects.requireNonNull(registeredAt);
    }
}
