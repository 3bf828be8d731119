package org.sild.securityserver.messagelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.id.XRoadIds;
import org.sild.core.signature.SignatureData;
import org.sild.core.transport.MessageType;
import org.sild.runtime.store.Dialect;
import org.sild.runtime.store.Store;

/**
 * The message log in the store (table {@code message_log} of the {@code db/securityserver}
 * migrations, after X-Road's DM-ML message records).
 *
 * <p>{@link #append} hands the record to writer threads that insert whatever has queued up as one
 * batch in one transaction (group commit), and returns when that transaction has committed; under
 * load many exchanges share one commit. A batch that fails on a bad value is retried record by
 * record, so one bad record fails only its own exchange. Both parties of a record are kept, so it is
 * found by the client's or the provider's identifier. With a {@link Timestamper}, {@link #append} first
 * asks it whether records may be logged (its failure policy) and, in immediate mode, has the record
 * stamped before returning.
 *
 * <p>Thread-safe. Starts its writer threads (virtual) when constructed; {@link #close} lets them
 * finish what is queued and stops them.
 */
public final class StoreMessageLog implements MessageLog, AutoCloseable {

    /** The digest of the signature XML stored as its signature hash (X-Road's {@code message-log.hash-algo-id}). */
    public static final DigestAlgorithm SIGNATURE_HASH_ALGORITHM = DigestAlgorithm.SHA512;
    static final int MAX_QUERY_ID = 1000;
    static final int MAX_REQUEST_ID = 255;
    private static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;

    private static final String COLUMNS = "log_time, query_id, request_id, response, message_type, xroad_instance,"
            + " member_class, member_code, subsystem_code, service_id, message, rest_body, signature,"
            + " hash_chain_result, hash_chain, signature_hash";
    private static final String INSERT = "INSERT INTO message_log (" + COLUMNS + ", archived)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)";
    private static final String SELECT = "SELECT id, " + COLUMNS + ", timestamp_record, timestamp_hash_chain, archived"
            + " FROM message_log";

    /**
     * How the log writes.
     *
     * @param writers writer threads (each commits its own batches)
     * @param maxBatch most records in one transaction
     * @param appendTimeout how long {@link #append} waits for its commit before failing the exchange
     */
    public record Settings(int writers, int maxBatch, Duration appendTimeout) {

        public Settings {
            if (writers < 1 || maxBatch < 1 || appendTimeout.isNegative() || appendTimeout.isZero()) {
                throw new IllegalArgumentException("writers and maxBatch must be positive, appendTimeout too");
            }
        }

        /** Two writers, batches of up to 500 records, 30 s. */
        public static Settings defaults() {
            return new Settings(2, 500, Duration.ofSeconds(30));
        }
    }

    private record Pending(LogRecord record, String signatureHash, Optional<LinkedWrite> linked,
            CompletableFuture<Long> done) {
    }

    private final Store store;
    private final DataSource dataSource;
    private final Settings settings;
    private final Optional<Timestamper> timestamper;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    /** The message log in {@code store}, which must have the {@code db/securityserver} migrations applied. */
    public StoreMessageLog(Store store) {
        this(store, Settings.defaults());
    }

    public StoreMessageLog(Store store, Settings settings) {
        this(store, settings, Optional.empty());
    }

    /**
     * A message log whose records {@code timestamper} stamps: {@link #append} refuses records while it
     * says so (no TSA, failing too long) and, in immediate mode, stamps each record before returning.
     */
    public StoreMessageLog(Store store, Settings settings, Timestamper timestamper) {
        this(store, settings, Optional.of(timestamper));
    }

    private StoreMessageLog(Store store, Settings settings, Optional<Timestamper> timestamper) {
        this.store = Objects.requireNonNull(store, "store");
        this.timestamper = Objects.requireNonNull(timestamper, "timestamper");
        this.dataSource = store.dataSource();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queue = new LinkedBlockingQueue<>(settings.writers() * settings.maxBatch() * 4);
        for (int i = 0; i < settings.writers(); i++) {
            writers.add(Thread.ofVirtual().name("message-log-writer-" + i).start(this::runWriter));
        }
    }

    /**
     * {@inheritDoc} Waits at most {@link Settings#appendTimeout} for the commit. With a time-stamper, the
     * record is first checked against its failure policy and, in immediate mode, stamped after the commit.
     *
     * @throws XRoadException {@code LoggingFailed} when the record is refused (an id too long), the
     *         store fails, the wait times out or the log is closed; {@code LoggingFailed.TimestamperFailed}
     *         (nothing stored) when time-stamping has failed for too long or no TSA is configured;
     *         {@code LoggingFailed.TimestampingFailed} when immediate stamping fails (the record stays logged)
     */
    @Override
    public void append(LogRecord record) {
        append(record, Optional.empty());
    }

