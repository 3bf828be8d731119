package org.sild.centralserver.registry;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sild.core.globalconf.SecurityServer.MaintenanceMode;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;
import org.sild.core.pki.CertHashes;

/**
 * The security servers in the {@link Registry}. Servers come and change through
 * {@linkplain ManagementRequests management requests} (an approved authentication certificate
 * registration creates one); the administrator can list them and delete one. Thread-safe.
 */
public final class SecurityServers {

    private final Registry registry;

    SecurityServers(Registry registry) {
        this.registry = registry;
    }

    /** Every security server, ordered by owner and server code. */
    public List<RegisteredServer> list() {
        return registry.read(tx -> load(tx, registry, Optional.empty()));
    }

    public Optional<RegisteredServer> get(SecurityServerId id) {
        if (!id.owner().instance().equals(registry.instance())) {
            return Optional.empty();
        }
        return registry.read(tx -> load(tx, registry, Optional.of(id))).stream().findFirst();
    }

    /**
     * Deletes security server {@code id} with its authentication certificates and client
     * registrations; its owner leaves the {@value GlobalGroups#SECURITY_SERVER_OWNERS} group when it
     * owns no other server.
     */
    public void remove(SecurityServerId id) {
        registry.change(tx -> {
            long row = require(tx, registry, id, "id");
            tx.update("DELETE FROM security_server WHERE id = ?", row);
            GlobalGroups.leaveOwnersUnlessOwner(tx, id.owner());
            tx.audit("security-server.remove", id.toString());
            return null;
        });
    }

    static Optional<Long> row(Tx tx, SecurityServerId id) throws SQLException {
        return tx.first("SELECT id FROM security_server WHERE owner_class = ? AND owner_code = ? AND server_code = ?",
                rs -> rs.getLong(1), id.owner().memberClass(), id.owner().memberCode(), id.serverCode());
    }

    static long require(Tx tx, Registry registry, SecurityServerId id, String field) throws SQLException {
        Optional<Long> row = id.owner().instance().equals(registry.instance()) ? row(tx, id) : Optional.empty();
        return row.orElseThrow(() -> RegistryException.notFound(field, "no security server " + id));
    }

    static long create(Tx tx, SecurityServerId id, Optional<String> address) throws SQLException {
        long row = tx.insert("INSERT INTO security_server (owner_class, owner_code, server_code, address, maintenance,"
                + " created_at) VALUES (?, ?, ?, ?, FALSE, ?)", id.owner().memberClass(), id.owner().memberCode(),
                id.serverCode(), address, tx.now());
        tx.audit("security-server.add", id.toString(), "address", address);
        return row;
    }

    /** The row of the server an authentication certificate is registered to. */
    static Optional<Long> authCertServer(Tx tx, X509Certificate cert) throws SQLException {
        return tx.first("SELECT server_id FROM auth_cert WHERE sha256 = ?", rs -> rs.getLong(1),
                CertHashes.sha256Hex(cert));
    }

    static void addAuthCert(Tx tx, long server, SecurityServerId id, X509Certificate cert) throws SQLException {
        tx.update("INSERT INTO auth_cert (sha256, sha1, server_id, certificate, registered_at) VALUES (?, ?, ?, ?, ?)",
                CertHashes.sha256Hex(cert), CertHashes.sha1Hex(cert), server, Checks.der(cert), tx.now());
        tx.audit("auth-cert.add", id.toString(), "sha256", CertHashes.sha256Hex(cert),
                "subject", cert.getSubjectX500Principal().getName());
    }

    static void removeAuthCert(Tx tx, SecurityServerId id, X509Certificate cert) throws SQLException {
        tx.update("DELETE FROM auth_cert WHERE sha256 = ?", CertHashes.sha256Hex(cert));
        tx.audit("auth-cert.remove", id.toString(), "sha256", CertHashes.sha256Hex(cert));
    }

    static Optional<Boolean> clientEnabled(Tx tx, long server, ClientId client) throws SQLException {
        return tx.first("SELECT enabled FROM server_client WHERE server_id = ? AND member_class = ? AND member_code = ?"
                + " AND subsystem_code = ?", rs -> rs.getBoolean(1), server, client.member().memberClass(),
                client.member().memberCode(), subsystem(client));
    }

    static void addClient(Tx tx, long server, SecurityServerId id, ClientId client) throws SQLException {
        tx.update("INSERT INTO server_client (server_id, member_class, member_code, subsystem_code, enabled,"
                + " registered_at) VALUES (?, ?, ?, ?, TRUE, ?)", server, client.member().memberClass(),
                client.member().memberCode(), subsystem(client), tx.now());
        tx.audit("server-client.add", id.toString(), "client", client.toString());
    }

