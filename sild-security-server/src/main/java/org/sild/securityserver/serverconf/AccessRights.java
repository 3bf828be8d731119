package org.sild.securityserver.serverconf;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.sild.core.id.ClientId;
import org.sild.core.id.LocalGroupId;

/**
 * The access rights on hosted clients' services. Obtained from {@link ServerConfStore#accessRights()};
 * thread-safe; each change is one transaction.
 */
public final class AccessRights {

    /**
     * Service codes this server answers itself for a client without any service description (the
     * Data Tracker's {@code findUsage}): they may be granted on the whole service.
     */
    public static final Set<String> BUILT_IN_SERVICE_CODES = Set.of("findUsage");

    private final ServerConfStore store;

    AccessRights(ServerConfStore store) {
        this.store = store;
    }

    /** The rights granted on the owner's services, sorted by service code, subject, method, path. */
    public List<AccessRight> list(ClientId owner) {
        return store.snapshot().rights().getOrDefault(owner, List.of());
    }

    public List<AccessRight> list(ClientId owner, String serviceCode) {
        return list(owner).stream().filter(r -> r.serviceCode().equals(serviceCode)).toList();
    }

    /**
     * Grants {@code right} on a service of {@code owner}: on the whole service ({@code * **}) or on one
     * of its registered endpoints; a built-in service ({@link #BUILT_IN_SERVICE_CODES}) on the whole
     * service even when no description has it. A local group subject must be a group of the owner.
     *
     * @return false when exactly this right was granted already
     * @throws LocalConfException {@code NOT_FOUND} for an unknown client, service code, endpoint or local group
     */
    public boolean grant(ClientId owner, AccessRight right) {
        AccessRight r = normalised(right);
        return store.change(c -> {
            Clients.requireClient(c, owner);
            boolean builtIn = BUILT_IN_SERVICE_CODES.contains(r.serviceCode()) && r.method().equals("*")
                    && r.pathGlob().equals("**");
            if (!builtIn && !Sql.exists(c, "SELECT 1 FROM conf_service WHERE client_id = ? AND service_code = ?",
                    Checks.key(owner), r.serviceCode())) {
                throw LocalConfException.notFound("serviceCode", "client " + owner + " has no service "
                        + r.serviceCode());
            }
            var endpoint = new Endpoint(r.serviceCode(), r.method(), r.pathGlob());
            if (!endpoint.isWholeService() && !Endpoints.exists(c, owner, endpoint)) {
                throw LocalConfException.notFound("path", "service " + r.serviceCode() + " of " + owner
                        + " has no endpoint " + r.method() + " " + r.pathGlob());
            }
            if (r.subject() instanceof LocalGroupId g && !Sql.exists(c,
                    "SELECT 1 FROM conf_local_group WHERE client_id = ? AND group_code = ?", Checks.key(owner),
                    g.groupCode())) {
                throw LocalConfException.notFound("subject", "client " + owner + " has no local group "
                        + g.groupCode());
            }
            if (exists(c, owner, r)) {
                return false;
            }
            Sql.update(c, "INSERT INTO conf_access_right (client_id, subject_id, service_code, method, path, granted_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", Checks.key(owner), Checks.key(r.subject()), r.serviceCode(),
                    r.method(), r.pathGlob(), Sql.time(store.clock().instant()));
            return true;
        });
    }

    /**
     * Revokes exactly {@code right}.
     *
     * @throws LocalConfException {@code NOT_FOUND} when it was not granted
     */
    public void revoke(ClientId owner, AccessRight right) {
        AccessRight r = normalised(right);
        store.change(c -> {
            Clients.requireClient(c, owner);
            if (Sql.update(c, "DELETE FROM conf_access_right WHERE client_id = ? AND subject_id = ? AND service_code = ?"
                    + " AND method = ? AND path = ?", Checks.key(owner), Checks.key(r.subject()), r.serviceCode(),
                    r.method(), r.pathGlob()) == 0) {
                throw LocalConfException.notFound("subject", r.subject() + " has no access right " + r.method() + " "
                        + r.pathGlob() + " on " + r.serviceCode() + " of " + owner);
            }
            return null;
        });
    }

    private static boolean exists(Connection c, ClientId owner, AccessRight r) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM conf_access_right WHERE client_id = ? AND subject_id = ? AND service_code = ?"
                + " AND method = ? AND path = ?", Checks.key(owner), Checks.key(r.subject()), r.serviceCode(),
                r.method(), r.pathGlob());
    }

    private static AccessRight normalised(AccessRight r) {
        return new AccessRight(r.subject(), r.serviceCode(), Checks.method(r.method()), Checks.pathGlob(r.pathGlob()));
    }
}