    /**
     * {@inheritDoc} The rows of {@code linked} are written in the record's transaction (its batch's)
     * when {@code linked} is for this log's store.
     */
    @Override
    public void append(LogRecord record, LinkedWrite linked) {
        if (linked.store() != store) {
            MessageLog.super.append(record, linked);
            return;
        }
        append(record, Optional.of(linked));
    }

    private void append(LogRecord record, Optional<LinkedWrite> linked) {
        if (record.queryId().length() > MAX_QUERY_ID || record.requestId().length() > MAX_REQUEST_ID) {
            throw failed("message id or request id is too long (at most " + MAX_QUERY_ID + " and " + MAX_REQUEST_ID
                    + " characters) for " + record, null);
        }
        timestamper.ifPresent(Timestamper::checkCanLog);
        var pending = new Pending(record, SIGNATURE_HASH_ALGORITHM.base64Digest(record.signature().signatureXml()),
                linked, new CompletableFuture<>());
        long timeout = settings.appendTimeout().toNanos();
        try {
            if (closed || !queue.offer(pending, timeout, TimeUnit.NANOSECONDS)) {
                throw failed((closed ? "the message log is closed" : "the message log is overloaded") + "; not logged: "
                        + record, null);
            }
            if (closed && queue.remove(pending)) {
                throw failed("the message log is closed; not logged: " + record, null);
            }
            long id = pending.done().get(timeout, TimeUnit.NANOSECONDS);
            if (immediate()) {
                timestamper.orElseThrow().stampImmediately(id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted while logging " + record, e);
        } catch (TimeoutException e) {
            throw failed("the message log did not store " + record + " within " + settings.appendTimeout(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof XRoadException x ? x : failed("cannot log " + record, e.getCause());
        }
    }

    /** The records with this message id, in insertion order. */
    public List<LogEntry> findByQueryId(String queryId) {
        return select(" WHERE query_id = ? ORDER BY id", queryId);
    }

    /** The records with this message id whose client or service provider is {@code party}. */
    public List<LogEntry> findByQueryId(String queryId, ClientId party) {
        return findByQueryId(queryId).stream().filter(e -> e.record().client().equals(party)
                || e.record().service().provider().equals(party)).toList();
    }

    /** The records of the exchange with this {@code x-road-request-id}, in insertion order. */
    public List<LogEntry> findByRequestId(String requestId) {
        return select(" WHERE request_id = ? ORDER BY id", requestId);
    }

    public Optional<LogEntry> find(long id) {
        return select(" WHERE id = ?", id).stream().findFirst();
    }

    /** The time-stamp with this id ({@link LogEntry#timestampRecord}). */
    public Optional<TimestampRecord> findTimestamp(long id) {
        return store.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, stamp_time, token, hash_chain_result, archived"
                    + " FROM message_log_timestamp WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new TimestampRecord(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getBytes(3), Optional.ofNullable(rs.getBytes(4)), rs.getBoolean(5))) : Optional.empty();
                }
            }
        });
    }

    private boolean immediate() {
        return timestamper.map(Timestamper::immediate).orElse(false);
    }

