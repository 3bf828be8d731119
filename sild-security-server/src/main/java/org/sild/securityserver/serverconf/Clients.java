package org.sild.securityserver.serverconf;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.pki.CertHashes;
import org.sild.core.pki.Certificates;
import org.sild.securityserver.serverconf.LocalClient.ConnectionType;
import org.sild.securityserver.serverconf.LocalClient.Status;

/**
 * The clients (members and subsystems) hosted on this security server, with their registration
 * status, IS connection type and the TLS certificates of their information systems. Obtained from
 * {@link ServerConfStore#clients()}; thread-safe; each change is one transaction.
 */
public final class Clients {

    private final ServerConfStore store;

    Clients(ServerConfStore store) {
        this.store = store;
    }

    /** Every hosted client, sorted by identifier. */
    public List<LocalClient> list() {
        return List.copyOf(store.snapshot().clients().values());
    }

    public Optional<LocalClient> get(ClientId id) {
        return Optional.ofNullable(store.snapshot().clients().get(id));
    }

    /**
     * Adds a client.
     *
     * @throws LocalConfException {@code CONFLICT} when it is hosted already
     */
    public LocalClient add(ClientId id, Status status, ConnectionType connectionType) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(connectionType, "connectionType");
        store.change(c -> {
            if (Sql.exists(c, "SELECT 1 FROM conf_client WHERE client_id = ?", Checks.key(id))) {
                throw LocalConfException.conflict("id", "client " + id + " already exists");
            }
            return Sql.update(c, "INSERT INTO conf_client (client_id, status, connection_type) VALUES (?, ?, ?)",
                    Checks.key(id), status.name(), connectionType.name());
        });
        return require(id);
    }

    public LocalClient setStatus(ClientId id, Status status) {
        return set(id, "status", status.name());
    }

    public LocalClient setConnectionType(ClientId id, ConnectionType connectionType) {
        return set(id, "connection_type", connectionType.name());
    }

    private LocalClient set(ClientId id, String column, String value) {
        store.change(c -> {
            requireClient(c, id);
            return Sql.update(c, "UPDATE conf_client SET " + column + " = ? WHERE client_id = ?", value, Checks.key(id));
        });
        return require(id);
    }

    /**
     * Registers a TLS certificate of one of the client's information systems (for {@code SSLAUTH},
     * and for verifying the provider information system's certificate).
     *
     * @throws LocalConfException {@code CONFLICT} when it is registered already
     */
    public LocalClient addIsCertificate(ClientId id, X509Certificate certificate) {
        String hash = CertHashes.sha256Hex(certificate);
        byte[] der = Certificates.encoded(certificate);
        store.change(c -> {
            requireClient(c, id);
            if (Sql.exists(c, "SELECT 1 FROM conf_is_certificate WHERE client_id = ? AND sha256 = ?",
                    Checks.key(id), hash)) {
                throw LocalConfException.conflict("certificate", "certificate " + hash + " is already registered for "
                        + id);
            }
            return Sql.update(c, "INSERT INTO conf_is_certificate (client_id, sha256, certificate) VALUES (?, ?, ?)",
                    Checks.key(id), hash, der);
        });
        return require(id);
    }

    /**
     * Removes the IS certificate whose SHA-256 hash (hex) is {@code sha256Hex}.
     *
     * @throws LocalConfException {@code NOT_FOUND} when the client has no such certificate
     */
    public LocalClient removeIsCertificate(ClientId id, String sha256Hex) {
        String hash = sha256Hex.strip().toLowerCase(Locale.ROOT);
        store.change(c -> {
            requireClient(c, id);
            if (Sql.update(c, "DELETE FROM conf_is_certificate WHERE client_id = ? AND sha256 = ?",
                    Checks.key(id), hash) == 0) {
                throw LocalConfException.notFound("hash", "client " + id + " has no certificate " + sha256Hex);
            }
            return null;
        });
        return require(id);
    }

    private LocalClient require(ClientId id) {
        return get(id).orElseThrow(() -> LocalConfException.notFound("client", "client " + id + " is not hosted here"));
    }

    /** Refuses with {@code NOT_FOUND} unless {@code id} is hosted here (inside a change). */
    static void requireClient(Connection c, ClientId id) throws SQLException {
        if (!Sql.exists(c, "SELECT 1 FROM conf_client WHERE client_id = ?", Checks.key(id))) {
            throw LocalConfException.notFound("client", "client " + id + " is not hosted here");
        }
    }
}
