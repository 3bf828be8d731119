package org.sild.securityserver.serverconf;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.LocalGroupId;

/**
 * The local groups of hosted clients and their members. Obtained from {@link ServerConfStore#localGroups()};
 * thread-safe; each change is one transaction.
 */
public final class LocalGroups {

    private final ServerConfStore store;

    LocalGroups(ServerConfStore store) {
        this.store = store;
    }

    /** The owner's groups, sorted by code. */
    public List<LocalGroup> list(ClientId owner) {
        return store.snapshot().groups().getOrDefault(owner, List.of());
    }

    public Optional<LocalGroup> get(ClientId owner, String code) {
        return store.snapshot().group(owner, code);
    }

    /**
     * Adds an empty group.
     *
     * @throws LocalConfException {@code CONFLICT} when the owner has a group with this code
     */
    public LocalGroup add(ClientId owner, String code, String description) {
        Checks.identifier("code", () -> new LocalGroupId(code));
        Checks.text("description", description);
        store.change(c -> {
            Clients.requireClient(c, owner);
            if (exists(c, owner, code)) {
                throw LocalConfException.conflict("code", "client " + owner + " already has a local group " + code);
            }
            return Sql.update(c, "INSERT INTO conf_local_group (client_id, group_code, description, updated_at)"
                    + " VALUES (?, ?, ?, ?)", Checks.key(owner), code, description, Sql.time(store.clock().instant()));
        });
        return require(owner, code);
    }

    public LocalGroup setDescription(ClientId owner, String code, String description) {
        Checks.text("description", description);
        store.change(c -> {
            requireGroup(c, owner, code);
            return touch(c, owner, code, "description = ?, ", description);
        });
        return require(owner, code);
    }

    /** Deletes the group, its members and the access rights granted to it. */
    public void delete(ClientId owner, String code) {
        store.change(c -> {
            requireGroup(c, owner, code);
            Sql.update(c, "DELETE FROM conf_access_right WHERE client_id = ? AND subject_id = ?", Checks.key(owner),
                    Checks.key(new LocalGroupId(code)));
            Sql.update(c, "DELETE FROM conf_group_member WHERE client_id = ? AND group_code = ?", Checks.key(owner), code);
            return Sql.update(c, "DELETE FROM conf_local_group WHERE client_id = ? AND group_code = ?",
                    Checks.key(owner), code);
        });
    }

    /** Adds members; those already in the group stay as they are. */
    public LocalGroup addMembers(ClientId owner, String code, List<ClientId> members) {
        store.change(c -> {
            requireGroup(c, owner, code);
            for (ClientId m : members) {
                if (!Sql.exists(c, "SELECT 1 FROM conf_group_member WHERE client_id = ? AND group_code = ?"
                        + " AND member_id = ?", Checks.key(owner), code, Checks.key(m))) {
                    Sql.update(c, "INSERT INTO conf_group_member (client_id, group_code, member_id, added_at)"
                            + " VALUES (?, ?, ?, ?)", Checks.key(owner), code, Checks.key(m),
                            Sql.time(store.clock().instant()));
                }
            }
            return touch(c, owner, code, "", null);
        });
        return require(owner, code);
    }

    /**
     * Removes members.
     *
     * @throws LocalConfException {@code NOT_FOUND} when one of them is not a member (nothing is removed then)
     */
    public LocalGroup removeMembers(ClientId owner, String code, List<ClientId> members) {
        store.change(c -> {
            requireGroup(c, owner, code);
            for (ClientId m : members) {
                if (Sql.update(c, "DELETE FROM conf_group_member WHERE client_id = ? AND group_code = ? AND member_id = ?",
                        Checks.key(owner), code, Checks.key(m)) == 0) {
                    throw LocalConfException.notFound("members", m + " is not a member of local group " + code);
                }
            }
            return touch(c, owner, code, "", null);
        });
        return require(owner, code);
    }

    private int touch(Connection c, ClientId owner, String code, String set, String value) throws SQLException {
        Object[] params = value == null
                ? new Object[] {Sql.time(store.clock().instant()), Checks.key(owner), code}
                : new Object[] {value, Sql.time(store.clock().instant()), Checks.key(owner), code};
        return Sql.update(c, "UPDATE conf_local_group SET " + set + "updated_at = ? WHERE client_id = ? AND group_code = ?",
                params);
    }

    private static boolean exists(Connection c, ClientId owner, String code) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM conf_local_group WHERE client_id = ? AND group_code = ?", Checks.key(owner),
                code);
    }

    private static void requireGroup(Connection c, ClientId owner, String code) throws SQLException {
        Clients.requireClient(c, owner);
        if (!exists(c, owner, code)) {
            throw LocalConfException.notFound("code", "client " + owner + " has no local group " + code);
        }
    }

    private LocalGroup require(ClientId owner, String code) {
        return get(owner, code).orElseThrow(() -> LocalConfException.notFound("code", "client " + owner
                + " has no local group " + code));
    }
}
