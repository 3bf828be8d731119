package org.sild.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.config.ConfigException;
import org.sild.testing.TestDatabase;
import org.sild.testing.TestDatabases;

/** {@link Store} on H2 and PostgreSQL, each test on a fresh database from {@link TestDatabases}. */
class StoreTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2025, 3, 1, 12, 30, 0, 0, ZoneOffset.UTC);

    private static Store open(TestDatabase db) {
        return Store.builder().name("store-test").config(StoreConfig.of(db.url(), db.user(), db.password()))
                .migrations("db/storetest").open();
    }

    @ParameterizedTest
    @MethodSource("org.sild.testing.TestDatabases#both")
    void migrationsRunAndRunOnlyOnce(TestDatabases kind) throws SQLException {
        try (TestDatabase db = kind.open()) {
            try (Store store = open(db)) {
                assertThat(store.dialect().name()).isEqualTo(kind.name());
                insertClient(store, "first");
            }
            try (Store again = open(db)) {
                assertThat((long) again.withConnection(c -> count(c, "SELECT COUNT(*) FROM flyway_schema_history"
                        + " WHERE success = TRUE AND version IS NOT NULL"))).isEqualTo(2);
                assertThat((long) again.withConnection(c -> count(c, "SELECT COUNT(*) FROM client"))).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.sild.testing.TestDatabases#both")
    void transactionsCommitOrRollBack(TestDatabases kind) {
        try (TestDatabase db = kind.open(); Store store = open(db)) {
            long id = insertClient(store, "kept");
            assertThat(id).isPositive();

            var boom = new XRoadException(ErrorCode.LOGGING_FAILED, "boom");
            assertThatThrownBy(() -> store.runInTransaction(c -> {
                insert(c, "rolled-back");
                throw boom;
            })).isSameAs(boom);
            assertThatThrownBy(() -> store.runInTransaction(c -> {
                insert(c, "rolled-back-too");
                throw new IllegalStateException("not an SQL problem");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(codes(store)).containsExactly("kept");
        }
    }

    @ParameterizedTest
    @MethodSource("org.sild.testing.TestDatabases#both")
    void sqlFailuresAreDatabaseErrorsAndUniqueViolationsAreRecognised(TestDatabases kind) {
        try (TestDatabase db = kind.open(); Store store = open(db)) {
            insertClient(store, "dup");
            assertThatThrownBy(() -> insertClient(store, "dup")).isInstanceOfSatisfying(XRoadException.class, e -> {
                assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.DATABASE_ERROR));
                assertThat(e.getMessage()).contains("23505").doesNotContain("dup");
                assertThat(Store.isUniqueViolation(e)).isTrue();
            });
            assertThatThrownBy(() -> store.withConnection(c -> count(c, "SELECT COUNT(*) FROM no_such_table")))
                    .isInstanceOfSatisfying(XRoadException.class, e -> {
                        assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.DATABASE_ERROR));
                        assertThat(Store.isUniqueViolation(e)).isFalse();
                        assertThat(Store.sqlState(e)).isPresent();
                    });
            assertThat(codes(store)).containsExactly("dup");
        }
    }

    @ParameterizedTest
    @MethodSource("org.sild.testing.TestDatabases#both")
    void portableSqlSubsetWorks(TestDatabases kind) {
        try (TestDatabase db = kind.open(); Store store = open(db)) {
            long clientId = insertClient(store, "portable");
            UUID partId = UUID.randomUUID();
            byte[] content = {0, 1, 2, (byte) 0xff};
            store.runInTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO blob_part"
                        + " (id, client_id, content, note, amount, valid_from) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setObject(1, partId);
                    ps.setLong(2, clientId);
                    ps.setBytes(3, content);
                    ps.setString(4, "ünïcödé text");
                    ps.setBigDecimal(5, new BigDecimal("1234.50"));
                    ps.setObject(6, LocalDate.of(2025, 1, 31));
                    ps.executeUpdate();
                }
            });
            store.runInTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id, content, note, amount, valid_from"
                        + " FROM blob_part WHERE client_id = ? FOR UPDATE")) {
                    ps.setLong(1, clientId);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getObject(1, UUID.class)).isEqualTo(partId);
                        assertThat(rs.getBytes(2)).containsExactly(content);
                        assertThat(rs.getString(3)).isEqualTo("ünïcödé text");
                        assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("1234.5");
                        assertThat(rs.getObject(5, LocalDate.class)).isEqualTo(LocalDate.of(2025, 1, 31));
                    }
                }
            });
            OffsetDateTime stored = store.withConnection(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT created_at FROM client")) {
                    rs.next();
                    return rs.getObject(1, OffsetDateTime.class);
                }
            });
            assertThat(stored.toInstant()).isEqualTo(T0.toInstant());

            // ON CONFLICT DO NOTHING, CAST, LIMIT/OFFSET and NULLs sorting last run on both.
            int inserted = store.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO client"
                    + " (client_code, created_at) VALUES ('portable', CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING"));
            assertThat(inserted).isZero();
            insertClient(store, "b");
            insertClient(store, "c");
            store.runInTransaction(c -> c.createStatement().executeUpdate(
                    "UPDATE client SET description = 'd' WHERE client_code = 'b'"));
            List<String> page = store.withConnection(c -> {
                var out = new ArrayList<String>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT client_code || ':' || CAST(id AS VARCHAR(20))"
                        + " FROM client ORDER BY description, client_code LIMIT 2 OFFSET 1")) {
                    while (rs.next()) {
                        out.add(rs.getString(1).split(":")[0]);
                    }
                }
                return out;
            });
            assertThat(page).containsExactly("c", "portable");
            // ON DELETE CASCADE
            store.runInTransaction(c -> c.createStatement().executeUpdate("DELETE FROM client WHERE client_code = 'portable'"));
            assertThat((long) store.withConnection(c -> count(c, "SELECT COUNT(*) FROM blob_part"))).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("org.sild.testing.TestDatabases#both")
    void reachabilityFollowsThePool(TestDatabases kind) {
        try (TestDatabase db = kind.open()) {
            Store store = open(db);
            assertThat(store.isReachable(Duration.ofSeconds(2))).isTrue();
            store.close();
            assertThat(store.isReachable(Duration.ofSeconds(2))).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("org.sild.testing.TestDatabases#both")
    void brokenMigrationIsADatabaseError(TestDatabases kind) {
        try (TestDatabase db = kind.open()) {
            var builder = Store.builder().config(StoreConfig.of(db.url(), db.user(), db.password()))
                    .migrations("db/broken");
            assertThatThrownBy(builder::open).isInstanceOfSatisfying(XRoadException.class, e -> {
                assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.DATABASE_ERROR));
                assertThat(e.getMessage()).contains("classpath:db/broken");
            });
            var missing = Store.builder().config(StoreConfig.of(db.url(), db.user(), db.password()))
                    .migrations("db/does-not-exist");
            assertThatThrownBy(missing::open).isInstanceOfSatisfying(XRoadException.class,
                    e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.DATABASE_ERROR)));
        }
    }

    @Test
    void defaultIsAnH2FileDatabaseInTheDirectory(@TempDir Path dir) {
        try (Store store = Store.builder().defaultDirectory(dir).migrations("db/storetest").open()) {
            assertThat(store.dialect()).isEqualTo(Dialect.H2);
            assertThat(store.jdbcUrl()).isEqualTo(StoreConfig.h2FileUrl(dir))
                    .startsWith("jdbc:h2:file:" + dir.toAbsolutePath() + "/sild;MODE=PostgreSQL;");
            insertClient(store, "on-disk");
        }
        assertThat(Files.exists(dir.resolve("sild.mv.db"))).isTrue();
        try (Store reopened = Store.builder().defaultDirectory(dir).open()) {
            assertThat(codes(reopened)).containsExactly("on-disk");
        }
    }

    @Test
    void testDatabasesUseTheRuntimeH2Settings() {
        try (TestDatabase db = TestDatabases.H2.open()) {
            assertThat(db.url()).isEqualTo(StoreConfig.h2FileUrl(db.directory().orElseThrow()));
        }
    }

    @Test
    void onlyH2AndPostgresqlAreAccepted() {
        assertThatThrownBy(() -> StoreConfig.of("jdbc:mysql://localhost/x", "u", "p"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("url: must be a jdbc:h2: or jdbc:postgresql: URL"));
        assertThatThrownBy(() -> Dialect.of("jdbc:mysql://localhost/x")).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.getMessage()).contains("jdbc:mysql"));
        assertThat(Dialect.of("jdbc:postgresql://h/db")).isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void unreachableDatabaseIsADatabaseErrorWithoutThePassword() {
        var config = new StoreConfig(Optional.of("jdbc:postgresql://127.0.0.1:1/none?password=secret"), "sild",
                "secret", 1, Duration.ofMillis(500));
        assertThatThrownBy(() -> Store.builder().config(config).open()).isInstanceOfSatisfying(XRoadException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.DATABASE_ERROR));
                    assertThat(e.getMessage()).contains("127.0.0.1:1").doesNotContain("secret");
                });
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> new StoreConfig(Optional.empty(), "u", "", 0, Duration.ofSeconds(1)))
                .hasMessage("pool-size: must be 1..1000, was 0");
        assertThatThrownBy(() -> new StoreConfig(Optional.empty(), "u", "", 1, Duration.ofMillis(10)))
                .hasMessage("connection-timeout: must be at least 250ms, was PT0.01S");
    }

    private static long insertClient(Store store, String code) {
        return store.inTransaction(c -> insert(c, code));
    }

    private static long insert(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO client (client_code, created_at) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, code);
            ps.setObject(2, T0);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static List<String> codes(Store store) {
        return store.withConnection(c -> {
            var out = new ArrayList<String>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT client_code FROM client ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