    /** Stops accepting records, waits for the queued ones to be written, and stops the writers. */
    @Override
    public void close() {
        closed = true;
        for (Thread writer : writers) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(failed("the message log closed before logging " + left.record(), null));
        }
    }

    private void runWriter() {
        var batch = new ArrayList<Pending>(settings.maxBatch());
        while (true) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            batch.add(first);
            long bytes = first.record().size();
            Pending next;
            while (batch.size() < settings.maxBatch() && bytes < MAX_BATCH_BYTES && (next = queue.poll()) != null) {
                batch.add(next);
                bytes += next.record().size();
            }
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<Long> ids = insert(batch);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(ids.isEmpty() ? -1L : ids.get(i));
            }
        } catch (SQLException e) {
            if (batch.size() > 1 && isBadValue(e)) {
                batch.forEach(p -> write(List.of(p)));
                return;
            }
            batch.forEach(p -> p.done().completeExceptionally(
                    failed("cannot write " + p.record() + " to the store (SQLState "
                            + Store.sqlState(e).orElse("unknown") + ")", e)));
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(failed("cannot write " + p.record(), e)));
        }
    }

    /** Inserts the batch in one transaction; returns the new ids (in batch order) when stamping immediately. */
    private List<Long> insert(List<Pending> batch) throws SQLException {
        boolean keys = immediate();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = keys ? prepareWithKeys(c) : c.prepareStatement(INSERT)) {
                for (Pending p : batch) {
                    bind(ps, p);
                    ps.addBatch();
                }
                ps.executeBatch();
                List<Long> ids = keys ? generatedIds(ps, batch.size()) : List.of();
                for (Pending p : batch) {
                    if (p.linked().isPresent()) {
                        p.linked().get().work().accept(c);
                    }
                }
                c.commit();
                return ids;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
        }
    }

    private PreparedStatement prepareWithKeys(Connection c) throws SQLException {
        // PostgreSQL returns every column for RETURN_GENERATED_KEYS; naming the key keeps bodies out of it.
        return store.dialect() == Dialect.POSTGRESQL ? c.prepareStatement(INSERT, new String[] {"id"})
                : c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS);
    }

    private static List<Long> generatedIds(PreparedStatement ps, int expected) throws SQLException {
        var ids = new ArrayList<Long>(expected);
        try (ResultSet rs = ps.getGeneratedKeys()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        if (ids.size() != expected) {
            throw new SQLException("the store returned " + ids.size() + " ids for " + expected + " inserted records");
        }
        return ids;
    }

    private static void bind(PreparedStatement ps, Pending p) throws SQLException {
        LogRecord r = p.record();
        ClientId client = r.client();
        SignatureData signature = r.signature();
        ps.setLong(1, r.time().toEpochMilli());
        ps.setString(2, r.queryId());
        ps.setString(3, r.requestId());
        ps.setBoolean(4, r.response());
        ps.setString(5, r.type().name());
        ps.setString(6, client.instance());
        ps.setString(7, client.memberClass());
        ps.setString(8, client.memberCode());
        setOptional(ps, 9, client.subsystemCode().orElse(null), Types.VARCHAR);
        ps.setString(10, XRoadIds.toShortForm(r.service()));
        ps.setBytes(11, r.message());
        setOptional(ps, 12, r.restBody().orElse(null), Types.BINARY);
        ps.setBytes(13, signature.signatureXml());
        setOptional(ps, 14, signature.hashChainResult().orElse(null), Types.BINARY);
        setOptional(ps, 15, signature.hashChain().orElse(null), Types.BINARY);
        ps.setString(16, p.signatureHash());
    }

    private static void setOptional(PreparedStatement ps, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType);
        } else if (value instanceof byte[] b) {
            ps.setBytes(index, b);
        } else {
            ps.setString(index, (String) value);
        }
    }

    /** Whether the store refused a value (SQL state class 22 data or 23 constraint), not the connection. */
    private static boolean isBadValue(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private List<LogEntry> select(String where, Object param) {
        return store.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
                ps.setObject(1, param);
                try (ResultSet rs = ps.executeQuery()) {
                    var out = new ArrayList<LogEntry>();
                    while (rs.next()) {
                        out.add(entry(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static LogEntry entry(ResultSet rs) throws SQLException {
        LogRecord record = record(rs);
        long ts = rs.getLong("timestamp_record");
        Optional<Long> timestamp = rs.wasNull() ? Optional.empty() : Optional.of(ts);
        return new LogEntry(rs.getLong("id"), record, rs.getString("signature_hash"), timestamp,
                Optional.ofNullable(rs.getBytes("timestamp_hash_chain")), rs.getBoolean("archived"));
    }

    /** The message of a {@code message_log} row, from the columns of its own name (every reader of the table). */
    static LogRecord record(ResultSet rs) throws SQLException {
        String subsystem = rs.getString("subsystem_code");
        var member = new MemberId(rs.getString("xroad_instance"), rs.getString("member_class"),
                rs.getString("member_code"));
        ClientId client = subsystem == null ? member : new SubsystemId(member.instance(), member.memberClass(),
                member.memberCode(), subsystem);
        var signature = new SignatureData(rs.getBytes("signature"), Optional.ofNullable(rs.getBytes("hash_chain_result")),
                Optional.ofNullable(rs.getBytes("hash_chain")));
        return new LogRecord(rs.getString("query_id"), rs.getString("request_id"), client,
                (ServiceId) XRoadIds.parseShortForm(rs.getString("service_id")), rs.getBoolean("response"),
                MessageType.valueOf(rs.getString("message_type")), rs.getBytes("message"),
                Optional.ofNullable(rs.getBytes("rest_body")), signature, Instant.ofEpochMilli(rs.getLong("log_time")));
    }

    private static XRoadException failed(String message, Throwable cause) {
        return cause == null ? new XRoadException(ErrorCode.LOGGING_FAILED, message)
                : new XRoadException(ErrorCode.LOGGING_FAILED, message, cause);
    }
}
