package org.sild.centralserver.registry;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sild.core.globalconf.GlobalGroup;
import org.sild.core.id.ClientId;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SubsystemId;

/**
 * The global groups of the {@link Registry}: groups of registered members and subsystems that
 * security servers grant access rights to. The group {@value #SECURITY_SERVER_OWNERS} exists from
 * the start, cannot be removed and is kept by the registry: approving an authentication
 * certificate registration or an owner change adds the owner, removing a member's last server
 * takes it out (as X-Road's central server does). Thread-safe.
 */
public final class GlobalGroups {

    /** The group of every member that owns a security server; management services grant access to it. */
    public static final String SECURITY_SERVER_OWNERS = "security-server-owners";

    private final Registry registry;

    GlobalGroups(Registry registry) {
        this.registry = registry;
    }

    /** Every group with its members, ordered by code. */
    public List<GlobalGroup> list() {
        return registry.read(tx -> load(tx, registry, Optional.empty()));
    }

    public Optional<GlobalGroup> get(String code) {
        return registry.read(tx -> load(tx, registry, Optional.of(code))).stream().findFirst();
    }

    public GlobalGroup add(String code, String description) {
        String c = Checks.code("code", code);
        String d = Checks.text("description", description, Checks.MAX_NAME);
        return registry.change(tx -> {
            if (tx.exists("SELECT 1 FROM global_group WHERE group_code = ?", c)) {
                throw RegistryException.conflict("code", "global group " + c + " exists already");
            }
            tx.update("INSERT INTO global_group (group_code, description) VALUES (?, ?)", c, d);
            tx.audit("global-group.add", target(c), "description", d);
            return new GlobalGroup(new GlobalGroupId(registry.instance(), c), d, List.of());
        });
    }

    public GlobalGroup changeDescription(String code, String description) {
        String d = Checks.text("description", description, Checks.MAX_NAME);
        return registry.change(tx -> {
            if (tx.update("UPDATE global_group SET description = ? WHERE group_code = ?", d, code) == 0) {
                throw RegistryException.notFound("code", "no global group " + code);
            }
            tx.audit("global-group.change", target(code), "description", d);
            return load(tx, registry, Optional.of(code)).getFirst();
        });
    }

    public void remove(String code) {
        if (code.equals(SECURITY_SERVER_OWNERS)) {
            throw RegistryException.conflict("code", "the global group " + SECURITY_SERVER_OWNERS
                    + " is kept by the central server and cannot be removed");
        }
        registry.change(tx -> {
            if (tx.update("DELETE FROM global_group WHERE group_code = ?", code) == 0) {
                throw RegistryException.notFound("code", "no global group " + code);
            }
            tx.audit("global-group.remove", target(code));
            return null;
        });
    }

    /** Adds registered member or subsystem {@code member} to group {@code code}. */
    public GlobalGroup addMember(String code, ClientId member) {
        return registry.change(tx -> {
            requireGroup(tx, code);
            if (!member.member().instance().equals(registry.instance()) || !Members.clientExists(tx, member)) {
                throw RegistryException.invalid("member", member + " is not a registered member or subsystem");
            }
            if (!join(tx, code, member)) {
                throw RegistryException.conflict("member", member + " is in global group " + code + " already");
            }
            return load(tx, registry, Optional.of(code)).getFirst();
        });
    }

    public GlobalGroup removeMember(String code, ClientId member) {
        return registry.change(tx -> {
            requireGroup(tx, code);
            if (!leave(tx, code, member)) {
                throw RegistryException.notFound("member", member + " is not in global group " + code);
            }
            return load(tx, registry, Optional.of(code)).getFirst();
        });
    }

    /** Adds {@code member} unless it is in the group; answers whether it was added. */
    static boolean join(Tx tx, String code, ClientId member) throws SQLException {
        String sub = SecurityServers.subsystem(member);
        if (tx.exists("SELECT 1 FROM global_group_member WHERE group_code = ? AND member_class = ? AND member_code = ?"
                + " AND subsystem_code = ?", code, member.member().memberClass(), member.member().memberCode(), sub)) {
            return false;
        }
        tx.update("INSERT INTO global_group_member (group_code, member_class, member_code, subsystem_code, added_at)"
                + " VALUES (?, ?, ?, ?, ?)", code, member.member().memberClass(), member.member().memberCode(), sub,
                tx.now());
        tx.audit("global-group.add-member", target(code), "member", member.toString());
        return true;
    }

    static boolean leave(Tx tx, String code, ClientId member) throws SQLException {
        int removed = tx.update("DELETE FROM global_group_member WHERE group_code = ? AND member_class = ?"
                + " AND member_code = ? AND subsystem_code = ?", code, member.member().memberClass(),
                member.member().memberCode(), SecurityServers.subsystem(member));
        if (removed > 0) {
            tx.audit("global-group.remove-member", target(code), "member", member.toString());
        }
        return removed > 0;
    }

    /** Takes {@code owner} out of the owners' group when it owns no security server any more. */
    static void leaveOwnersUnlessOwner(Tx tx, MemberId owner) throws SQLException {
        if (!tx.exists("SELECT 1 FROM security_server WHERE owner_class = ? AND owner_code = ?", owner.memberClass(),
                owner.memberCode())) {
            leave(tx, SECURITY_SERVER_OWNERS, owner);
        }
    }

    private static void requireGroup(Tx tx, String code) throws SQLException {
        if (!tx.exists("SELECT 1 FROM global_group WHERE group_code = ?", code)) {
            throw RegistryException.notFound("code", "no global group " + code);
        }
    }

    private static String target(String code) {
        return "GLOBALGROUP:" + code;
    }

    static List<GlobalGroup> load(Tx tx, Registry registry, Optional<String> only) throws SQLException {
        String where = only.isPresent() ? " WHERE group_code = ?" : "";
        Object[] params = only.map(c -> new Object[] {c}).orElse(new Object[0]);
        Map<String, List<ClientId>> members = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        tx.query("SELECT group_code, description FROM global_group" + where + " ORDER BY group_code", rs -> {
            members.put(rs.getString(1), new ArrayList<>());
            return descriptions.put(rs.getString(1), rs.getString(2));
        }, params);
        tx.query("SELECT group_code, member_class, member_code, subsystem_code FROM global_group_member" + where
                + " ORDER BY group_code, member_class, member_code, subsystem_code", rs -> {
                    MemberId m = registry.member(rs.getString(2), rs.getString(3));
                    String sub = rs.getString(4);
                    ClientId c = sub.isEmpty() ? m : new SubsystemId(m.instance(), m.memberClass(), m.memberCode(), sub);
                    List<ClientId> list = members.get(rs.getString(1));
                    return list != null && list.add(c);
                }, params);
        var out = new ArrayList<GlobalGroup>();
        descriptions.forEach((code, description) -> out.add(new GlobalGroup(new GlobalGroupId(registry.instance(), code),
                description, members.get(code))));
        return out;
    }
}
