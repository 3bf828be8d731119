package org.sild.securityserver.messagelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The time-stamper's SQL on the message log tables ({@code message_log}, {@code message_log_timestamp},
 * {@code job_lock}). Every method works on the caller's connection, so the caller decides what one
 * transaction covers. Stateless.
 */
final class TimestampStore {

    /** The name of the time-stamper's row in {@code job_lock}. */
    static final String JOB = "timestamper";

    /** A message record waiting for its time-stamp: what a batch needs of it (no signature bytes). */
    record Pending(long id, String signatureHash, Instant time) {
    }

    private TimestampStore() {
    }

    /**
     * Locks {@code job}'s row until the transaction ends, so one node at a time runs the job.
     *
     * @throws XRoadException {@code DatabaseError} when the row is missing (migration V4 not applied)
     */
    static void lock(Connection c, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM job_lock WHERE name = ? FOR UPDATE")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new XRoadException(ErrorCode.DATABASE_ERROR, "no job lock row '" + job + "' in job_lock");
                }
            }
        }
    }

    /** The oldest {@code limit} records that are not time-stamped, in id order. */
    static List<Pending> pending(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, signature_hash, log_time FROM message_log"
                + " WHERE timestamp_record IS NULL ORDER BY id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                var out = new ArrayList<Pending>();
                while (rs.next()) {
                    out.add(new Pending(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
                }
                return out;
            }
        }
    }

    /** The signature XML of record {@code id} if it exists and is not time-stamped yet. */
    static Optional<byte[]> pendingSignature(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT signature FROM message_log WHERE id = ? AND timestamp_record IS NULL")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** How many records are not time-stamped. */
    static long countPending(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM message_log WHERE timestamp_record IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** When the oldest record that is not time-stamped was logged, if there is one. */
    static Optional<Instant> oldestPending(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MIN(log_time) FROM message_log WHERE timestamp_record IS NULL")) {
            rs.next();
            long time = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(time));
        }
    }

    /** Inserts a time-stamp row and returns its id. */
    static long insertTimestamp(Connection c, Instant time, byte[] token, Optional<byte[]> hashChainResult)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO message_log_timestamp"
                + " (stamp_time, token, hash_chain_result, archived) VALUES (?, ?, ?, FALSE)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, time.toEpochMilli());
            ps.setBytes(2, token);
            if (hashChainResult.isPresent()) {
                ps.setBytes(3, hashChainResult.get());
            } else {
                ps.setNull(3, Types.BINARY);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated id for the message_log_timestamp row");
                }
                return keys.getLong(1);
            }
        }
    }

    static void deleteTimestamp(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM message_log_timestamp WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /**
     * Records a single time-stamp on record {@code id}: the signature with the token embedded and its new
     * hash. False when the record was time-stamped meanwhile (it is then left alone).
     */
    static boolean markSingle(Connection c, long id, long timestampId, byte[] signature, String signatureHash)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE message_log SET signature = ?, signature_hash = ?,"
                + " timestamp_record = ? WHERE id = ? AND timestamp_record IS NULL")) {
            ps.setBytes(1, signature);
            ps.setString(2, signatureHash);
            ps.setLong(3, timestampId);
            ps.setLong(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Records a batch time-stamp on {@code records}, each with its own hash chain ({@code chains} in the
     * same order). Returns how many were marked: records stamped meanwhile by someone else are left alone.
     */
    static int markBatch(Connection c, List<Pending> records, long timestampId, List<byte[]> chains)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE message_log SET timestamp_record = ?,"
                + " timestamp_hash_chain = ? WHERE id = ? AND timestamp_record IS NULL")) {
            for (int i = 0; i < records.size(); i++) {
                ps.setLong(1, timestampId);
                ps.setBytes(2, chains.get(i));
                ps.setLong(3, records.get(i).id());
                ps.addBatch();
            }
            int marked = 0;
            for (int count : ps.executeBatch()) {
                // SUCCESS_NO_INFO (-2) means a row was updated without a count.
                marked += count == Statement.SUCCESS_NO_INFO ? 1 : count;
            }
            return marked;
        }
    }
}
