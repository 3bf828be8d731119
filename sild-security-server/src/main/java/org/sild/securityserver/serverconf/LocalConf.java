package org.sild.securityserver.serverconf;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.pki.Certificates;
import org.sild.securityserver.serverconf.LocalClient.ConnectionType;
import org.sild.securityserver.serverconf.LocalClient.Status;
import org.sild.securityserver.serverconf.LocalService.ServiceType;

/**
 * One consistent, immutable copy of the whole local configuration, indexed for the proxies' lookups.
 * Local configurations are small (clients, services and grants number in the thousands at most), so
 * holding all of it makes every read a map lookup.
 *
 * @param version the store's change counter this copy reflects
 * @param localStamp the in-process change count when loading started
 */
record LocalConf(long version, long localStamp, Optional<SecurityServerId> identity, Optional<String> maintenance,
        Map<ClientId, LocalClient> clients, List<ServiceDescription> descriptions,
        Map<ServiceKey, List<LocalService>> services, Map<ClientId, List<AccessRight>> rights,
        Map<ServiceKey, List<AccessRight>> rightsByService, Map<ClientId, List<LocalGroup>> groups) {

    /** A service code of a provider: what access rights and service lookups are keyed on. */
    record ServiceKey(ClientId provider, String code) {
    }

    static final Comparator<ClientId> CLIENT_ORDER = Comparator.comparing(Checks::key);
    static final Comparator<AccessRight> RIGHT_ORDER = Comparator.comparing(AccessRight::serviceCode)
            .thenComparing(r -> Checks.key(r.subject())).thenComparing(AccessRight::method)
            .thenComparing(AccessRight::pathGlob);

    /** Reads everything in the transaction of {@code c}. */
    static LocalConf load(Connection c, long localStamp) throws SQLException {
        record Server(Optional<String> owner, Optional<String> code, boolean maintenance, String message,
                long version) {
        }
        Server server = Sql.query(c, "SELECT owner_id, server_code, maintenance, maintenance_message, version"
                + " FROM conf_server WHERE id = 1", rs -> new Server(Optional.ofNullable(rs.getString(1)),
                        Optional.ofNullable(rs.getString(2)), rs.getBoolean(3),
                        Optional.ofNullable(rs.getString(4)).orElse(""), rs.getLong(5))).getFirst();
        Optional<SecurityServerId> identity = server.owner().flatMap(
                o -> server.code().map(s -> new SecurityServerId((MemberId) Checks.client(o), s)));
        Optional<String> maintenance = server.maintenance() ? Optional.of(server.message()) : Optional.empty();

        var certs = new HashMap<ClientId, List<X509Certificate>>();
        Sql.query(c, "SELECT client_id, certificate FROM conf_is_certificate ORDER BY client_id, sha256", rs -> {
            certs.computeIfAbsent(Checks.client(rs.getString(1)), k -> new ArrayList<>())
                    .add(Certificates.parseDer(rs.getBytes(2)));
            return null;
        });
        var clients = new LinkedHashMap<ClientId, LocalClient>();
        Sql.query(c, "SELECT client_id, status, connection_type FROM conf_client", rs -> {
            ClientId id = Checks.client(rs.getString(1));
            return new LocalClient(id, Status.valueOf(rs.getString(2)), ConnectionType.valueOf(rs.getString(3)),
                    certs.getOrDefault(id, List.of()));
        }).stream().sorted(Comparator.comparing(LocalClient::id, CLIENT_ORDER)).forEach(l -> clients.put(l.id(), l));

        var endpoints = new HashMap<ServiceKey, List<Endpoint>>();
        Sql.query(c, "SELECT client_id, service_code, method, path FROM conf_endpoint", rs -> {
            var e = new Endpoint(rs.getString(2), rs.getString(3), rs.getString(4));
            endpoints.computeIfAbsent(new ServiceKey(Checks.client(rs.getString(1)), e.serviceCode()),
                    k -> new ArrayList<>()).add(e);
            return null;
        });
        var descriptions = descriptions(c, endpoints);
        var services = new HashMap<ServiceKey, List<LocalService>>();
        for (ServiceDescription d : descriptions) {
            for (LocalService s : d.services()) {
                services.computeIfAbsent(new ServiceKey(d.client(), s.id().serviceCode()), k -> new ArrayList<>())
                        .add(s);
            }
        }
        services.replaceAll((k, v) -> v.stream().sorted(Comparator.comparing(s -> s.id().serviceVersion().orElse("")))
                .toList());

        var rights = new HashMap<ClientId, List<AccessRight>>();
        Sql.query(c, "SELECT client_id, subject_id, service_code, method, path FROM conf_access_right", rs -> {
            rights.computeIfAbsent(Checks.client(rs.getString(1)), k -> new ArrayList<>()).add(
                    new AccessRight(Checks.id(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5)));
            return null;
        });
        rights.replaceAll((k, v) -> v.stream().sorted(RIGHT_ORDER).toList());
        var rightsByService = new HashMap<ServiceKey, List<AccessRight>>();
        rights.forEach((ownerId, list) -> list.forEach(r -> rightsByService.computeIfAbsent(
                new ServiceKey(ownerId, r.serviceCode()), k -> new ArrayList<>()).add(r)));
        rightsByService.replaceAll((k, v) -> List.copyOf(v));

        return new LocalConf(server.version(), localStamp, identity, maintenance, Collections.unmodifiableMap(clients),
                descriptions,
                Map.copyOf(services), Map.copyOf(rights), Map.copyOf(rightsByService), groups(c));
    }

    private static List<ServiceDescription> descriptions(Connection c, Map<ServiceKey, List<Endpoint>> endpoints)
            throws SQLException {
        record Row(UUID description, ClientId client, String code, String version, URI url, Duration timeout,
                boolean verifyTls) {
        }
        var rows = new HashMap<UUID, List<Row>>();
        Sql.query(c, "SELECT description_id, client_id, service_code, service_version, url, timeout_seconds,"
                + " verify_tls FROM conf_service", rs -> new Row(rs.getObject(1, UUID.class),
                        Checks.client(rs.getString(2)), rs.getString(3), rs.getString(4), URI.create(rs.getString(5)),
                        Duration.ofSeconds(rs.getInt(6)), rs.getBoolean(7)))
                .forEach(r -> rows.computeIfAbsent(r.description(), k -> new ArrayList<>()).add(r));
        return Sql.query(c, "SELECT id, client_id, type, url, disabled, disabled_notice, refreshed_at"
                + " FROM conf_service_description", rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    ClientId client = Checks.client(rs.getString(2));
                    ServiceType type = ServiceType.valueOf(rs.getString(3));
                    Optional<String> notice = rs.getBoolean(5)
                            ? Optional.of(Optional.ofNullable(rs.getString(6)).orElse("")) : Optional.empty();
                    List<LocalService> services = rows.getOrDefault(id, List.of()).stream()
                            .map(r -> new LocalService(new ServiceId(client, r.code(), r.version().isEmpty()
                                    ? Optional.empty() : Optional.of(r.version())), type, r.url(), r.timeout(),
                                    r.verifyTls(), notice))
                            .sorted(Comparator.comparing((LocalService s) -> s.id().serviceCode())
                                    .thenComparing(s -> s.id().serviceVersion().orElse("")))
                            .toList();
                    List<Endpoint> eps = services.stream().map(s -> s.id().serviceCode()).distinct()
                            .flatMap(code -> endpoints.getOrDefault(new ServiceKey(client, code), List.of()).stream())
                            .sorted(Comparator.comparing(Endpoint::serviceCode).thenComparing(Endpoint::path)
                                    .thenComparing(Endpoint::method))
                            .toList();
                    return new ServiceDescription(id, client, type, URI.create(rs.getString(4)), notice,
                            Sql.instant(rs, "refreshed_at"), services, eps);
                }).stream()
                .sorted(Comparator.comparing(ServiceDescription::client, CLIENT_ORDER)
                        .thenComparing(d -> d.url().toString()))
                .toList();
    }

    private static Map<ClientId, List<LocalGroup>> groups(Connection c) throws SQLException {
        var members = new HashMap<List<String>, List<ClientId>>();
        Sql.query(c, "SELECT client_id, group_code, member_id FROM conf_group_member", rs -> {
            members.computeIfAbsent(List.of(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                    .add(Checks.client(rs.getString(3)));
            return null;
        });
        var groups = new HashMap<ClientId, List<LocalGroup>>();
        Sql.query(c, "SELECT client_id, group_code, description, updated_at FROM conf_local_group", rs -> {
            var g = new LocalGroup(Checks.client(rs.getString(1)), rs.getString(2), rs.getString(3),
                    Sql.instant(rs, "updated_at"), members.getOrDefault(List.of(rs.getString(1), rs.getString(2)),
                            List.<ClientId>of()).stream().sorted(CLIENT_ORDER).toList());
            groups.computeIfAbsent(g.owner(), k -> new ArrayList<>()).add(g);
            return null;
        });
        groups.replaceAll((k, v) -> v.stream().sorted(Comparator.comparing(LocalGroup::code)).toList());
        return Map.copyOf(groups);
    }

    /** A service by provider, code and (when named) version; see {@link ServerConf#service}. */
    Optional<LocalService> service(ServiceId id) {
        List<LocalService> versions = services.getOrDefault(new ServiceKey(id.provider(), id.serviceCode()), List.of());
        if (id.serviceVersion().isPresent()) {
            return versions.stream().filter(s -> s.id().serviceVersion().equals(id.serviceVersion())).findFirst();
        }
        // Without a version: the unversioned service if there is one (sorted first), else the lowest version.
        return versions.stream().findFirst();
    }

    Optional<LocalGroup> group(ClientId owner, String code) {
        return groups.getOrDefault(owner, List.of()).stream().filter(g -> g.code().equals(code)).findFirst();
    }
}
