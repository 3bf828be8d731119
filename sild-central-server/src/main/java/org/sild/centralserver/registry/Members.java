package org.sild.centralserver.registry;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sild.core.globalconf.Member;
import org.sild.core.globalconf.MemberClass;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SubsystemId;

/**
 * Member classes, members (with names) and their subsystems (optionally named) in the
 * {@link Registry}. Codes given here must keep to X-Road's strict identifier characters.
 *
 * <p>A member that owns a security server, or whose subsystem provides the management services,
 * cannot be removed; removing another member also removes its subsystems, its registrations as a
 * security server client and its global group memberships (as X-Road does). A subsystem
 * registered on a security server cannot be removed. Thread-safe.
 */
public final class Members {

    private final Registry registry;

    Members(Registry registry) {
        this.registry = registry;
    }

    public List<MemberClass> memberClasses() {
        return registry.read(tx -> tx.query("SELECT code, description FROM member_class ORDER BY code",
                rs -> new MemberClass(rs.getString(1), rs.getString(2))));
    }

    /** Declares member class {@code code}, e.g. {@code GOV} "Governmental organisations". */
    public MemberClass addMemberClass(String code, String description) {
        String c = Checks.code("code", code);
        String d = Checks.text("description", description, Checks.MAX_NAME);
        return registry.change(tx -> {
            if (tx.exists("SELECT 1 FROM member_class WHERE code = ?", c)) {
                throw RegistryException.conflict("code", "member class " + c + " exists already");
            }
            tx.update("INSERT INTO member_class (code, description) VALUES (?, ?)", c, d);
            tx.audit("member-class.add", "MEMBERCLASS:" + c, "description", d);
            return new MemberClass(c, d);
        });
    }

    public MemberClass changeMemberClass(String code, String description) {
        String d = Checks.text("description", description, Checks.MAX_NAME);
        return registry.change(tx -> {
            if (tx.update("UPDATE member_class SET description = ? WHERE code = ?", d, code) == 0) {
                throw RegistryException.notFound("code", "no member class " + code);
            }
            tx.audit("member-class.change", "MEMBERCLASS:" + code, "description", d);
            return new MemberClass(code, d);
        });
    }

    /** Removes member class {@code code}; refused while members of the class exist. */
    public void removeMemberClass(String code) {
        registry.change(tx -> {
            if (tx.exists("SELECT 1 FROM xroad_member WHERE member_class = ?", code)) {
                throw RegistryException.conflict("code", "member class " + code + " still has members");
            }
            if (tx.update("DELETE FROM member_class WHERE code = ?", code) == 0) {
                throw RegistryException.notFound("code", "no member class " + code);
            }
            tx.audit("member-class.remove", "MEMBERCLASS:" + code);
            return null;
        });
    }

    /** Every member with its subsystems, ordered by class and code. */
    public List<Member> list() {
        return registry.read(tx -> load(tx, Optional.empty()));
    }

    public Optional<Member> get(MemberId id) {
        return registry.read(tx -> load(tx, Optional.of(id))).stream().findFirst();
    }

    /** Registers member {@code id} (its class must be declared) under {@code name}. */
    public Member add(MemberId id, String name) {
        MemberId m = Checks.member("id", registry.instance(), id);
        String n = Checks.text("name", name, Checks.MAX_NAME);
        return registry.change(tx -> {
            if (!tx.exists("SELECT 1 FROM member_class WHERE code = ?", m.memberClass())) {
                throw RegistryException.invalid("id", "member class " + m.memberClass() + " of " + m
                        + " is not declared");
            }
            if (memberExists(tx, m)) {
                throw RegistryException.conflict("id", "member " + m + " exists already");
            }
            tx.update("INSERT INTO xroad_member (member_class, member_code, name, created_at) VALUES (?, ?, ?, ?)",
                    m.memberClass(), m.memberCode(), n, tx.now());
            tx.audit("member.add", m.toString(), "name", n);
            return load(tx, Optional.of(m)).getFirst();
        });
    }

