package org.sild.securityserver.datatracker;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.sild.core.id.ClientId;
import org.sild.core.id.XRoadIds;
import org.sild.runtime.json.Json;
import org.sild.runtime.store.Store;
import org.sild.securityserver.serverconf.LocalService;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The personal data declarations of hosted providers (table {@code conf_pdu_declaration}, migration
 * V6_1), kept with their service descriptions: a declaration needs its service (and endpoint) to
 * exist when made; the declarations of a service code go when its last service goes, and an
 * endpoint declaration applies only while its endpoint exists.
 *
 * <p>The proxies ask {@link #find}, which answers from an in-memory copy: for a provider that
 * declares nothing it costs one map lookup. The copy is reloaded after every change made here and,
 * for changes of the service descriptions or by other nodes, every {@code recheck} in the background.
 * Thread-safe; each change is one transaction.
 */
public final class Declarations {

    /** How often, at most, the copy is reloaded for changes made elsewhere. */
    public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(1);
    private static final String SERVICE_LEVEL = "";
    private static final Logger LOG = LoggerFactory.getLogger(Declarations.class);

    /** The declaration that applies to one request, with the path variables its endpoint template bound. */
    public record Match(PersonalDataDeclaration declaration, Map<String, String> pathVariables) {
        public Match {
            Objects.requireNonNull(declaration, "declaration");
            pathVariables = Map.copyOf(pathVariables);
        }
    }

    private final Store store;
    private final ServerConfStore serverConf;
    private final Clock clock;
    private final long recheckMillis;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Map<ClientId, List<PersonalDataDeclaration>> current;
    private volatile long reloadAt;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    public Declarations(Store store, ServerConfStore serverConf, Clock clock) {
        this(store, serverConf, clock, DEFAULT_RECHECK);
    }

    public Declarations(Store store, ServerConfStore serverConf, Clock clock, Duration recheck) {
        this.store = Objects.requireNonNull(store, "store");
        this.serverConf = Objects.requireNonNull(serverConf, "serverConf");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recheckMillis = recheck.toMillis();
    }

    /** Whether {@code provider} declares any service as personal data (findUsage is served only for those). */
    public boolean declares(ClientId provider) {
        return copy().containsKey(provider);
    }

    /**
     * The declaration that applies to a REST request ({@code servicePath} raw, as after the service
     * code): an endpoint declaration whose method and template match, else the service-level one.
     */
    public Optional<Match> find(ClientId provider, String serviceCode, String method, String servicePath) {
        List<PersonalDataDeclaration> declared = copy().get(provider);
        if (declared == null) {
            return Optional.empty();
        }
        Optional<Match> serviceLevel = Optional.empty();
        for (PersonalDataDeclaration d : declared) {
            if (!d.serviceCode().equals(serviceCode)) {
                continue;
            }
            if (d.endpoint().isEmpty()) {
                serviceLevel = Optional.of(new Match(d, Map.of()));
            } else if (d.endpoint().get().method().equals(method)) {
                Optional<Map<String, String>> bound = PathTemplate.match(d.endpoint().get().path(), servicePath);
                if (bound.isPresent()) {
                    return Optional.of(new Match(d, bound.get()));
                }
            }
        }
        return serviceLevel;
    }

    /** The service-level declaration of a SOAP service. */
    public Optional<Match> find(ClientId provider, String serviceCode) {
        List<PersonalDataDeclaration> declared = copy().get(provider);
        if (declared == null) {
            return Optional.empty();
        }
        return declared.stream().filter(d -> d.serviceCode().equals(serviceCode) && d.endpoint().isEmpty())
                .findFirst().map(d -> new Match(d, Map.of()));
    }

    /** The provider's declarations in force, by service code and endpoint. */
    public List<PersonalDataDeclaration> list(ClientId provider) {
        return copy().getOrDefault(provider, List.of());
    }

    /**
     * Declares (or re-declares) a service or endpoint as personal data.
     *
     * @throws DeclarationException not found when the provider has no such service or endpoint;
     *         invalid when the locator does not fit the service's kind (xpath for SOAP, the others for REST)
     */
    public PersonalDataDeclaration declare(PersonalDataDeclaration d) {
        List<LocalService> services = serverConf.serviceDescriptions().services(d.provider()).stream()
                .filter(s -> s.id().serviceCode().equals(d.serviceCode())).toList();
        if (services.isEmpty()) {
            throw DeclarationException.notFound("serviceCode", "client " + XRoadIds.toShortForm(d.provider())
                    + " has no service " + d.serviceCode());
        }
        boolean rest = services.getFirst().type().isRest();
        if (rest == (d.locator().kind() == SubjectLocator.Kind.XPATH)) {
            throw DeclarationException.invalid("locator.kind", "a " + d.locator().kind().id() + " locator does not fit "
                    + (rest ? "REST" : "SOAP") + " service " + d.serviceCode());
        }
        if (d.endpoint().isPresent()) {
            PersonalDataDeclaration.Endpoint e = d.endpoint().get();
            if (!rest || !endpointExists(d.provider(), d.serviceCode(), e)) {
                throw DeclarationException.notFound("endpoint", "service " + d.serviceCode() + " has no endpoint " + e);
            }
        }
        store.runInTransaction(c -> {
            delete(c, d.provider(), d.serviceCode(), d.endpoint());
            insert(c, d);
        });
        invalidate();
        return d;
    }

    /**
     * Removes a declaration.
     *
     * @throws DeclarationException not found when there is none for the service or endpoint
     */
    public void remove(ClientId provider, String serviceCode, Optional<PersonalDataDeclaration.Endpoint> endpoint) {
        int deleted = store.inTransaction(c -> delete(c, provider, serviceCode, endpoint));
        invalidate();
        if (deleted == 0) {
            throw DeclarationException.notFound("serviceCode", "no declaration for " + serviceCode
                    + endpoint.map(e -> " " + e).orElse(""));
        }
    }

    /** The endpoint as registered, or as X-Road lists it (path variables as {@code *}, as OpenAPI imports store them). */
    private boolean endpointExists(ClientId provider, String code, PersonalDataDeclaration.Endpoint e) {
        return serverConf.endpoints().list(provider, code).stream()
                .anyMatch(x -> x.method().equals(e.method())
                        && (x.path().equals(e.path()) || x.path().equals(PathTemplate.glob(e.path()))));
    }

    /** Under the lock, so that a reload running now cannot mark its (older) copy fresh afterwards. */
    private void invalidate() {
        loading.lock();
        try {
            reloadAt = Long.MIN_VALUE;
        } finally {
            loading.unlock();
        }
    }

    /**
     * The copy in force. A copy that is merely old is served while a virtual thread reloads it, so
     * exchanges never wait on the store for it; the first call and the first after a change made
     * here load synchronously (the caller must see the change).
     */
    private Map<ClientId, List<PersonalDataDeclaration>> copy() {
        Map<ClientId, List<PersonalDataDeclaration>> c = current;
        long reload = reloadAt;
        if (c != null && clock.millis() < reload) {
            return c;
        }
        if (c != null && reload != Long.MIN_VALUE) {
            if (refreshing.compareAndSet(false, true)) {
                Thread.ofVirtual().name("pdu-declarations").start(this::refresh);
            }
            return c;
        }
        return reload();
    }

    private void refresh() {
        try {
            reload();
        } catch (RuntimeException e) {
            // Keep serving the last copy: the proxies must not fail while the store is briefly away.
            LOG.warn("Cannot reload the personal data declarations: {}", e.getMessage());
        } finally {
            refreshing.set(false);
        }
    }

    private Map<ClientId, List<PersonalDataDeclaration>> reload() {
        loading.lock();
        try {
            long now = clock.millis();
            Map<ClientId, List<PersonalDataDeclaration>> c = current;
            if (c != null && now < reloadAt) {
                return c;                    // reloaded by another thread meanwhile
            }
            Map<ClientId, List<PersonalDataDeclaration>> loaded = load();
            current = loaded;
            reloadAt = now + recheckMillis;
            return loaded;
        } finally {
            loading.unlock();
        }
    }

    /**
     * Reads every declaration in force: those whose service code or endpoint is gone are left out (not
     * deleted here: this node's copy of the local configuration may lag another node's change).
     */
    private Map<ClientId, List<PersonalDataDeclaration>> load() {
        var all = store.withConnection(c -> {
            var rows = new ArrayList<PersonalDataDeclaration>();
            try (PreparedStatement ps = c.prepareStatement("SELECT client_id, service_code, method, path, locator_kind,"
                    + " locator_name, namespaces, subject_prefix, processing_type, purpose, legal_basis"
                    + " FROM conf_pdu_declaration ORDER BY client_id, service_code, method, path");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
            return rows;
        });
        var byProvider = new HashMap<ClientId, List<PersonalDataDeclaration>>();
        for (PersonalDataDeclaration d : all) {
            boolean serviceExists = serverConf.serviceDescriptions().services(d.provider()).stream()
                    .anyMatch(s -> s.id().serviceCode().equals(d.serviceCode()));
            if (!serviceExists || d.endpoint().isPresent()
                    && !endpointExists(d.provider(), d.serviceCode(), d.endpoint().get())) {
                continue;
            }
            byProvider.computeIfAbsent(d.provider(), k -> new ArrayList<>()).add(d);
        }
        var result = new HashMap<ClientId, List<PersonalDataDeclaration>>();
        // The most specific template first: more literal characters (outside {variables} and wildcards) win.
        byProvider.forEach((k, v) -> result.put(k, v.stream().sorted(Comparator.comparingInt(
                (PersonalDataDeclaration d) -> d.endpoint().map(e -> -literalLength(e.path())).orElse(0))).toList()));
        return Map.copyOf(result);
    }

    private static int literalLength(String template) {
        return template.replaceAll("\\{[^/}]*}", "").replace("*", "").length();
    }

    private static int delete(Connection c, ClientId provider, String code,
            Optional<PersonalDataDeclaration.Endpoint> endpoint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM conf_pdu_declaration WHERE client_id = ?"
                + " AND service_code = ? AND method = ? AND path = ?")) {
            ps.setString(1, XRoadIds.toShortForm(provider));
            ps.setString(2, code);
            ps.setString(3, endpoint.map(PersonalDataDeclaration.Endpoint::method).orElse(SERVICE_LEVEL));
            ps.setString(4, endpoint.map(PersonalDataDeclaration.Endpoint::path).orElse(SERVICE_LEVEL));
            return ps.executeUpdate();
        }
    }

    private static void insert(Connection c, PersonalDataDeclaration d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conf_pdu_declaration (client_id, service_code,"
                + " method, path, locator_kind, locator_name, namespaces, subject_prefix, processing_type, purpose,"
                + " legal_basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 1;
            ps.setString(i++, XRoadIds.toShortForm(d.provider()));
            ps.setString(i++, d.serviceCode());
            ps.setString(i++, d.endpoint().map(PersonalDataDeclaration.Endpoint::method).orElse(SERVICE_LEVEL));
            ps.setString(i++, d.endpoint().map(PersonalDataDeclaration.Endpoint::path).orElse(SERVICE_LEVEL));
            ps.setString(i++, d.locator().kind().id());
            ps.setString(i++, d.locator().name());
            ps.setString(i++, new String(Json.write(new TreeMap<>(d.locator().namespaces())), StandardCharsets.UTF_8));
            ps.setString(i++, d.subjectPrefix().orElse(null));
            ps.setString(i++, d.processingType());
            ps.setString(i++, d.purpose().orElse(null));
            ps.setString(i, d.legalBasis().orElse(null));
            ps.executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    private static PersonalDataDeclaration read(ResultSet rs) throws SQLException {
        String method = rs.getString("method");
        Map<String, String> namespaces = Json.read(rs.getString("namespaces").getBytes(StandardCharsets.UTF_8), Map.class);
        return PersonalDataDeclaration.builder((ClientId) XRoadIds.parseShortForm(rs.getString("client_id")),
                        rs.getString("service_code"))
                .endpoint(method.isEmpty() ? Optional.empty()
                        : Optional.of(new PersonalDataDeclaration.Endpoint(method, rs.getString("path"))))
                .locator(new SubjectLocator(SubjectLocator.Kind.of(rs.getString("locator_kind")),
                        rs.getString("locator_name"), namespaces))
                .subjectPrefix(Optional.ofNullable(rs.getString("subject_prefix")))
                .processingType(rs.getString("processing_type"))
                .purpose(Optional.ofNullable(rs.getString("purpose")))
                .legalBasis(Optional.ofNullable(rs.getString("legal_basis")))
                .build();
    }
}