    static void removeClient(Tx tx, long server, SecurityServerId id, ClientId client) throws SQLException {
        tx.update("DELETE FROM server_client WHERE server_id = ? AND member_class = ? AND member_code = ?"
                + " AND subsystem_code = ?", server, client.member().memberClass(), client.member().memberCode(),
                subsystem(client));
        tx.audit("server-client.remove", id.toString(), "client", client.toString());
    }

    static void setClientEnabled(Tx tx, long server, SecurityServerId id, ClientId client, boolean enabled)
            throws SQLException {
        tx.update("UPDATE server_client SET enabled = ? WHERE server_id = ? AND member_class = ? AND member_code = ?"
                + " AND subsystem_code = ?", enabled, server, client.member().memberClass(),
                client.member().memberCode(), subsystem(client));
        tx.audit(enabled ? "server-client.enable" : "server-client.disable", id.toString(), "client",
                client.toString());
    }

    static void setAddress(Tx tx, long server, SecurityServerId id, String address) throws SQLException {
        tx.update("UPDATE security_server SET address = ? WHERE id = ?", address, server);
        tx.audit("security-server.address", id.toString(), "address", address);
    }

    static void setMaintenance(Tx tx, long server, SecurityServerId id, Optional<MaintenanceMode> mode)
            throws SQLException {
        tx.update("UPDATE security_server SET maintenance = ?, maintenance_message = ? WHERE id = ?",
                mode.isPresent(), mode.flatMap(MaintenanceMode::message), server);
        tx.audit(mode.isPresent() ? "security-server.maintenance-on" : "security-server.maintenance-off",
                id.toString(), "message", mode.flatMap(MaintenanceMode::message));
    }

    static void setOwner(Tx tx, long server, SecurityServerId id, MemberId newOwner) throws SQLException {
        tx.update("UPDATE security_server SET owner_class = ?, owner_code = ? WHERE id = ?", newOwner.memberClass(),
                newOwner.memberCode(), server);
        tx.audit("security-server.owner", id.toString(), "newOwner", newOwner.toString());
    }

    static String subsystem(ClientId client) {
        return client.subsystemCode().orElse("");
    }

    /** Servers with certificates and clients: all, or the one given. */
    static List<RegisteredServer> load(Tx tx, Registry registry, Optional<SecurityServerId> only) throws SQLException {
        String where = only.isPresent() ? " WHERE s.owner_class = ? AND s.owner_code = ? AND s.server_code = ?" : "";
        Object[] params = only.map(id -> new Object[] {id.owner().memberClass(), id.owner().memberCode(),
            id.serverCode()}).orElse(new Object[0]);
        Map<Long, List<X509Certificate>> certs = new HashMap<>();
        tx.query("SELECT a.server_id, a.certificate FROM auth_cert a JOIN security_server s ON s.id = a.server_id"
                + where + " ORDER BY a.registered_at, a.sha256", rs -> certs.computeIfAbsent(rs.getLong(1),
                        k -> new ArrayList<>()).add(Checks.certificate("authCert", rs.getBytes(2))), params);
        Map<Long, List<ServerClient>> clients = new HashMap<>();
        tx.query("SELECT c.server_id, c.member_class, c.member_code, c.subsystem_code, c.enabled FROM server_client c"
                + " JOIN security_server s ON s.id = c.server_id" + where
                + " ORDER BY c.member_class, c.member_code, c.subsystem_code", rs -> {
                    MemberId member = registry.member(rs.getString(2), rs.getString(3));
                    String sub = rs.getString(4);
                    ClientId client = sub.isEmpty() ? member : new SubsystemId(member.instance(), member.memberClass(),
                            member.memberCode(), sub);
                    return clients.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new ServerClient(client, rs.getBoolean(5)));
                }, params);
        return tx.query("SELECT s.id, s.owner_class, s.owner_code, s.server_code, s.address, s.maintenance,"
                + " s.maintenance_message, s.created_at FROM security_server s" + where
                + " ORDER BY s.owner_class, s.owner_code, s.server_code", rs -> {
                    long row = rs.getLong(1);
                    var id = new SecurityServerId(registry.member(rs.getString(2), rs.getString(3)), rs.getString(4));
                    Optional<MaintenanceMode> maintenance = rs.getBoolean(6)
                            ? Optional.of(new MaintenanceMode(Optional.ofNullable(rs.getString(7))))
                            : Optional.empty();
                    return new RegisteredServer(id, Optional.ofNullable(rs.getString(5)),
                            certs.getOrDefault(row, List.of()), clients.getOrDefault(row, List.of()), maintenance,
                            Tx.instant(rs, "created_at"));
                }, params);
    }
}
