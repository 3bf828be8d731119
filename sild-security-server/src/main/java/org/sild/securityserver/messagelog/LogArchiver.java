package org.sild.securityserver.messagelog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.XRoadIds;
import org.sild.runtime.store.Store;
import org.sild.securityserver.messagelog.MessageLogSettings.ArchiveGrouping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes time-stamped message log records to archive files and marks them archived (X-Road's
 * message log archiver, digest 05 §6): ZIP files of ASiC-E containers (STORED entries named by
 * {@code AsicNames}), {@code linkinginfo} last, a new file past the maximum size, one chain of files
 * per archive group ({@link ArchiveGrouping}), each file linked to the group's previous one.
 *
 * <p>A run takes the time-stamped, non-archived records in id order, at most
 * {@code archiveTransactionBatch} per transaction, each transaction under the {@code archiver} job
 * lock (so nodes sharing the store never archive at once). In a transaction the files of every group
 * are written under temporary names and forced to disk, then renamed to <em>pending</em> names that
 * carry the batch and the final name ({@code .pending-<batch>-mlog-….zip}); the records are marked
 * archived, each group's last digest and file name stored, and the time-stamps none of whose records
 * remain unarchived marked archived, all in one commit; only after the commit are the pending files
 * renamed to their final names (atomic renames in the same directory, the directory forced).
 *
 * <p>Failures. When a file cannot be written (disk full, directory not writable) the transaction rolls
 * back and the temporary files are deleted: nothing is marked archived, the failure is logged and
 * counted ({@value #FAILURES}) and the next run retries. A process that dies leaves at most one batch's
 * pending files; the next run, under the lock, tells from the stored links whether that batch was
 * committed: if so its files get their final names, if not they are deleted and its records, still
 * unarchived, are archived again. So a final name only ever appears for committed records, the chain
 * of final files has no forks, and no record is lost. Temporary files a crash leaves are deleted by
 * the next run.
 *
 * <p>The archive group of a record is its local party, as X-Road logs it: the client when the client
 * is hosted on this server, else the service provider. Thread-safe; {@link #archive} is one run, the
 * caller schedules it.
 */
public final class LogArchiver {

    /** Its row in {@code job_lock} (migration V4), locked by each of its transactions. */
    static final String JOB = "archiver";

    /** Counter of archive files written. */
    public static final String FILES = "sild.messagelog.archive.files";
    /** Counter of records archived. */
    public static final String RECORDS = "sild.messagelog.archive.records";
    /** Counter of failed archiving runs. */
    public static final String FAILURES = "sild.messagelog.archive.failures";

    private static final Logger LOG = LoggerFactory.getLogger(LogArchiver.class);
    /** Prefix of committed-or-not archive files, before their final names ({@code .pending-<batch>-<name>}). */
    static final String PENDING_PREFIX = ".pending-";
    private static final String SELECT = EvidenceRows.SELECT
            + " WHERE m.timestamp_record IS NOT NULL AND m.archived = FALSE ORDER BY m.id FETCH FIRST ? ROWS ONLY";
    private static final String MARK_TIMESTAMPS = "UPDATE message_log_timestamp SET archived = TRUE"
            + " WHERE archived = FALSE AND NOT EXISTS (SELECT 1 FROM message_log m"
            + " WHERE m.timestamp_record = message_log_timestamp.id AND m.archived = FALSE)";

    /** What one run archived. */
    public record Run(int records, List<Path> files) {

        public Run {
            files = List.copyOf(files);
        }
    }

    private final Store store;
    private final Path directory;
    private final ArchiveGrouping grouping;
    private final long maxFileSize;
    private final int batch;
    private final Predicate<ClientId> isLocal;
    private final Counter files;
    private final Counter records;
    private final Counter failures;

    /**
     * An archiver of {@code store} writing to {@code directory} (created when missing) per
     * {@code settings}; {@code isLocal} tells the clients hosted on this server.
     */
    public LogArchiver(Store store, Path directory, MessageLogSettings settings, Predicate<ClientId> isLocal,
            MeterRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.directory = directory.toAbsolutePath();
        this.grouping = settings.archiveGrouping();
        this.maxFileSize = settings.archiveMaxFileSize();
        this.batch = settings.archiveTransactionBatch();
        this.isLocal = Objects.requireNonNull(isLocal, "isLocal");
        this.files = Counter.builder(FILES).description("message log archive files written").register(registry);
        this.records = Counter.builder(RECORDS).description("message log records archived").register(registry);
        this.failures = Counter.builder(FAILURES).description("failed message log archiving runs").register(registry);
    }

    /** The directory archive files are written to. */
    public Path directory() {
        return directory;
    }

    /**
     * Archives every time-stamped record not yet archived, a transaction per batch.
     *
     * @throws XRoadException {@code InternalError} when files cannot be written, {@code DatabaseError}
     *         when the store fails; batches committed before stay archived, the failing one is not
     */
    public Run archive() {
        int total = 0;
        var paths = new ArrayList<Path>();
        try {
            Files.createDirectories(directory);
            while (true) {
                Batch done = store.inTransaction(this::archiveBatch);
                publish(done.pending());
                total += done.records();
                paths.addAll(done.pending().values());
                if (done.records() < batch) {
                    break;
                }
            }
        } catch (IOException | UncheckedIOException | XRoadException e) {
            failures.increment();
            XRoadException failure = e instanceof XRoadException x ? x : new XRoadException(ErrorCode.INTERNAL_ERROR,
                    "cannot write message log archives to " + directory + ": " + e.getMessage(), e);
            LOG.error("message log archiving failed after {} records; nothing more archived, retried next run: {}",
                    total, failure.getMessage());
            throw failure;
        }
        if (total > 0) {
            LOG.info("archived {} message log records to {} files in {}", total, paths.size(), directory);
        }
        return new Run(total, paths);
    }

    /** A committed batch: its record count and its files, pending name → final path. */
    private record Batch(int records, Map<Path, Path> pending) {
    }

    private Batch archiveBatch(Connection c) throws SQLException {
        TimestampStore.lock(c, JOB);
        removeLeftoverParts();
        recoverPending(c);
        var writers = new LinkedHashMap<String, ArchiveWriter>();
        var ids = new ArrayList<Long>();
        var written = new ArrayList<ArchiveWriter.Written>();
        var pending = new LinkedHashMap<Path, Path>();
        try {
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setInt(1, batch);
                ps.setFetchSize(100);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SignedDocument doc = EvidenceRows.read(rs);
                        String group = groupOf(doc.record());
                        ArchiveWriter writer = writers.get(group);
                        if (writer == null) {
                            writer = new ArchiveWriter(directory, group.isEmpty() ? Optional.empty() : Optional.of(group),
                                    link(c, group), maxFileSize, StoreMessageLog.SIGNATURE_HASH_ALGORITHM);
                            writers.put(group, writer);
                        }
                        writer.add(doc.name(), doc.container().orElseThrow().toBytes(), doc.record().time());
                        ids.add(doc.recordId());
                    }
                }
            }
            for (ArchiveWriter w : writers.values()) {
                written.addAll(w.finish());
            }
            long batchId = ids.isEmpty() ? 0 : ids.get(0);
            for (ArchiveWriter.Written w : written) {
                Path pendingPath = directory.resolve(PENDING_PREFIX + batchId + "-" + w.name());
                Files.move(w.temp(), pendingPath, StandardCopyOption.ATOMIC_MOVE);
                pending.put(pendingPath, directory.resolve(w.name()));
            }
        } catch (IOException e) {
            writers.values().forEach(ArchiveWriter::discard);
            throw new UncheckedIOException(e);
        } catch (SQLException | RuntimeException e) {
            writers.values().forEach(ArchiveWriter::discard);
            throw e;
        }
        if (ids.isEmpty()) {
            return new Batch(0, Map.of());
        }
        forceDirectory();
        markArchived(c, ids);
        for (Map.Entry<String, ArchiveWriter> e : writers.entrySet()) {
            storeLink(c, e.getKey(), e.getValue().last().orElseThrow());
        }
        try (PreparedStatement ps = c.prepareStatement(MARK_TIMESTAMPS)) {
            ps.executeUpdate();
        }
        files.increment(written.size());
        records.increment(ids.size());
        return new Batch(ids.size(), pending);
    }

    /**
     * Gives committed files their final names. A failure here loses nothing: the records are archived in
     * the store and the next run's {@link #recoverPending} finishes the renames.
     */
    private void publish(Map<Path, Path> pending) throws IOException {
        for (Map.Entry<Path, Path> e : pending.entrySet()) {
            Files.move(e.getKey(), e.getValue(), StandardCopyOption.ATOMIC_MOVE);
        }
        if (!pending.isEmpty()) {
            forceDirectory();
        }
    }

    /**
     * Settles the pending files a crash left: the batch whose file a stored link names was committed,
     * so its files get their final names; any other batch was rolled back, so its files are deleted.
     */
    private void recoverPending(Connection c) throws SQLException {
        var linked = new HashSet<String>();
        try (PreparedStatement ps = c.prepareStatement("SELECT file_name FROM message_log_archive_link");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                linked.add(rs.getString(1));
            }
        }
        var byBatch = new LinkedHashMap<String, Map<Path, Path>>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(directory, PENDING_PREFIX + "*")) {
            for (Path p : found) {
                String rest = p.getFileName().toString().substring(PENDING_PREFIX.length());
                int dash = rest.indexOf('-');
                if (dash > 0) {
                    byBatch.computeIfAbsent(rest.substring(0, dash), k -> new LinkedHashMap<>())
                            .put(p, directory.resolve(rest.substring(dash + 1)));
                }
            }
            for (Map<Path, Path> files : byBatch.values()) {
                if (files.values().stream().anyMatch(f -> linked.contains(f.getFileName().toString()))) {
                    LOG.info("completing {} archive files committed before a restart", files.size());
                    publish(files);
                } else {
                    LOG.info("removing {} archive files of a batch that was not committed", files.size());
                    for (Path p : files.keySet()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot settle pending archive files in " + directory, e);
        }
    }

    /** The archive group of a record: "" without grouping, else its local party's member or subsystem. */
    private String groupOf(LogRecord record) {
        if (grouping == ArchiveGrouping.NONE) {
            return "";
        }
        ClientId party = isLocal.test(record.client()) ? record.client() : record.service().provider();
        return grouping == ArchiveGrouping.MEMBER ? XRoadIds.toPath(party.member()) : XRoadIds.toPath(party);
    }

    private static Optional<ArchiveWriter.Link> link(Connection c, String group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_digest, file_name FROM message_log_archive_link WHERE group_name = ?")) {
            ps.setString(1, group);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ArchiveWriter.Link(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    private static void storeLink(Connection c, String group, ArchiveWriter.Link link) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE message_log_archive_link SET last_digest = ?, file_name = ? WHERE group_name = ?")) {
            ps.setString(1, link.lastDigest());
            ps.setString(2, link.fileName());
            ps.setString(3, group);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO message_log_archive_link (group_name, last_digest, file_name) VALUES (?, ?, ?)")) {
            ps.setString(1, group);
            ps.setString(2, link.lastDigest());
            ps.setString(3, link.fileName());
            ps.executeUpdate();
        }
    }

    private static void markArchived(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE message_log SET archived = TRUE WHERE id = ?")) {
            for (long id : ids) {
                ps.setLong(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Makes the renames durable; where a directory cannot be forced (not on Linux) the rename stands as is. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("cannot force directory {}: {}", directory, e.toString());
        }
    }

    /** Part files left by a crashed run; only the lock holder writes them, so any found now are stale. */
    private void removeLeftoverParts() {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(directory,
                ArchiveWriter.TEMP_PREFIX + "*" + ArchiveWriter.TEMP_SUFFIX)) {
            for (Path p : parts) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove leftover archive part files in {}: {}", directory, e.toString());
        }
    }
}
