package org.sild.centralserver.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sild.runtime.json.Json;
import org.sild.runtime.store.Store;

/**
 * The audit log in the central server's store (table {@code audit_log} of the
 * {@code db/centralserver} migrations).
 *
 * <p>Entries are only appended, inside the transaction of the change they record, so a change and
 * its entry are committed together or not at all. Thread-safe.
 */
public final class AuditLog {

    /** Longest details JSON kept; longer details are replaced by a note saying so. */
    public static final int MAX_DETAILS = 16_000;
    private static final int MAX_ACTOR = 500;
    private static final int MAX_TARGET = 2100;

    private final Store store;

    public AuditLog(Store store) {
        this.store = Objects.requireNonNull(store);
    }

    /**
     * Appends an entry on {@code connection}, in the caller's transaction.
     *
     * @param details serialised as a JSON object (values as {@link Json} writes them)
     */
    public static void append(Connection connection, Instant at, String actor, String action, String target,
                              Map<String, ?> details) throws SQLException {
        String json = new String(Json.write(details), StandardCharsets.UTF_8);
        if (json.length() > MAX_DETAILS) {
            json = "{\"truncated\":true,\"length\":" + json.length() + "}";
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO audit_log (logged_at, actor, action,"
                + " target, details) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, at.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
            ps.setString(2, clip(actor, MAX_ACTOR));
            ps.setString(3, clip(action, 100));
            ps.setString(4, clip(target, MAX_TARGET));
            ps.setString(5, json);
            ps.executeUpdate();
        }
    }

    /** The entries {@code query} selects, newest first. */
    public List<AuditEntry> list(AuditQuery query) {
        var sql = new StringBuilder("SELECT id, logged_at, actor, action, target, details FROM audit_log WHERE 1 = 1");
        var params = new ArrayList<Object>();
        query.actor().ifPresent(a -> {
            sql.append(" AND actor = ?");
            params.add(a);
        });
        query.action().ifPresent(a -> {
            sql.append(" AND action = ?");
            params.add(a);
        });
        sql.append(" ORDER BY id DESC LIMIT ").append(query.limit()).append(" OFFSET ").append(query.offset());
        return store.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                var out = new ArrayList<AuditEntry>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                }
                return out;
            }
        });
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
