package org.sild.core.globalconf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;

/**
 * A registered security server: its identifier, the address other servers connect to, the hashes
 * of its authentication certificates, its registered clients and its maintenance mode.
 *
 * <p>Immutable. {@code authCertHashes} are base64 as published: SHA-1 in version 2 shared
 * parameters, SHA-256 from version 3 (see {@link SharedParameters#authCertHashAlgorithm()}).
 * {@code clients} lists the registered clients; the owner member is served implicitly.
 */
public record SecurityServer(SecurityServerId id, Optional<String> address, List<String> authCertHashes,
                             List<ClientId> clients, Optional<MaintenanceMode> maintenanceMode) {

    public SecurityServer {
        Objects.requireNonNull(id);
        Objects.requireNonNull(address);
        authCertHashes = List.copyOf(authCertHashes);
        clients = List.copyOf(clients);
        Objects.requireNonNull(maintenanceMode);
    }

    /** Whether the server is in maintenance mode (version 5 and later). */
    public boolean inMaintenanceMode() {
        return maintenanceMode.isPresent();
    }

    /** Maintenance mode with the optional message shown to consumers. Immutable. */
    public record MaintenanceMode(Optional<String> message) {

        public MaintenanceMode {
            Objects.requireNonNull(message);
        }
    }
}
