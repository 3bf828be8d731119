package org.sild.securityserver.proxy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The temporary storage of one exchange: parts that must be held until the signature at the end
 * of a transport message has been verified are spooled here, in memory up to a threshold and in a
 * temporary file beyond it, so that a body of any size passes in bounded heap.
 *
 * <p>{@link #close()} deletes every file the exchange made. Not thread-safe: one exchange, one
 * thread.
 */
public final class Spools implements AutoCloseable {

    private final Path directory;
    private final int threshold;
    private final long maxTotalBytes;
    private final List<Spool> spools = new ArrayList<>();
    private long totalBytes;

    /**
     * Spools keeping up to {@code threshold} bytes of each part in memory, refusing more than
     * {@code maxTotalBytes} in all.
     */
    public Spools(Path directory, int threshold, long maxTotalBytes) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.threshold = threshold;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** Spools for the given settings. */
    public static Spools of(ProxySettings settings) {
        return new Spools(settings.spoolDirectory(), settings.spoolThreshold(), settings.maxMessageBytes());
    }

    /**
     * Copies {@code in} to its end into a new spool.
     *
     * @throws XRoadException {@code InvalidMessage} when the exchange's parts exceed the limit,
     *     {@code IOError} when reading or the temporary file fails
     */
    public Spool copy(InputStream in, String what) {
        var spool = new Spool(what);
        spools.add(spool);
        try (OutputStream out = spool.output()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "spooling " + what + " failed: " + e.getMessage(), e);
        }
        return spool;
    }

    /** Deletes the temporary files. */
    @Override
    public void close() {
        for (Spool s : spools) {
            s.delete();
        }
        spools.clear();
    }

    /** One spooled part: its bytes can be read any number of times until the spools are closed. */
    public final class Spool {
        private final String what;
        private ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private Path file;
        private long size;

        private Spool(String what) {
            this.what = what;
        }

        /** How many bytes were spooled. */
        public long size() {
            return size;
        }

        /** Whether the part went to a temporary file. */
        public boolean onDisk() {
            return file != null;
        }

        /** A fresh stream over the spooled bytes. */
        public InputStream open() {
            try {
                return file != null ? new BufferedInputStream(Files.newInputStream(file), 64 * 1024)
                        : new ByteArrayInputStream(memory.toByteArray());
            } catch (IOException e) {
                throw new XRoadException(ErrorCode.IO_ERROR, "reading spooled " + what + " failed: " + e.getMessage(), e);
            }
        }

        private OutputStream output() {
            return new OutputStream() {
                private OutputStream disk;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    count(len);
                    if (disk == null && memory.size() + len > threshold) {
                        Files.createDirectories(directory);
                        file = Files.createTempFile(directory, "sild-spool-", ".part");
                        disk = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
                        memory.writeTo(disk);
                        memory = new ByteArrayOutputStream(0);
                    }
                    if (disk != null) {
                        disk.write(b, off, len);
                    } else {
                        memory.write(b, off, len);
                    }
                }

                @Override
                public void close() throws IOException {
                    if (disk != null) {
                        disk.close();
                    }
                }
            };
        }

        private void count(long len) {
            size += len;
            totalBytes += len;
            if (totalBytes > maxTotalBytes) {
                throw new XRoadException(ErrorCode.INVALID_MESSAGE, "the message is larger than the limit of "
                        + maxTotalBytes + " bytes (at " + what + ")");
            }
        }

        private void delete() {
            memory = new ByteArrayOutputStream(0);
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // The directory is temporary storage; a file that cannot be deleted now is left to the OS.
                }
            }
        }
    }
}
