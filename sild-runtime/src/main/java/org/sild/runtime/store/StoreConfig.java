package org.sild.runtime.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a product reaches its database: JDBC URL, credentials and pool settings.
 *
 * <p>In a product's YAML file this is the {@code store} section (keys {@code url}, {@code user},
 * {@code password}, {@code pool-size}, {@code connection-timeout}). Without a URL the store is an
 * H2 file database in the product's data directory ({@link #h2FileUrl}). Immutable value; its
 * {@code toString} hides the password.
 *
 * @param url               JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}); empty for the
 *                          embedded H2 default
 * @param user              database user
 * @param password          database password (may be empty)
 * @param poolSize          connections in the pool, 1..1000
 * @param connectionTimeout how long a caller waits for a pooled connection
 */
public record StoreConfig(Optional<String> url, String user, String password, int poolSize,
        Duration connectionTimeout) {

    /**
     * The H2 settings Sild uses, appended to every H2 URL it builds. They keep SQL portable to
     * PostgreSQL: PostgreSQL mode (its types, {@code ON CONFLICT DO NOTHING}, {@code ::} casts),
     * unquoted identifiers folded to lower case, {@code NULL}s sorted last as in PostgreSQL; the
     * database closes when the pool does, not in a JVM shutdown hook; lock waits of 10 s instead
     * of H2's 1 s, closer to PostgreSQL's blocking behaviour; and every commit written to the file
     * before it returns ({@code WRITE_DELAY=0}): H2 otherwise writes commits up to 500 ms later, and a
     * process killed in that window loses message log records whose exchange was already answered.
     */
    public static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";

    /** Name of the H2 database file (without H2's {@code .mv.db} suffix). */
    public static final String H2_FILE_NAME = "sild";

    public StoreConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:postgresql:")) {
                throw new org.sild.runtime.config.ConfigException("url", "must be a jdbc:h2: or jdbc:postgresql: URL");
            }
        });
        if (poolSize < 1 || poolSize > 1000) {
            throw new org.sild.runtime.config.ConfigException("pool-size", "must be 1..1000, was " + poolSize);
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new org.sild.runtime.config.ConfigException("connection-timeout", "must be at least 250ms, was "
                    + connectionTimeout);
        }
    }

    /** The defaults: embedded H2, user {@code sild}, empty password, 10 connections, 30 s timeout. */
    public static StoreConfig defaults() {
        return new StoreConfig(Optional.empty(), "sild", "", 10, Duration.ofSeconds(30));
    }

    /** A configuration for {@code url} with the given credentials and default pool settings. */
    public static StoreConfig of(String url, String user, String password) {
        var d = defaults();
        return new StoreConfig(Optional.of(url), user, password, d.poolSize(), d.connectionTimeout());
    }

    /** The URL of Sild's H2 file database in {@code directory}: {@code jdbc:h2:file:<dir>/sild} + {@link #H2_SETTINGS}. */
    public static String h2FileUrl(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve(H2_FILE_NAME) + H2_SETTINGS;
    }

    /** The URL to connect to: {@link #url()} or the H2 file database in {@code defaultDirectory}. */
    public String jdbcUrl(Path defaultDirectory) {
        return url.orElseGet(() -> h2FileUrl(defaultDirectory));
    }

    /** {@code url} with the value of a {@code password} parameter replaced by {@code ****}. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    @Override
    public String toString() {
        return "StoreConfig[url=" + url.map(StoreConfig::redacted).orElse("<embedded H2>") + ", user=" + user + ", password="
                + (password.isEmpty() ? "<empty>" : "****") + ", poolSize=" + poolSize
                + ", connectionTimeout=" + connectionTimeout + "]";
    }
}
