package org.sild.securityserver.serverconf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.runtime.store.SqlFunction;
import org.sild.runtime.store.Store;

/** Transactions and statements on the local configuration tables, in SQL that H2 and PostgreSQL share. */
final class Sql {

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Store store;

    Sql(Store store) {
        this.store = store;
    }

    /** Runs {@code work} in one read-only transaction that sees a single consistent state. */
    <T> T read(SqlFunction<T> work) {
        return store.inTransaction(c -> {
            // Before the first statement, so both databases accept the change for this transaction.
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            return work.apply(c);
        });
    }

    /**
     * Runs {@code work} in a transaction that first takes the configuration's row lock and counts
     * the change, so writers on every node run one at a time and every cache learns it is stale.
     */
    <T> T change(SqlFunction<T> work) {
        return store.inTransaction(c -> {
            update(c, "UPDATE conf_server SET version = version + 1 WHERE id = 1");
            return work.apply(c);
        });
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    static <T> List<T> query(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            var out = new ArrayList<T>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        return !query(c, sql, rs -> Boolean.TRUE, params).isEmpty();
    }

    /** The value for a time column: UTC, to the millisecond (both databases keep that exactly). */
    static OffsetDateTime time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Optional<?> o) {
                    p = o.orElse(null);
                }
                if (p == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }
}
