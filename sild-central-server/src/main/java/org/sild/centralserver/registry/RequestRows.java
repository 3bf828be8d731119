package org.sild.centralserver.registry;

import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.management.ManagementRequest.AddressChange;
import org.sild.core.management.ManagementRequest.AuthCertDeletion;
import org.sild.core.management.ManagementRequest.AuthCertReg;
import org.sild.core.management.ManagementRequest.ClientDeletion;
import org.sild.core.management.ManagementRequest.ClientDisable;
import org.sild.core.management.ManagementRequest.ClientEnable;
import org.sild.core.management.ManagementRequest.ClientReg;
import org.sild.core.management.ManagementRequest.ClientRename;
import org.sild.core.management.ManagementRequest.MaintenanceModeDisable;
import org.sild.core.management.ManagementRequest.MaintenanceModeEnable;
import org.sild.core.management.ManagementRequest.OwnerChange;
import org.sild.core.management.ManagementRequest;
import org.sild.core.management.ManagementRequestType;
import org.sild.core.pki.CertHashes;

/** The {@code management_request} rows: one column set for every request type, unused ones null. */
final class RequestRows {

    private static final String COLUMNS = "id, request_type, state, owner_class, owner_code, server_code, client_class,"
            + " client_code, client_subsystem, address, auth_cert, text_value, origin, submitted_at, decided_at,"
            + " decided_by, revoked_by";

    private RequestRows() {
    }

    static long insert(Tx tx, ManagementRequest r, String origin) throws SQLException {
        SecurityServerId s = r.server();
        Optional<ClientId> client = switch (r) {
            case ClientReg c -> Optional.of(c.client());
            case ClientDeletion c -> Optional.of(c.client());
            case ClientEnable c -> Optional.of(c.client());
            case ClientDisable c -> Optional.of(c.client());
            case ClientRename c -> Optional.of(c.client());
            case OwnerChange o -> Optional.of(o.client());
            default -> Optional.empty();
        };
        Optional<String> address = switch (r) {
            case AuthCertReg a -> a.address();
            case AddressChange a -> Optional.of(a.address());
            default -> Optional.empty();
        };
        Optional<byte[]> cert = switch (r) {
            case AuthCertReg a -> Optional.of(Checks.der(a.authCert()));
            case AuthCertDeletion a -> Optional.of(Checks.der(a.authCert()));
            default -> Optional.empty();
        };
        Optional<String> text = switch (r) {
            case ClientReg c -> c.subsystemName();
            case ClientRename c -> Optional.of(c.subsystemName());
            case MaintenanceModeEnable m -> m.message();
            default -> Optional.empty();
        };
        return tx.insert("INSERT INTO management_request (request_type, state, owner_class, owner_code, server_code,"
                + " client_class, client_code, client_subsystem, address, auth_cert, auth_cert_sha256, text_value,"
                + " origin, submitted_at) VALUES (?, 'SUBMITTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.type().name(), s.owner().memberClass(), s.owner().memberCode(), s.serverCode(),
                client.map(c -> c.member().memberClass()), client.map(c -> c.member().memberCode()),
                client.flatMap(ClientId::subsystemCode), address, cert,
                cert.map(b -> CertHashes.sha256Hex(Checks.certificate("authCert", b))), text, origin, tx.now());
    }

    static void decide(Tx tx, long id, RequestState state, String by) throws SQLException {
        tx.update("UPDATE management_request SET state = ?, decided_at = ?, decided_by = ? WHERE id = ?",
                state.name(), tx.now(), by, id);
    }

    /** Revokes the submitted requests {@code ids} because deletion {@code by} removed their object. */
    static void revoke(Tx tx, List<Long> ids, long by) throws SQLException {
        for (long id : ids) {
            tx.update("UPDATE management_request SET state = 'REVOKED', decided_at = ?, decided_by = ?, revoked_by = ?"
                    + " WHERE id = ?", tx.now(), Registry.MANAGEMENT_SERVICE, by, id);
            tx.audit("management-request.revoke", "REQUEST:" + id, "revokedBy", by);
        }
    }

    /** The submitted requests of {@code type} for {@code server} about {@code client} (or any client when empty). */
    static List<Long> pending(Tx tx, ManagementRequestType type, SecurityServerId server, Optional<ClientId> client)
            throws SQLException {
        String sql = "SELECT id FROM management_request WHERE state = 'SUBMITTED' AND request_type = ? AND owner_class = ?"
                + " AND owner_code = ? AND server_code = ?";
        var params = new ArrayList<Object>(List.of(type.name(), server.owner().memberClass(),
                server.owner().memberCode(), server.serverCode()));
        if (client.isPresent()) {
            sql += " AND client_class = ? AND client_code = ? AND COALESCE(client_subsystem, '') = ?";
            params.add(client.get().member().memberClass());
            params.add(client.get().member().memberCode());
            params.add(client.get().subsystemCode().orElse(""));
        }
        return tx.query(sql + " ORDER BY id", rs -> rs.getLong(1), params.toArray());
    }

