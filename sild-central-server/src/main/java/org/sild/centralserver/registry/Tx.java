package org.sild.centralserver.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.sild.centralserver.audit.AuditLog;

/**
 * One registry transaction as the operations see it: statements in SQL that H2 and PostgreSQL
 * share, the time of the change, who makes it, and the audit entries it writes. Used by one
 * thread for the duration of the transaction.
 */
final class Tx {

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final Instant now;
    private final String actor;

    Tx(Connection connection, Instant now, String actor) {
        this.connection = connection;
        this.now = now;
        this.actor = actor;
    }

    Instant now() {
        return now;
    }

    String actor() {
        return actor;
    }

    int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(sql, false, params)) {
            return ps.executeUpdate();
        }
    }

    /** Runs an INSERT and answers the generated key. */
    long insert(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(sql, true, params)) {
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated key");
                }
                return keys.getLong(1);
            }
        }
    }

    <T> List<T> query(String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(sql, false, params); ResultSet rs = ps.executeQuery()) {
            var out = new ArrayList<T>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    <T> Optional<T> first(String sql, Row<T> row, Object... params) throws SQLException {
        List<T> all = query(sql, row, params);
        return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.getFirst());
    }

    boolean exists(String sql, Object... params) throws SQLException {
        return !query(sql, rs -> Boolean.TRUE, params).isEmpty();
    }

    /** Records the change in the audit log; {@code details} alternate keys and values, absent values left out. */
    void audit(String action, String target, Object... details) throws SQLException {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i + 1 < details.length; i += 2) {
            Object value = details[i + 1];
            if (value instanceof Optional<?> o) {
                value = o.orElse(null);
            }
            if (value != null) {
                map.put(String.valueOf(details[i]), value);
            }
        }
        AuditLog.append(connection, now, actor, action, target, map);
    }

    static OffsetDateTime time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value.toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private PreparedStatement prepare(String sql, boolean keys, Object... params) throws SQLException {
        PreparedStatement ps = keys ? connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                : connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Optional<?> o) {
                    p = o.orElse(null);
                }
                if (p instanceof Instant t) {
                    p = time(t);
                }
                if (p == null) {
                    // Untyped, so that PostgreSQL accepts it for any column type.
                    ps.setNull(i + 1, Types.NULL);
                } else if (p instanceof byte[] bytes) {
                    ps.setBytes(i + 1, bytes);
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
