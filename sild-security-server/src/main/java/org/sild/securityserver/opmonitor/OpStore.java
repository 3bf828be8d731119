package org.sild.securityserver.opmonitor;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.runtime.json.Json;
import org.sild.runtime.store.Store;

/**
 * The operational data records in the store (table {@code op_record}, migration V5).
 *
 * <p>Thread-safe (each call is its own transaction).
 */
final class OpStore {

    /** Which records a query may see: all, or those where a caller is the client or the provider. */
    record Filter(Optional<ClientId> party, Optional<ClientId> provider) {
    }

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final Store store;

    OpStore(Store store) {
        this.store = store;
    }

    /** Stores {@code records} as received at {@code monitoringDataTs} (epoch seconds). */
    void insert(List<OpRecord> records, long monitoringDataTs) {
        store.runInTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO op_record (monitoring_data_ts, client_key,"
                    + " provider_key, record_json) VALUES (?, ?, ?, ?)")) {
                for (OpRecord r : records) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("monitoringDataTs", monitoringDataTs);
                    json.putAll(r.fields());
                    ps.setLong(1, monitoringDataTs);
                    ps.setString(2, r.clientId().map(OpRecord::key).orElse(null));
                    ps.setString(3, r.serviceId().map(s -> OpRecord.key(s.provider())).orElse(null));
                    ps.setString(4, new String(Json.write(json), StandardCharsets.UTF_8));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** Up to {@code limit} records with {@code from <= monitoringDataTs <= to}, oldest first. */
    List<Map<String, Object>> select(long from, long to, Filter filter, int limit) {
        return read("monitoring_data_ts >= ? AND monitoring_data_ts <= ?", List.of(from, to), filter,
                Optional.of(limit));
    }

    /** Every record of second {@code ts}. */
    List<Map<String, Object>> second(long ts, Filter filter) {
        return read("monitoring_data_ts = ?", List.of(ts), filter, Optional.empty());
    }

    /** Whether a record exists with {@code from <= monitoringDataTs <= to}. */
    boolean any(long from, long to, Filter filter) {
        return !read("monitoring_data_ts >= ? AND monitoring_data_ts <= ?", List.of(from, to), filter,
                Optional.of(1)).isEmpty();
    }

    /** Deletes the records received before {@code ts} (epoch seconds); returns how many. */
    int deleteBefore(long ts) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM op_record WHERE monitoring_data_ts < ?")) {
                ps.setLong(1, ts);
                return ps.executeUpdate();
            }
        });
    }

    private List<Map<String, Object>> read(String window, List<Long> bounds, Filter filter, Optional<Integer> limit) {
        var sql = new StringBuilder("SELECT record_json FROM op_record WHERE ").append(window);
        var args = new ArrayList<Object>(bounds);
        filter.party().ifPresent(p -> {
            sql.append(" AND (client_key = ? OR provider_key = ?)");
            args.add(OpRecord.key(p));
            args.add(OpRecord.key(p));
        });
        filter.provider().ifPresent(p -> {
            sql.append(" AND provider_key = ?");
            args.add(OpRecord.key(p));
        });
        sql.append(" ORDER BY monitoring_data_ts, id");
        limit.ifPresent(n -> sql.append(" FETCH FIRST ").append(n).append(" ROWS ONLY"));
        return store.withConnection(c -> query(c, sql.toString(), args));
    }

    private static List<Map<String, Object>> query(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            var rows = new ArrayList<Map<String, Object>>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(Json.mapper().readValue(rs.getString(1), MAP));
                }
            }
            return rows;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable operational data record: " + e.getOriginalMessage(), e);
        }
    }
}
