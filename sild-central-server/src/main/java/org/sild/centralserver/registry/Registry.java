package org.sild.centralserver.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.sild.centralserver.audit.AuditLog;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.runtime.confsource.InstanceDescription;
import org.sild.runtime.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central server's registry of an X-Road instance, in the store (the {@code db/centralserver}
 * migrations): member classes, members and subsystems ({@link #members()}), security servers with
 * their authentication certificates and clients ({@link #servers()}), global groups
 * ({@link #groups()}), approved CAs and TSAs ({@link #trustServices()}), global settings
 * ({@link #settings()}), trusted anchors of federated instances ({@link #trustedAnchors()}),
 * configuration signing key records ({@link #signingKeys()}) and the management requests of
 * security servers ({@link #managementRequests()}). {@link #describe()} gives what the global
 * configuration publishes.
 *
 * <p>Every change is one transaction that validates its input (throwing {@link RegistryException}
 * or {@link IllegalArgumentException} naming the bad value), writes an {@linkplain AuditLog audit}
 * entry with the view's {@linkplain #actor() actor}, and increments a change counter first, so
 * that writers on every node sharing the store run one at a time. After a change commits, the
 * {@linkplain #onChange listeners} run on the changing thread. Thread-safe; views made with
 * {@link #as} share the store and the listeners.
 */
public final class Registry {

    /** The actor of changes the server makes by itself (initial keys and settings). */
    public static final String SYSTEM = "system";
    /** The actor of changes that management requests make. */
    public static final String MANAGEMENT_SERVICE = "management-service";

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    @FunctionalInterface
    interface Work<T> {
        T apply(Tx tx) throws SQLException;
    }

    /** What every view shares. */
    private record Shared(Store store, String instance, Clock clock, AuditLog audit, List<Runnable> listeners) {
    }

    private final Shared shared;
    private final String actor;

    private Registry(Shared shared, String actor) {
        this.shared = shared;
        this.actor = actor;
    }

    /**
     * The registry of {@code instance} in {@code store}, which must have the
     * {@code db/centralserver} migrations applied. A new store is bound to {@code instance}.
     *
     * @throws XRoadException {@code MalformedServerConf} when the store holds another instance's registry
     */
    public static Registry open(Store store, String instance, Clock clock) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        String checked = Checks.code("instance", instance);
        String bound = store.inTransaction(c -> bind(c, checked));
        if (!bound.equals(checked)) {
            throw new XRoadException(ErrorCode.MALFORMED_SERVER_CONF, "the store holds the registry of instance "
                    + bound + ", not " + checked);
        }
        return new Registry(new Shared(store, checked, clock, new AuditLog(store), new CopyOnWriteArrayList<>()),
                SYSTEM);
    }

    private static String bind(Connection c, String instance) throws SQLException {
        var tx = new Tx(c, java.time.Instant.EPOCH, SYSTEM);
        Optional<String> bound = tx.first("SELECT instance_identifier FROM registry_state WHERE id = 1 FOR UPDATE",
                rs -> rs.getString(1)).filter(Objects::nonNull);
        if (bound.isEmpty()) {
            tx.update("UPDATE registry_state SET instance_identifier = ? WHERE id = 1", instance);
            return instance;
        }
        return bound.get();
    }

    /** A view of this registry whose changes are audited as made by {@code actor} (an API key's name, ...). */
    public Registry as(String actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor.isBlank()) {
            throw new IllegalArgumentException("an actor must not be blank");
        }
        return new Registry(shared, actor);
    }

    /** Who this view's changes are audited as. */
    public String actor() {
        return actor;
    }

    /** The instance identifier, for example {@code DEV}. */
    public String instance() {
        return shared.instance();
    }

    /** The change counter: it grows with every committed change (also of other nodes). */
    public long version() {
        return read(tx -> tx.first("SELECT version FROM registry_state WHERE id = 1", rs -> rs.getLong(1))
                .orElse(0L));
    }

    /** Runs {@code listener} after every change committed through this registry (any view), on the changing thread. */
    public void onChange(Runnable listener) {
        shared.listeners().add(Objects.requireNonNull(listener));
    }

    public Members members() {
        return new Members(this);
    }

    public SecurityServers servers() {
        return new SecurityServers(this);
    }

    public GlobalGroups groups() {
        return new GlobalGroups(this);
    }

    public TrustServices trustServices() {
        return new TrustServices(this);
    }

    public TrustedAnchors trustedAnchors() {
        return new TrustedAnchors(this);
    }

    public SigningKeys signingKeys() {
        return new SigningKeys(this);
    }

    public ManagementRequests managementRequests() {
        return new ManagementRequests(this);
    }

    /** The audit log. */
    public AuditLog audit() {
        return shared.audit();
    }

    /** The global settings in force. */
    public Settings settings() {
        return read(SettingsRows::load);
    }

    /**
     * Changes the global settings atomically, e.g. {@code s -> s.withOcspFreshnessSeconds(1800)}.
     *
     * @throws RegistryException when the result is invalid (the management service provider must be registered)
     */
    public Settings changeSettings(UnaryOperator<Settings> change) {
        return change(tx -> SettingsRows.change(tx, this, change));
    }

    /**
     * What the global configuration publishes now, read in one consistent transaction.
     *
     * @throws RegistryException {@code CONFLICT} while the management services are not configured
     *         (settings {@code managementServiceProvider} and {@code authCertRegServiceAddress})
     */
    public InstanceDescription describe() {
        return read(tx -> Description.load(tx, this));
    }

    MemberId member(String memberClass, String memberCode) {
        return new MemberId(instance(), memberClass, memberCode);
    }

    /** Runs {@code work} as one change: counted, audited as this view's actor, listeners told after commit. */
    <T> T change(Work<T> work) {
        T result = shared.store().inTransaction(c -> {
            var tx = new Tx(c, shared.clock().instant(), actor);
            tx.update("UPDATE registry_state SET version = version + 1 WHERE id = 1");
            return work.apply(tx);
        });
        for (Runnable listener : shared.listeners()) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("a registry change listener failed: {}", e.toString(), e);
            }
        }
        return result;
    }

    /** Runs {@code work} in a read-only transaction that sees one consistent state. */
    <T> T read(Work<T> work) {
        return shared.store().inTransaction(c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            // The pool restores isolation and read-only mode when the connection comes back.
            return work.apply(new Tx(c, shared.clock().instant(), actor));
        });
    }
}
