package org.sild.securityserver.serverconf;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.SecurityServerId;
import org.sild.runtime.store.SqlFunction;
import org.sild.runtime.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security server's local configuration in the store (the {@code conf_*} tables of the
 * {@code db/securityserver} migrations): identity and maintenance mode here, the rest through
 * {@link #clients()}, {@link #serviceDescriptions()}, {@link #endpoints()}, {@link #accessRights()} and {@link #localGroups()}.
 * The admin API and the sandbox change it; {@link StoreServerConf} gives the proxies' view of it.
 *
 * <p>Every change is one transaction that also increments a change counter in the store; reads come
 * from an immutable copy of the whole configuration that is reloaded after every change made
 * through this object and, for changes made by other nodes sharing the store, when the counter is
 * found changed (checked at most once per {@code recheckInterval}). Thread-safe.
 */
public final class ServerConfStore {

    /** How often, at most, reads check the store for changes made by other nodes. */
    public static final Duration DEFAULT_RECHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ServerConfStore.class);

    private final Sql sql;
    private final Clock clock;
    private final long recheckMillis;
    private final AtomicLong localChanges = new AtomicLong();
    private final ReentrantLock loading = new ReentrantLock();
    private volatile LocalConf current;
    private volatile long nextCheck;
    private final Clients clients;
    private final ServiceDescriptions serviceDescriptions;
    private final Endpoints endpoints;
    private final AccessRights accessRights;
    private final LocalGroups localGroups;

    /** The local configuration in {@code store}, which must have the {@code db/securityserver} migrations applied. */
    public ServerConfStore(Store store, Clock clock) {
        this(store, clock, DEFAULT_RECHECK_INTERVAL);
    }

    public ServerConfStore(Store store, Clock clock, Duration recheckInterval) {
        this.sql = new Sql(Objects.requireNonNull(store, "store"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recheckMillis = recheckInterval.toMillis();
        this.clients = new Clients(this);
        this.serviceDescriptions = new ServiceDescriptions(this);
        this.endpoints = new Endpoints(this);
        this.accessRights = new AccessRights(this);
        this.localGroups = new LocalGroups(this);
    }

    /** This server's identity, once it has been set. */
    public Optional<SecurityServerId> identity() {
        return snapshot().identity();
    }

    /** Sets (or changes) the owner member and server code. */
    public void setIdentity(SecurityServerId identity) {
        change(c -> Sql.update(c, "UPDATE conf_server SET owner_id = ?, server_code = ? WHERE id = 1",
                Checks.key(identity.owner()), identity.serverCode()));
    }

    /** The maintenance message when the server is in maintenance mode. */
    public Optional<String> maintenance() {
        return snapshot().maintenance();
    }

    /** Turns maintenance mode on with {@code message} (may be empty), or off when empty. */
    public void setMaintenance(Optional<String> message) {
        message.ifPresent(m -> Checks.text("message", m));
        change(c -> Sql.update(c, "UPDATE conf_server SET maintenance = ?, maintenance_message = ? WHERE id = 1",
                message.isPresent(), message));
    }

    public Clients clients() {
        return clients;
    }

    public ServiceDescriptions serviceDescriptions() {
        return serviceDescriptions;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public AccessRights accessRights() {
        return accessRights;
    }

    public LocalGroups localGroups() {
        return localGroups;
    }

    Clock clock() {
        return clock;
    }

    /** Runs one change in its own transaction; reads made after it returns see it. */
    <T> T change(SqlFunction<T> work) {
        try {
            return sql.change(work);
        } finally {
            localChanges.incrementAndGet();
        }
    }

    /** Reads in its own transaction, past the cached copy (for what the copy does not hold). */
    <T> T read(SqlFunction<T> work) {
        return sql.read(work);
    }

    /** The current copy of the configuration. */
    LocalConf snapshot() {
        LocalConf s = current;
        if (s != null && s.localStamp() == localChanges.get()) {
            if (clock.millis() < nextCheck || !loading.tryLock()) {
                return s;
            }
            try {
                return current == s ? checkOtherNodes(s) : current;
            } finally {
                loading.unlock();
            }
        }
        loading.lock();
        try {
            s = current;
            return s != null && s.localStamp() == localChanges.get() ? s : reload();
        } finally {
            loading.unlock();
        }
    }

    private LocalConf checkOtherNodes(LocalConf s) {
        try {
            long version = sql.read(c -> Sql.query(c, "SELECT version FROM conf_server WHERE id = 1",
                    rs -> rs.getLong(1)).getFirst());
            if (version != s.version()) {
                return reload();
            }
        } catch (XRoadException e) {
            // Keep serving the last copy: the proxies must not fail while the store is briefly away.
            LOG.warn("Cannot check the local configuration for changes: {}", e.getMessage());
        }
        nextCheck = clock.millis() + recheckMillis;
        return s;
    }

    private LocalConf reload() {
        long stamp = localChanges.get();
        LocalConf s = sql.read(c -> LocalConf.load(c, stamp));
        current = s;
        nextCheck = clock.millis() + recheckMillis;
        return s;
    }
}
