package org.sild.securityserver.messagelog;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.signature.SignatureData;
import org.sild.core.transport.MessageType;
import org.sild.runtime.store.Store;

/** Puts message log records and time-stamps into a test store the way logging and time-stamping leave them. */
final class LogFixture {

    static final SubsystemId CLIENT = new SubsystemId("DEV", "COM", "111", "portal");
    static final SubsystemId OTHER_CLIENT = new SubsystemId("DEV", "COM", "222", "shop");
    static final ServiceId SERVICE = new ServiceId(new SubsystemId("DEV", "GOV", "999", "registry"), "getPerson");

    private final Store store;
    private final StoreMessageLog log;

    LogFixture(Store store, StoreMessageLog log) {
        this.store = store;
        this.log = log;
    }

    /** Logs a SOAP record and returns its id. */
    long soap(String queryId, ClientId client, boolean response, Instant time) {
        String requestId = UUID.randomUUID().toString();
        log.append(new LogRecord(queryId, requestId, client, SERVICE, response, MessageType.SOAP,
                bytes("<Envelope>" + queryId + (response ? " response" : " request") + "</Envelope>"), Optional.empty(),
                SignatureData.of(bytes("<signatures id=\"" + requestId + "\"/>")), time));
        return log.findByRequestId(requestId).getFirst().id();
    }

    /** Logs a REST request with a body and returns its id. */
    long rest(String queryId, ClientId client, Instant time, byte[] body) {
        String requestId = UUID.randomUUID().toString();
        log.append(new LogRecord(queryId, requestId, client, SERVICE, false, MessageType.REST,
                bytes("GET /r1/DEV/GOV/999/registry/getPerson\r\n"), Optional.of(body),
                SignatureData.of(bytes("<signatures id=\"" + requestId + "\"/>")), time));
        return log.findByRequestId(requestId).getFirst().id();
    }

    /** Stamps {@code ids} with one single-shape time-stamp (the token is not a real one). */
    long stampSingle(long... ids) {
        return stamp(null, ids);
    }

    /** Stamps {@code ids} with one batch time-stamp, each record with its own chain. */
    long stampBatch(long... ids) {
        return stamp(bytes("<ts-hashchainresult/>"), ids);
    }

    private long stamp(byte[] result, long... ids) {
        return store.inTransaction(c -> {
            long ts;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO message_log_timestamp (stamp_time, token,"
                    + " hash_chain_result, archived) VALUES (?, ?, ?, FALSE)", new String[] {"id"})) {
                ps.setLong(1, 1);
                ps.setBytes(2, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
                ps.setBytes(3, result);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    ts = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE message_log SET timestamp_record = ?, timestamp_hash_chain = ? WHERE id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, ts);
                    ps.setBytes(2, result == null ? null : bytes("<ts-hashchain record=\"" + id + "\"/>"));
                    ps.setLong(3, id);
                    ps.executeUpdate();
                }
            }
            return ts;
        });
    }

    boolean archived(long id) {
        return log.find(id).orElseThrow().archived();
    }

    boolean exists(long id) {
        return log.find(id).isPresent();
    }

    /** Whether the time-stamp row exists, and whether it is archived. */
    Optional<Boolean> timestamp(long id) {
        return store.withConnection(c -> query(c, id));
    }

    void markArchived(List<Long> ids) {
        store.runInTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE message_log SET archived = TRUE WHERE id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
        });
    }

    private static Optional<Boolean> query(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT archived FROM message_log_timestamp WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
