package org.sild.securityserver.datatracker;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.XRoadIds;
import org.sild.runtime.store.Store;
import org.sild.securityserver.messagelog.LinkedWrite;

/**
 * The personal data usage records in the store (table {@code pdu_usage}, migration V6).
 *
 * <p>Thread-safe: each read and {@link #append} is its own transaction; {@link #write} gives the inserts
 * for another one.
 */
public final class UsageStore {

    /** One page of a subject's records, newest first, with the count of all that match. */
    public record Page(long total, List<UsageRecord> records) {
        public Page {
            records = List.copyOf(records);
        }
    }

    /** What a subject asks for: one provider's records of one subject, an optional period, a page. */
    public record Query(ClientId provider, String subject, Optional<Instant> from, Optional<Instant> to,
                        int offset, int limit) {
        public Query {
            if (offset < 0 || limit < 0) {
                throw new IllegalArgumentException("offset and limit must not be negative");
            }
        }
    }

    private static final String COLUMNS = "subject, log_time, consumer_key, consumer_name, service_id, endpoint,"
            + " processing_type, purpose, legal_basis, consumer_system, user_id, issue, query_id, request_id,"
            + " succeeded, hidden, hidden_until";
    /** Hidden records stay out until their time; those hidden for good, always. */
    private static final String VISIBLE = " AND (hidden = FALSE OR (hidden_until IS NOT NULL AND hidden_until <= ?))";

    private final Store store;

    public UsageStore(Store store) {
        this.store = store;
    }

    /** Stores {@code records} in one transaction. */
    public void append(List<UsageRecord> records) {
        write(records).runAlone();
    }

    /** The inserts of {@code records}, to run in a transaction (the message log's, see {@link LinkedWrite}). */
    public LinkedWrite write(List<UsageRecord> records) {
        List<UsageRecord> copy = List.copyOf(records);
        return new LinkedWrite(store, c -> {
            if (copy.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pdu_usage (provider_key,"
                    + " consumer_member_code, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?)")) {
                for (UsageRecord r : copy) {
                    int i = 1;
                    ps.setString(i++, XRoadIds.toPath(r.service().provider()));
                    ps.setString(i++, r.consumer().memberCode());
                    ps.setString(i++, r.subject());
                    ps.setLong(i++, r.time().toEpochMilli());
                    ps.setString(i++, XRoadIds.toPath(r.consumer()));
                    ps.setString(i++, r.consumerName().orElse(null));
                    ps.setString(i++, XRoadIds.toPath(r.service()));
                    ps.setString(i++, r.endpoint().orElse(null));
                    ps.setString(i++, r.processingType());
                    ps.setString(i++, r.purpose().orElse(null));
                    ps.setString(i++, r.legalBasis().orElse(null));
                    ps.setString(i++, r.consumerSystem().orElse(null));
                    ps.setString(i++, r.userId().orElse(null));
                    ps.setString(i++, r.issue().orElse(null));
                    ps.setString(i++, r.queryId());
                    ps.setString(i++, r.requestId().orElse(null));
                    ps.setBoolean(i++, r.succeeded());
                    ps.setBoolean(i++, r.hidden());
                    if (r.hiddenUntil().isPresent()) {
                        ps.setLong(i, r.hiddenUntil().get().toEpochMilli());
                    } else {
                        ps.setNull(i, Types.BIGINT);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** The records {@code query} selects that the subject may see at {@code now}, newest first. */
    public Page find(Query query, Instant now) {
        var where = new StringBuilder(" FROM pdu_usage WHERE provider_key = ? AND subject = ?").append(VISIBLE);
        var args = new ArrayList<Object>(List.of(XRoadIds.toPath(query.provider()), query.subject(), now.toEpochMilli()));
        query.from().ifPresent(from -> {
            where.append(" AND log_time >= ?");
            args.add(from.toEpochMilli());
        });
        query.to().ifPresent(to -> {
            where.append(" AND log_time <= ?");
            args.add(to.toEpochMilli());
        });
        return store.withConnection(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            var records = new ArrayList<UsageRecord>();
            if (query.limit() > 0) {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + where
                        + " ORDER BY log_time DESC, id DESC OFFSET " + query.offset() + " ROWS FETCH NEXT "
                        + query.limit() + " ROWS ONLY")) {
                    bind(ps, args);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            records.add(read(rs));
                        }
                    }
                }
            }
            return new Page(total, records);
        });
    }

    /** The time of the oldest record of {@code provider} still kept, if any (the start of {@code usagePeriod}). */
    public Optional<Instant> oldest(ClientId provider) {
        return store.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(log_time) FROM pdu_usage WHERE provider_key = ?")) {
                ps.setString(1, XRoadIds.toPath(provider));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long min = rs.getLong(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(min));
                }
            }
        });
    }

    /** Deletes the records logged before {@code time}; returns how many. */
    public int deleteBefore(Instant time) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pdu_usage WHERE log_time < ?")) {
                ps.setLong(1, time.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private static UsageRecord read(ResultSet rs) throws SQLException {
        long until = rs.getLong("hidden_until");
        Optional<Instant> hiddenUntil = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
        return new UsageRecord(rs.getString("subject"), Instant.ofEpochMilli(rs.getLong("log_time")),
                XRoadIds.parseClientPath(rs.getString("consumer_key")), optional(rs, "consumer_name"),
                XRoadIds.parseServicePath(rs.getString("service_id")), optional(rs, "endpoint"),
                rs.getString("processing_type"), optional(rs, "purpose"), optional(rs, "legal_basis"),
                optional(rs, "consumer_system"), optional(rs, "user_id"), optional(rs, "issue"),
                rs.getString("query_id"), optional(rs, "request_id"), rs.getBoolean("succeeded"),
                rs.getBoolean("hidden"), hiddenUntil);
    }

    private static Optional<String> optional(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }
}