    public Member rename(MemberId id, String name) {
        String n = Checks.text("name", name, Checks.MAX_NAME);
        return registry.change(tx -> {
            if (!id.instance().equals(registry.instance()) || tx.update("UPDATE xroad_member SET name = ? WHERE"
                    + " member_class = ? AND member_code = ?", n, id.memberClass(), id.memberCode()) == 0) {
                throw RegistryException.notFound("id", "no member " + id);
            }
            tx.audit("member.rename", id.toString(), "name", n);
            return load(tx, Optional.of(id)).getFirst();
        });
    }

    /** Removes member {@code id}, its subsystems and its client registrations and group memberships. */
    public void remove(MemberId id) {
        registry.change(tx -> {
            requireMember(tx, registry, id, "id");
            if (tx.exists("SELECT 1 FROM security_server WHERE owner_class = ? AND owner_code = ?", id.memberClass(),
                    id.memberCode())) {
                throw RegistryException.conflict("id", "member " + id + " owns security servers; delete them first");
            }
            Optional<ClientId> provider = SettingsRows.load(tx).managementServiceProvider();
            if (provider.isPresent() && provider.get().member().equals(id)) {
                throw RegistryException.conflict("id", "member " + id + " provides the management services ("
                        + provider.get() + ")");
            }
            tx.update("DELETE FROM server_client WHERE member_class = ? AND member_code = ?", id.memberClass(),
                    id.memberCode());
            tx.update("DELETE FROM global_group_member WHERE member_class = ? AND member_code = ?", id.memberClass(),
                    id.memberCode());
            tx.update("DELETE FROM xroad_member WHERE member_class = ? AND member_code = ?", id.memberClass(),
                    id.memberCode());
            tx.audit("member.remove", id.toString());
            return null;
        });
    }

    /** Registers subsystem {@code id} of a registered member, optionally named (published from version 5). */
    public Member.Subsystem addSubsystem(SubsystemId id, Optional<String> name) {
        SubsystemId s = Checks.strict("id", registry.instance(), id);
        Optional<String> n = name.map(v -> Checks.text("name", v, Checks.MAX_NAME));
        return registry.change(tx -> {
            requireMember(tx, registry, s.member(), "id");
            if (subsystemExists(tx, s)) {
                throw RegistryException.conflict("id", "subsystem " + s + " exists already");
            }
            createSubsystem(tx, s, n);
            return new Member.Subsystem(s, n);
        });
    }

    /** Names (or, with an empty name, unnames) subsystem {@code id}. */
    public Member.Subsystem renameSubsystem(SubsystemId id, Optional<String> name) {
        Optional<String> n = name.map(v -> Checks.text("name", v, Checks.MAX_NAME));
        return registry.change(tx -> {
            renameSubsystem(tx, registry, id, n);
            return new Member.Subsystem(id, n);
        });
    }

    /** Removes subsystem {@code id}; refused while it is a security server's client or the management service provider. */
    public void removeSubsystem(SubsystemId id) {
        registry.change(tx -> {
            if (!id.instance().equals(registry.instance()) || !subsystemExists(tx, id)) {
                throw RegistryException.notFound("id", "no subsystem " + id);
            }
            if (tx.exists("SELECT 1 FROM server_client WHERE member_class = ? AND member_code = ? AND"
                    + " subsystem_code = ?", id.memberClass(), id.memberCode(), id.subsystem())) {
                throw RegistryException.conflict("id", "subsystem " + id + " is registered on a security server");
            }
            if (SettingsRows.load(tx).managementServiceProvider().filter(id::equals).isPresent()) {
                throw RegistryException.conflict("id", "subsystem " + id + " provides the management services");
            }
            tx.update("DELETE FROM global_group_member WHERE member_class = ? AND member_code = ? AND subsystem_code = ?",
                    id.memberClass(), id.memberCode(), id.subsystem());
            tx.update("DELETE FROM subsystem WHERE member_class = ? AND member_code = ? AND subsystem_code = ?",
                    id.memberClass(), id.memberCode(), id.subsystem());
            tx.audit("subsystem.remove", id.toString());
            return null;
        });
    }

