package org.sild.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The databases store tests run on, each giving a fresh, isolated {@link TestDatabase}.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(TestDatabases.class)            // or @MethodSource("org.sild.testing.TestDatabases#both")
 * void storesClients(TestDatabases kind) {
 *     try (TestDatabase db = kind.open();
 *          Store store = Store.builder().config(StoreConfig.of(db.url(), db.user(), db.password()))
 *                  .migrations("db/securityserver").open()) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #H2}: a new H2 file database in a new temporary directory, with the same URL settings as
 * the runtime's embedded default ({@code StoreConfig.H2_SETTINGS}); closing deletes the directory.
 * {@link #POSTGRESQL}: a new schema in the database named by the environment variable
 * {@value #POSTGRES_URL_VARIABLE} (a {@code jdbc:postgresql:} URL, credentials as {@code user} and
 * {@code password} parameters); the URL handed out selects it with {@code currentSchema}, closing
 * drops it. When the variable is absent, {@link #open()} skips the test through a JUnit assumption;
 * when it is set but the server cannot be reached, the test fails. Schemas left behind by a
 * killed test run are dropped after six hours. Thread-safe: every call opens its own database.
 */
public enum TestDatabases {
    /** An H2 file database in PostgreSQL mode. */
    H2,
    /** A fresh schema in the PostgreSQL database of {@value #POSTGRES_URL_VARIABLE}. */
    POSTGRESQL;

    /** The environment variable holding the PostgreSQL URL for tests. */
    public static final String POSTGRES_URL_VARIABLE = "SILD_TEST_POSTGRES_URL";

    /** Kept in step with the runtime's {@code StoreConfig.H2_SETTINGS}; a runtime test checks they agree. */
    static final String H2_SETTINGS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";

    private static final String SCHEMA_PREFIX = "sild_t_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final Duration STALE_AFTER = Duration.ofHours(6);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    /** Both databases, for {@code @MethodSource("org.sild.testing.TestDatabases#both")}. */
    public static Stream<TestDatabases> both() {
        return Stream.of(values());
    }

    /** Whether {@value #POSTGRES_URL_VARIABLE} is set, so that {@link #POSTGRESQL} runs. */
    public static boolean postgresConfigured() {
        return postgresUrl().isPresent();
    }

    /**
     * A fresh, empty database of this kind; close it when done.
     *
     * @throws org.opentest4j.TestAbortedException for {@link #POSTGRESQL} when
     *         {@value #POSTGRES_URL_VARIABLE} is not set (the test is skipped)
     */
    public TestDatabase open() {
        return this == H2 ? openH2() : openPostgres();
    }

    @Override
    public String toString() {
        return this == H2 ? "H2" : "PostgreSQL";
    }

    private static TestDatabase openH2() {
        try {
            Path dir = Files.createTempDirectory("sild-test-h2-");
            String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("sild") + H2_SETTINGS;
            return new TestDatabase(H2, url, "sild", "", Optional.of(dir), () -> deleteTree(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for an H2 test database", e);
        }
    }

    private static TestDatabase openPostgres() {
        Optional<String> configured = postgresUrl();
        Assumptions.assumeTrue(configured.isPresent(), () -> POSTGRES_URL_VARIABLE + " is not set, so the"
                + " PostgreSQL case is skipped; set it to a jdbc:postgresql:// URL with user and password"
                + " parameters (the /work/mvnl wrapper and CI do) to run it");
        String adminUrl = configured.orElseThrow();
        Map<String, String> parameters = parameters(adminUrl);
        String user = parameters.getOrDefault("user", "");
        String password = parameters.getOrDefault("password", "");
        String schema = SCHEMA_PREFIX + STAMP.format(Instant.now()) + "_" + HexFormat.of().formatHex(randomBytes());
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            if (SWEPT.compareAndSet(false, true)) {
                dropStaleSchemas(c);
            }
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema in " + redacted(adminUrl) + ": " + e.getMessage(), e);
        }
        String base = withoutCredentials(adminUrl);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(POSTGRESQL, url, user, password, Optional.empty(),
                () -> execute(adminUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    private static Optional<String> postgresUrl() {
        return Optional.ofNullable(System.getenv(POSTGRES_URL_VARIABLE)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static void dropStaleSchemas(Connection c) throws SQLException {
        var stale = new ArrayList<String>();
        String cutoff = STAMP.format(Instant.now().minus(STALE_AFTER));
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT schema_name FROM information_schema.schemata"
                     + " WHERE schema_name LIKE '" + SCHEMA_PREFIX + "%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String stamp = name.substring(SCHEMA_PREFIX.length()).split("_")[0];
                if (stamp.length() == 14 && stamp.compareTo(cutoff) < 0) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "': " + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return b;
    }

    private static Map<String, String> parameters(String url) {
        var result = new LinkedHashMap<String, String>();
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    result.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return result;
    }

    private static String withoutCredentials(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        var kept = new ArrayList<String>();
        for (String pair : url.substring(q + 1).split("&")) {
            if (!pair.startsWith("user=") && !pair.startsWith("password=") && !pair.isEmpty()) {
                kept.add(pair);
            }
        }
        return url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }

    private static String redacted(String url) {
        return url.replaceAll("(password=)[^&]*", "$1****");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete test database directory " + dir, e);
        }
    }
}
