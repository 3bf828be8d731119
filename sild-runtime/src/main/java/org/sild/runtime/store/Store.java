package org.sild.runtime.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A product's relational store: a HikariCP connection pool on H2 or PostgreSQL whose schema
 * Flyway has migrated from the product's classpath location.
 *
 * <pre>{@code
 * try (Store store = Store.builder().name("securityserver").config(config.store())
 *         .defaultDirectory(dataDir).migrations("db/securityserver").open()) {
 *     long id = store.inTransaction(c -> insertClient(c, client));
 * }
 * }</pre>
 *
 * <p>Thread-safe: transactions on different threads use different pooled connections. SQL
 * failures surface as {@link XRoadException} with {@code DatabaseError}. Closing closes the pool
 * (and with it an embedded H2 database). See the package documentation for the SQL that migrations
 * may use.
 */
public final class Store implements AutoCloseable {

    /** SQLState of a unique or primary key violation, the same on H2 and PostgreSQL. */
    public static final String UNIQUE_VIOLATION = "23505";

    private final String name;
    private final String jdbcUrl;
    private final Dialect dialect;
    private final HikariDataSource pool;

    private Store(String name, String jdbcUrl, Dialect dialect, HikariDataSource pool) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.dialect = dialect;
        this.pool = pool;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pooled data source, for code that needs JDBC directly. */
    public DataSource dataSource() {
        return pool;
    }

    /** The JDBC URL connected to. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Which database this is. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code work} in one transaction and returns its result: committed when it returns,
     * rolled back when it throws (anything). An {@link XRoadException} from {@code work} passes
     * through unchanged; an {@link SQLException} becomes {@code DatabaseError}.
     */
    public <T> T inTransaction(SqlFunction<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** {@link #inTransaction(SqlFunction)} for work without a result. */
    public void runInTransaction(SqlConsumer work) {
        inTransaction(connection -> {
            work.accept(connection);
            return null;
        });
    }

    /** Runs {@code work} on a connection in auto-commit mode (each statement its own transaction). */
    public <T> T withConnection(SqlFunction<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Whether a connection can be had and answers within {@code timeout}; for health checks. */
    public boolean isReachable(Duration timeout) {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The {@code DatabaseError} fault for an SQL failure: names the SQLState, keeps the exception as
     * cause (for the log) and no SQL text or values in the message.
     */
    public static XRoadException failure(SQLException e) {
        return new XRoadException(ErrorCode.DATABASE_ERROR, "database operation failed (SQLState "
                + Optional.ofNullable(e.getSQLState()).orElse("unknown") + ", " + e.getClass().getSimpleName() + ")", e);
    }

    /** The SQLState of the first {@link SQLException} in {@code failure}'s cause chain. */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code failure} was caused by a unique or primary key violation (to answer 409 and the like). */
    public static boolean isUniqueViolation(Throwable failure) {
        return sqlState(failure).filter(UNIQUE_VIOLATION::equals).isPresent();
    }

    /** Closes the pool. Idempotent. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "Store[" + name + " " + dialect + "]";
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Configures and opens a {@link Store}. Not thread-safe. */
    public static final class Builder {
        private String name = "store";
        private StoreConfig config = StoreConfig.defaults();
        private Optional<Path> defaultDirectory = Optional.empty();
        private Optional<String> migrations = Optional.empty();
        private Optional<MeterRegistry> metrics = Optional.empty();

        private Builder() {
        }

        /** Name for the pool (threads, logs). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** URL, credentials and pool settings (default {@link StoreConfig#defaults()}). */
        public Builder config(StoreConfig config) {
            this.config = Objects.requireNonNull(config);
            return this;
        }

        /** Where the embedded H2 database lives when the configuration has no URL. */
        public Builder defaultDirectory(Path directory) {
            this.defaultDirectory = Optional.of(directory);
            return this;
        }

        /** Classpath location of the Flyway migrations, for example {@code db/securityserver}. */
        public Builder migrations(String classpathLocation) {
            this.migrations = Optional.of(classpathLocation.startsWith("classpath:")
                    ? classpathLocation : "classpath:" + classpathLocation);
            return this;
        }

        /** Publishes the pool's metrics ({@code hikaricp_connections_*}, tagged with the store's name) in {@code registry}. */
        public Builder metrics(MeterRegistry registry) {
            this.metrics = Optional.of(registry);
            return this;
        }

        /**
         * Opens the pool and applies pending migrations.
         *
         * @throws XRoadException {@code DatabaseError} when the database cannot be reached, the URL
         *                        names another database, or a migration fails
         */
        public Store open() {
            if (config.url().isEmpty() && defaultDirectory.isEmpty()) {
                throw new IllegalStateException("store " + name + " has no URL and no default directory");
            }
            String url = config.jdbcUrl(defaultDirectory.orElse(Path.of(".")));
            Dialect dialect = Dialect.of(url);
            var hikari = new HikariConfig();
            hikari.setPoolName(name);
            hikari.setJdbcUrl(url);
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
            hikari.setMaximumPoolSize(config.poolSize());
            hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
            hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            metrics.ifPresent(r -> hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(r)));
            HikariDataSource pool;
            try {
                pool = new HikariDataSource(hikari);
            } catch (RuntimeException e) {
                throw new XRoadException(ErrorCode.DATABASE_ERROR, "cannot connect store " + name + " to "
                        + StoreConfig.redacted(url) + ": " + rootMessage(e), e);
            }
            migrations.ifPresent(location -> migrate(pool, location));
            return new Store(name, url, dialect, pool);
        }

        private void migrate(HikariDataSource pool, String location) {
            try {
                Flyway.configure(Store.class.getClassLoader())
                        .dataSource(pool)
                        .locations(location)
                        .failOnMissingLocations(true)
                        .validateMigrationNaming(true)
                        .cleanDisabled(true)
                        .load()
                        .migrate();
            } catch (FlywayException e) {
                pool.close();
                throw new XRoadException(ErrorCode.DATABASE_ERROR, "migrating store " + name + " from " + location
                        + " failed: " + firstLine(e.getMessage()), e);
            }
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return firstLine(String.valueOf(t.getMessage()));
        }

        private static String firstLine(String message) {
            int newline = message == null ? -1 : message.indexOf('\n');
            return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
        }
    }
}
