package org.sild.securityserver.serverconf;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.securityserver.serverconf.LocalService.ServiceType;

/**
 * The service descriptions of hosted clients and the services registered from them. Obtained from
 * {@link ServerConfStore#serviceDescriptions()}; thread-safe; each change is one transaction.
 *
 * <p>Services are registered explicitly ({@link ServiceSpec}) or from a downloaded document
 * ({@link DescriptionDocument}, read by {@code org.sild.securityserver.description}), which is kept
 * and can be {@linkplain #document read back}. When the last service with a code goes, the endpoints,
 * access rights and personal data declarations of that code go with it.
 */
public final class ServiceDescriptions {

    private final ServerConfStore store;

    ServiceDescriptions(ServerConfStore store) {
        this.store = store;
    }

    /** The client's service descriptions, sorted by URL. */
    public List<ServiceDescription> list(ClientId client) {
        return store.snapshot().descriptions().stream().filter(d -> d.client().equals(client)).toList();
    }

    public Optional<ServiceDescription> get(UUID id) {
        return store.snapshot().descriptions().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Every service of the client, sorted by code and version. */
    public List<LocalService> services(ClientId client) {
        return list(client).stream().flatMap(d -> d.services().stream())
                .sorted(Comparator.comparing((LocalService s) -> s.id().serviceCode())
                        .thenComparing(s -> s.id().serviceVersion().orElse("")))
                .toList();
    }

    /** The service with exactly this code and version (none when {@code id} has none). */
    public Optional<LocalService> service(ServiceId id) {
        return descriptionOf(id).flatMap(d -> d.services().stream().filter(s -> s.id().equals(id)).findFirst());
    }

    /** The description the service {@code id} (exact version) belongs to. */
    public Optional<ServiceDescription> descriptionOf(ServiceId id) {
        return list(id.provider()).stream().filter(d -> d.services().stream().anyMatch(s -> s.id().equals(id)))
                .findFirst();
    }

    /**
     * Adds a service description with its services. A REST description has exactly one service,
     * without version; WSDL and OpenAPI descriptions may start empty and be {@linkplain #refresh refreshed}.
     *
     * @throws LocalConfException {@code NOT_FOUND} for an unknown client, {@code CONFLICT} when the
     *         client has a description with this URL or a service with the same code and version
     */
    public ServiceDescription add(ClientId client, ServiceType type, URI url, List<ServiceSpec> services) {
        Objects.requireNonNull(type, "type");
        UUID id = UUID.randomUUID();
        store.change(c -> insertDescription(c, id, client, type, url, services));
        return require(id);
    }

    private Void insertDescription(Connection c, UUID id, ClientId client, ServiceType type, URI url,
            List<ServiceSpec> services) throws SQLException {
        URI checkedUrl = Checks.url("url", url);
        if (type == ServiceType.REST && services.size() != 1) {
            throw LocalConfException.invalid("services", "a REST service description has exactly one service, not "
                    + services.size());
        }
        Clients.requireClient(c, client);
        if (Sql.exists(c, "SELECT 1 FROM conf_service_description WHERE client_id = ? AND url = ?",
                Checks.key(client), checkedUrl.toString())) {
            throw LocalConfException.conflict("url", "client " + client + " already has a service description "
                    + checkedUrl);
        }
        Sql.update(c, "INSERT INTO conf_service_description (id, client_id, type, url, disabled, refreshed_at)"
                + " VALUES (?, ?, ?, ?, FALSE, ?)", id, Checks.key(client), type.name(), checkedUrl.toString(),
                Sql.time(store.clock().instant()));
        insertServices(c, id, client, type, checkedUrl, services, "services");
        return null;
    }

    /**
     * Adds a WSDL or OpenAPI description from its downloaded document, with the services (and
     * endpoints) the document declares.
     *
     * @throws LocalConfException as {@link #add}
     */
    public ServiceDescription add(ClientId client, DescriptionDocument document) {
        UUID id = UUID.randomUUID();
        store.change(c -> {
            insertDescription(c, id, client, document.type(), document.url(), document.services());
            storeDocument(c, id, client, document);
            return null;
        });
        return require(id);
    }

    /**
     * Replaces the description's services, generated endpoints and document with what the
     * re-downloaded {@code document} declares. Generated endpoints that are gone lose their access
     * rights; so do service codes left without service.
     *
     * @throws LocalConfException {@code INVALID} when the document's type or URL is not the description's
     */
    public ServiceDescription refresh(UUID descriptionId, DescriptionDocument document) {
        store.change(c -> {
            Stored d = stored(c, descriptionId);
            if (d.type() != document.type() || !d.url().equals(document.url())) {
                throw LocalConfException.invalid("url", "document " + document.type() + " " + document.url()
                        + " is not of service description " + d.type() + " " + d.url());
            }
            replaceServices(c, descriptionId, d, document.services());
            storeDocument(c, descriptionId, d.client(), document);
            return null;
        });
        return require(descriptionId);
    }

    /** The document a WSDL or OpenAPI description was registered or last refreshed from. */
    public Optional<byte[]> document(UUID descriptionId) {
        return store.read(c -> Sql.query(c, "SELECT document FROM conf_service_description WHERE id = ?",
                rs -> Optional.ofNullable(rs.getBytes(1)), descriptionId).stream().findFirst()
                .flatMap(o -> o));
    }

    private static void storeDocument(Connection c, UUID descriptionId, ClientId client, DescriptionDocument document)
            throws SQLException {
        Sql.update(c, "UPDATE conf_service_description SET document = ? WHERE id = ?", document.content(),
                descriptionId);
        Set<String> codes = codes(c, descriptionId);
        var keep = new HashSet<Endpoint>(document.endpoints());
        for (Endpoint e : Sql.query(c, "SELECT service_code, method, path FROM conf_endpoint WHERE client_id = ?"
                + " AND generated = TRUE", rs -> new Endpoint(rs.getString(1), rs.getString(2), rs.getString(3)),
                Checks.key(client))) {
            if (codes.contains(e.serviceCode()) && !keep.contains(e)) {
                Object[] key = {Checks.key(client), e.serviceCode(), e.method(), e.path()};
                Sql.update(c, "DELETE FROM conf_endpoint WHERE client_id = ? AND service_code = ? AND method = ?"
                        + " AND path = ?", key);
                Sql.update(c, "DELETE FROM conf_access_right WHERE client_id = ? AND service_code = ? AND method = ?"
                        + " AND path = ?", key);
            }
        }
        for (Endpoint e : document.endpoints()) {
            if (!codes.contains(e.serviceCode())) {
                throw LocalConfException.invalid("endpoints", "endpoint " + e.method() + " " + e.path()
                        + " is of service " + e.serviceCode() + ", which the document does not declare");
            }
            if (!e.isWholeService() && !Endpoints.exists(c, client, e)) {
                Sql.update(c, "INSERT INTO conf_endpoint (client_id, service_code, method, path, generated)"
                        + " VALUES (?, ?, ?, ?, TRUE)", Checks.key(client), e.serviceCode(), e.method(), e.path());
            }
        }
    }

    /**
     * Adds one service to a WSDL or OpenAPI description.
     *
     * @throws LocalConfException {@code CONFLICT} for a REST description (it has its one service) or
     *         when the client has a service with that code and version
     */
    public ServiceDescription addService(UUID descriptionId, ServiceSpec service) {
        store.change(c -> {
            Stored d = stored(c, descriptionId);
            if (d.type() == ServiceType.REST) {
                throw LocalConfException.conflict("code", "REST service description " + descriptionId
                        + " has its one service already");
            }
            insertServices(c, descriptionId, d.client(), d.type(), d.url(), List.of(service), "");
            return null;
        });
        return require(descriptionId);
    }

    /**
     * Replaces the description's services with {@code services} (what a refreshed document declares)
     * and records the refresh time.
     */
    public ServiceDescription refresh(UUID descriptionId, List<ServiceSpec> services) {
        store.change(c -> {
            replaceServices(c, descriptionId, stored(c, descriptionId), services);
            return null;
        });
        return require(descriptionId);
    }

    private void replaceServices(Connection c, UUID descriptionId, Stored d, List<ServiceSpec> services)
            throws SQLException {
        if (d.type() == ServiceType.REST && services.size() != 1) {
            throw LocalConfException.invalid("services", "a REST service description has exactly one service");
        }
        Set<String> before = codes(c, descriptionId);
        Sql.update(c, "DELETE FROM conf_service WHERE description_id = ?", descriptionId);
        insertServices(c, descriptionId, d.client(), d.type(), d.url(), services, "services");
        Sql.update(c, "UPDATE conf_service_description SET refreshed_at = ? WHERE id = ?",
                Sql.time(store.clock().instant()), descriptionId);
        dropOrphans(c, d.client(), before);
    }

    /** Disables every service of the description; callers get {@code notice}. */
    public ServiceDescription disable(UUID descriptionId, String notice) {
        Checks.text("notice", notice);
        return setDisabled(descriptionId, true, Optional.of(notice));
    }

    public ServiceDescription enable(UUID descriptionId) {
        return setDisabled(descriptionId, false, Optional.empty());
    }

    private ServiceDescription setDisabled(UUID descriptionId, boolean disabled, Optional<String> notice) {
        store.change(c -> {
            stored(c, descriptionId);
            return Sql.update(c, "UPDATE conf_service_description SET disabled = ?, disabled_notice = ? WHERE id = ?",
                    disabled, notice, descriptionId);
        });
        return require(descriptionId);
    }

    /** Deletes the description, its services, and the endpoints and access rights of codes left without service. */
    public void delete(UUID descriptionId) {
        store.change(c -> {
            Stored d = stored(c, descriptionId);
            Set<String> codes = codes(c, descriptionId);
            Sql.update(c, "DELETE FROM conf_service WHERE description_id = ?", descriptionId);
            Sql.update(c, "DELETE FROM conf_service_description WHERE id = ?", descriptionId);
            dropOrphans(c, d.client(), codes);
            return null;
        });
    }

    /** Changes a service's URL, timeout or TLS verification. */
    public LocalService updateService(ServiceId id, ServiceUpdate update) {
        update.url().ifPresent(u -> Checks.url("url", u));
        update.timeout().ifPresent(t -> Checks.timeout("timeout", t));
        store.change(c -> {
            requireService(c, id);
            Object[] key = {Checks.key(id.provider()), id.serviceCode(), id.serviceVersion().orElse("")};
            String where = " WHERE client_id = ? AND service_code = ? AND service_version = ?";
            if (update.url().isPresent()) {
                Sql.update(c, "UPDATE conf_service SET url = ?" + where, update.url().get().toString(), key[0], key[1],
                        key[2]);
            }
            if (update.timeout().isPresent()) {
                Sql.update(c, "UPDATE conf_service SET timeout_seconds = ?" + where,
                        (int) update.timeout().get().toSeconds(), key[0], key[1], key[2]);
            }
            if (update.verifyTls().isPresent()) {
                Sql.update(c, "UPDATE conf_service SET verify_tls = ?" + where, update.verifyTls().get(), key[0],
                        key[1], key[2]);
            }
            return null;
        });
        return service(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Deletes one service (exact version); a description left without services goes too, and so do
     * the endpoints and access rights of a code left without service.
     */
    public void deleteService(ServiceId id) {
        store.change(c -> {
            UUID description = requireService(c, id);
            Sql.update(c, "DELETE FROM conf_service WHERE client_id = ? AND service_code = ? AND service_version = ?",
                    Checks.key(id.provider()), id.serviceCode(), id.serviceVersion().orElse(""));
            if (codes(c, description).isEmpty()) {
                Sql.update(c, "DELETE FROM conf_service_description WHERE id = ?", description);
            }
            dropOrphans(c, id.provider(), Set.of(id.serviceCode()));
            return null;
        });
    }

    private static void insertServices(Connection c, UUID descriptionId, ClientId client, ServiceType type,
            URI descriptionUrl, List<ServiceSpec> specs, String fieldPrefix) throws SQLException {
        var seen = new HashSet<ServiceId>();
        for (int i = 0; i < specs.size(); i++) {
            ServiceSpec s = specs.get(i);
            String field = fieldPrefix.isEmpty() ? "" : fieldPrefix + "[" + i + "].";
            ServiceId id = Checks.identifier(field + "code", () -> new ServiceId(client, s.code(), s.version()));
            if (type.isRest() && s.version().isPresent()) {
                throw LocalConfException.invalid(field + "version", "REST service " + s.code() + " cannot have a version");
            }
            URI url = Checks.url(field + "url", s.url().orElse(descriptionUrl));
            Duration timeout = Checks.timeout(field + "timeout", s.timeout().orElse(ServiceSpec.DEFAULT_TIMEOUT));
            if (!seen.add(id) || Sql.exists(c, "SELECT 1 FROM conf_service WHERE client_id = ? AND service_code = ?"
                    + " AND service_version = ?", Checks.key(client), s.code(), s.version().orElse(""))) {
                throw LocalConfException.conflict(field + "code", "service " + id + " already exists");
            }
            Sql.update(c, "INSERT INTO conf_service (description_id, client_id, service_code, service_version, url,"
                    + " timeout_seconds, verify_tls) VALUES (?, ?, ?, ?, ?, ?, ?)", descriptionId, Checks.key(client),
                    s.code(), s.version().orElse(""), url.toString(), (int) timeout.toSeconds(),
                    s.verifyTls().orElse(true));
        }
    }

    /** Removes endpoints and access rights of {@code codes} that no service of the client has any more. */
    static void dropOrphans(Connection c, ClientId client, Set<String> codes) throws SQLException {
        for (String code : codes) {
            if (!Sql.exists(c, "SELECT 1 FROM conf_service WHERE client_id = ? AND service_code = ?",
                    Checks.key(client), code)) {
                Sql.update(c, "DELETE FROM conf_endpoint WHERE client_id = ? AND service_code = ?", Checks.key(client),
                        code);
                Sql.update(c, "DELETE FROM conf_access_right WHERE client_id = ? AND service_code = ?",
                        Checks.key(client), code);
                // Personal data declarations (datatracker, migration V6_1) go with their service.
                Sql.update(c, "DELETE FROM conf_pdu_declaration WHERE client_id = ? AND service_code = ?",
                        Checks.key(client), code);
            }
        }
    }

    private static Set<String> codes(Connection c, UUID descriptionId) throws SQLException {
        return Set.copyOf(Sql.query(c, "SELECT service_code FROM conf_service WHERE description_id = ?",
                rs -> rs.getString(1), descriptionId));
    }

    private record Stored(ClientId client, ServiceType type, URI url) {
    }

    private static Stored stored(Connection c, UUID id) throws SQLException {
        return Sql.query(c, "SELECT client_id, type, url FROM conf_service_description WHERE id = ?",
                rs -> new Stored(Checks.client(rs.getString(1)), ServiceType.valueOf(rs.getString(2)),
                        URI.create(rs.getString(3))), id).stream().findFirst()
                .orElseThrow(() -> LocalConfException.notFound("id", "no service description " + id));
    }

    private static UUID requireService(Connection c, ServiceId id) throws SQLException {
        return Sql.query(c, "SELECT description_id FROM conf_service WHERE client_id = ? AND service_code = ?"
                        + " AND service_version = ?", rs -> rs.getObject(1, UUID.class), Checks.key(id.provider()),
                id.serviceCode(), id.serviceVersion().orElse("")).stream().findFirst()
                .orElseThrow(() -> notFound(id));
    }

    private static LocalConfException notFound(ServiceId id) {
        return LocalConfException.notFound("service", "no service " + id);
    }

    private ServiceDescription require(UUID id) {
        return get(id).orElseThrow(() -> LocalConfException.notFound("id", "no service description " + id));
    }
}