    static void createSubsystem(Tx tx, SubsystemId s, Optional<String> name) throws SQLException {
        tx.update("INSERT INTO subsystem (member_class, member_code, subsystem_code, name, created_at)"
                + " VALUES (?, ?, ?, ?, ?)", s.memberClass(), s.memberCode(), s.subsystem(), name, tx.now());
        tx.audit("subsystem.add", s.toString(), "name", name);
    }

    static void renameSubsystem(Tx tx, Registry registry, SubsystemId id, Optional<String> name)
            throws SQLException {
        if (!id.instance().equals(registry.instance()) || tx.update("UPDATE subsystem SET name = ? WHERE"
                + " member_class = ? AND member_code = ? AND subsystem_code = ?", name, id.memberClass(),
                id.memberCode(), id.subsystem()) == 0) {
            throw RegistryException.notFound("client", "no subsystem " + id);
        }
        tx.audit("subsystem.rename", id.toString(), "name", name);
    }

    static boolean memberExists(Tx tx, MemberId id) throws SQLException {
        return tx.exists("SELECT 1 FROM xroad_member WHERE member_class = ? AND member_code = ?", id.memberClass(),
                id.memberCode());
    }

    static boolean subsystemExists(Tx tx, SubsystemId id) throws SQLException {
        return tx.exists("SELECT 1 FROM subsystem WHERE member_class = ? AND member_code = ? AND subsystem_code = ?",
                id.memberClass(), id.memberCode(), id.subsystem());
    }

    /** Whether {@code id} is a registered member or subsystem (of the registry's instance; the caller checks that). */
    static boolean clientExists(Tx tx, ClientId id) throws SQLException {
        return id instanceof SubsystemId s ? subsystemExists(tx, s) : memberExists(tx, id.member());
    }

    static void requireMember(Tx tx, Registry registry, MemberId id, String field) throws SQLException {
        if (!id.instance().equals(registry.instance()) || !memberExists(tx, id)) {
            throw RegistryException.notFound(field, "no member " + id);
        }
    }

    /** Members with their subsystems: all, or the one given. */
    static List<Member> load(Tx tx, Optional<MemberId> only) throws SQLException {
        String where = only.isPresent() ? " WHERE m.member_class = ? AND m.member_code = ?" : "";
        Object[] params = only.map(id -> new Object[] {id.memberClass(), id.memberCode()}).orElse(new Object[0]);
        String instance = only.map(MemberId::instance).orElse(null);
        Map<MemberId, List<Member.Subsystem>> subsystems = new LinkedHashMap<>();
        record Row(MemberId id, String classDescription, String name) {
        }
        List<Row> rows = new ArrayList<>();
        String own = tx.first("SELECT instance_identifier FROM registry_state WHERE id = 1", rs -> rs.getString(1))
                .orElseThrow();
        if (instance != null && !instance.equals(own)) {
            return List.of();
        }
        tx.query("SELECT m.member_class, m.member_code, m.name, c.description FROM xroad_member m JOIN member_class c"
                + " ON c.code = m.member_class" + where + " ORDER BY m.member_class, m.member_code", rs -> {
                    var id = new MemberId(own, rs.getString(1), rs.getString(2));
                    subsystems.put(id, new ArrayList<>());
                    return rows.add(new Row(id, rs.getString(4), rs.getString(3)));
                }, params);
        tx.query("SELECT member_class, member_code, subsystem_code, name FROM subsystem"
                + where.replace("m.", "") + " ORDER BY member_class, member_code, subsystem_code", rs -> {
                    var member = new MemberId(own, rs.getString(1), rs.getString(2));
                    List<Member.Subsystem> list = subsystems.get(member);
                    return list != null && list.add(new Member.Subsystem(member.subsystem(rs.getString(3)),
                            Optional.ofNullable(rs.getString(4))));
                }, params);
        return rows.stream().map(r -> new Member(r.id(), r.classDescription(), r.name(), subsystems.get(r.id())))
                .toList();
    }
}