    /** The submitted authentication certificate registrations of the certificate with SHA-256 {@code sha256}. */
    static List<RecordedRequest> pendingCertificate(Tx tx, Registry registry, String sha256) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM management_request WHERE state = 'SUBMITTED'"
                + " AND request_type = 'AUTH_CERT_REG' AND auth_cert_sha256 = ? ORDER BY id",
                rs -> read(rs, registry), sha256);
    }

    static Optional<RecordedRequest> get(Tx tx, Registry registry, long id) throws SQLException {
        return tx.first("SELECT " + COLUMNS + " FROM management_request WHERE id = ?", rs -> read(rs, registry), id);
    }

    static List<RecordedRequest> list(Tx tx, Registry registry, RequestFilter filter) throws SQLException {
        var sql = new StringBuilder("SELECT " + COLUMNS + " FROM management_request WHERE 1 = 1");
        var params = new ArrayList<Object>();
        filter.state().ifPresent(s -> {
            sql.append(" AND state = ?");
            params.add(s.name());
        });
        filter.type().ifPresent(t -> {
            sql.append(" AND request_type = ?");
            params.add(t.name());
        });
        filter.server().ifPresent(s -> {
            sql.append(" AND owner_class = ? AND owner_code = ? AND server_code = ?");
            params.add(s.owner().memberClass());
            params.add(s.owner().memberCode());
            params.add(s.serverCode());
        });
        sql.append(" ORDER BY id DESC LIMIT ").append(filter.limit()).append(" OFFSET ").append(filter.offset());
        return tx.query(sql.toString(), rs -> read(rs, registry), params.toArray());
    }

    private static RecordedRequest read(ResultSet rs, Registry registry) throws SQLException {
        var server = new SecurityServerId(registry.member(rs.getString("owner_class"), rs.getString("owner_code")),
                rs.getString("server_code"));
        String clientClass = rs.getString("client_class");
        String subsystem = rs.getString("client_subsystem");
        Optional<ClientId> client = Optional.empty();
        if (clientClass != null) {
            MemberId m = registry.member(clientClass, rs.getString("client_code"));
            client = Optional.of(subsystem == null ? m : m.subsystem(subsystem));
        }
        String address = rs.getString("address");
        byte[] der = rs.getBytes("auth_cert");
        X509Certificate cert = der == null ? null : Checks.certificate("authCert", der);
        Optional<String> text = Optional.ofNullable(rs.getString("text_value"));
        ManagementRequestType type = ManagementRequestType.valueOf(rs.getString("request_type"));
        ManagementRequest request = switch (type) {
            case AUTH_CERT_REG -> new AuthCertReg(server, Optional.of(address), cert, Optional.empty());
            case CLIENT_REG -> new ClientReg(server, client.orElseThrow(), text);
            case CLIENT_DELETION -> new ClientDeletion(server, client.orElseThrow());
            case AUTH_CERT_DELETION -> new AuthCertDeletion(server, cert);
            case OWNER_CHANGE -> new OwnerChange(server, client.orElseThrow().member());
            case ADDRESS_CHANGE -> new AddressChange(server, address);
            case CLIENT_ENABLE -> new ClientEnable(server, client.orElseThrow());
            case CLIENT_DISABLE -> new ClientDisable(server, client.orElseThrow());
            case CLIENT_RENAME -> new ClientRename(server, client.orElseThrow(), text.orElseThrow());
            case MAINTENANCE_MODE_ENABLE -> new MaintenanceModeEnable(server, text);
            case MAINTENANCE_MODE_DISABLE -> new MaintenanceModeDisable(server);
        };
        long revokedBy = rs.getLong("revoked_by");
        Optional<Long> revoked = rs.wasNull() ? Optional.empty() : Optional.of(revokedBy);
        return new RecordedRequest(rs.getLong("id"), request, RequestState.valueOf(rs.getString("state")),
                rs.getString("origin"), Tx.instant(rs, "submitted_at"), Tx.optionalInstant(rs, "decided_at"),
                Optional.ofNullable(rs.getString("decided_by")), revoked);
    }
}
