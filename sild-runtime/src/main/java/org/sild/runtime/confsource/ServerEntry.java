package org.sild.runtime.confsource;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;

/**
 * A registered security server as the configuration source publishes it: identifier (owner
 * member and server code), the address other servers connect to, its authentication
 * certificates (published as hashes: SHA-256 from version 3, SHA-1 in version 2), its clients
 * besides the owner, and its maintenance mode.
 *
 * <p>Immutable.
 */
public record ServerEntry(SecurityServerId id, Optional<String> address, List<X509Certificate> authCerts,
                          List<ClientId> clients, Optional<SecurityServer.MaintenanceMode> maintenanceMode) {

    public ServerEntry {
        Objects.requireNonNull(id);
        Objects.requireNonNull(address);
        authCerts = List.copyOf(authCerts);
        clients = List.copyOf(clients);
        Objects.requireNonNull(maintenanceMode);
    }

    /** A server at {@code address} with one authentication certificate, serving {@code clients}. */
    public static ServerEntry of(SecurityServerId id, String address, X509Certificate authCert, ClientId... clients) {
        return new ServerEntry(id, Optional.of(address), List.of(authCert), List.of(clients), Optional.empty());
    }

    /** This server with {@code client} registered as well. */
    public ServerEntry withClient(ClientId client) {
        var all = new ArrayList<>(clients);
        if (!all.contains(client)) {
            all.add(client);
        }
        return new ServerEntry(id, address, authCerts, all, maintenanceMode);
    }

    /** This server with another authentication certificate registered. */
    public ServerEntry withAuthCert(X509Certificate cert) {
        var all = new ArrayList<>(authCerts);
        if (!all.contains(cert)) {
            all.add(cert);
        }
        return new ServerEntry(id, address, all, clients, maintenanceMode);
    }

    /** This server in maintenance mode with an optional message, or out of it. */
    public ServerEntry withMaintenanceMode(Optional<SecurityServer.MaintenanceMode> mode) {
        return new ServerEntry(id, address, authCerts, clients, mode);
    }
}
