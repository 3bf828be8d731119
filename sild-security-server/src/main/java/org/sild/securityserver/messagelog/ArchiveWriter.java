package org.sild.securityserver.messagelog;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sild.core.asic.ArchiveFiles;
import org.sild.core.asic.ArchiveLinking;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * Writes the archive files of one archive group in one archiving transaction: containers as STORED
 * ZIP entries, {@code linkinginfo} last, a new file once one reaches the maximum size, each file
 * chained to the one before (digest 05 §6).
 *
 * <p>Files are written under temporary names ({@code .mlog-*.part}) in the archive directory and
 * forced to disk; {@link #finish} returns them with their final names, and the caller renames them
 * only when every group of the transaction is written. Not thread-safe; one per group and transaction.
 */
final class ArchiveWriter {

    /** Prefix and suffix of the temporary files, so a later run can remove those a crash left. */
    static final String TEMP_PREFIX = ".mlog-";
    static final String TEMP_SUFFIX = ".part";

    /** A written archive file under its temporary name, and the name it is to have. */
    record Written(Path temp, String name, String lastDigest, int containers) {
    }

    /** Where a group's chain stands: the last linking digest and the file it ended. */
    record Link(String lastDigest, String fileName) {
    }

    private final Path directory;
    private final Optional<String> group;
    private final long maxFileSize;
    private final DigestAlgorithm algorithm;
    private final List<Written> written = new ArrayList<>();
    private Optional<Link> previous;
    private Open current;

    ArchiveWriter(Path directory, Optional<String> group, Optional<Link> previous, long maxFileSize,
            DigestAlgorithm algorithm) {
        this.directory = directory;
        this.group = group;
        this.previous = previous;
        this.maxFileSize = maxFileSize;
        this.algorithm = algorithm;
    }

    /** Adds a container; the file is closed and the next one started once it reaches the maximum size. */
    void add(String entryName, byte[] container, Instant time) throws IOException {
        if (current == null) {
            current = open();
        }
        current.add(entryName, container, time);
        if (current.size.count >= maxFileSize) {
            close();
        }
    }

    /** Closes the current file; returns every file written, in chain order. */
    List<Written> finish() throws IOException {
        if (current != null) {
            close();
        }
        return List.copyOf(written);
    }

    /** Where this group's chain stands after the files written (the previous link if none were). */
    Optional<Link> last() {
        return previous;
    }

    /** Deletes every temporary file (after a failure); never throws. */
    void discard() {
        if (current != null) {
            current.abandon();
            current = null;
        }
        for (Written w : written) {
            try {
                Files.deleteIfExists(w.temp());
            } catch (IOException e) {
                // A leftover part file is removed by the next run.
            }
        }
    }

    private Open open() throws IOException {
        Path temp = Files.createTempFile(directory, TEMP_PREFIX, TEMP_SUFFIX);
        ArchiveLinking linking = previous.map(p -> ArchiveLinking.after(algorithm, p.lastDigest(), p.fileName()))
                .orElseGet(() -> ArchiveLinking.first(algorithm));
        return new Open(temp, linking);
    }

    private void close() throws IOException {
        Open file = current;
        current = null;
        try {
            file.putStored(ArchiveFiles.LINKING_INFO, file.linking.linkingInfo(), file.end);
            file.zip.finish();
            file.zip.flush();
            file.channel.force(true);
            file.zip.close();
        } catch (IOException | RuntimeException e) {
            file.abandon();
            throw e;
        }
        String lastDigest = file.linking.lastDigest();
        String name = ArchiveFiles.name(group, file.start, file.end, lastDigest);
        written.add(new Written(file.temp, name, lastDigest, file.linking.size()));
        previous = Optional.of(new Link(lastDigest, name));
    }

    /** One archive file being written. */
    private static final class Open {
        final Path temp;
        final ArchiveLinking linking;
        final FileChannel channel;
        final Counting size;
        final ZipOutputStream zip;
        Instant start;
        Instant end;

        Open(Path temp, ArchiveLinking linking) throws IOException {
            this.temp = temp;
            this.linking = linking;
            this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            this.size = new Counting(Channels.newOutputStream(channel));
            this.zip = new ZipOutputStream(size);
        }

        void add(String entryName, byte[] container, Instant time) throws IOException {
            putStored(entryName, container, time);
            linking.add(entryName, container);
            if (start == null) {
                start = time;
            }
            end = time;
        }

        void putStored(String name, byte[] bytes, Instant time) throws IOException {
            var entry = new ZipEntry(name);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            var crc = new CRC32();
            crc.update(bytes);
            entry.setCrc(crc.getValue());
            // UTC, so the same records give the same bytes on every node.
            entry.setTimeLocal(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
            zip.putNextEntry(entry);
            zip.write(bytes);
            zip.closeEntry();
        }

        void abandon() {
            try {
                channel.close();
            } catch (IOException e) {
                // Deleting is what matters.
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // A leftover part file is removed by the next run.
            }
        }
    }

    /** Counts the bytes written through it. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
