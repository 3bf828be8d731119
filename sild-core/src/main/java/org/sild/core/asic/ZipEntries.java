package org.sild.core.asic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Streams the file entries of a ZIP one at a time, each fully inflated into memory within
 * {@link AsicLimits}. Directory entries are skipped. Sizes are counted while inflating, so headers
 * that lie about sizes do not help a ZIP bomb.
 */
final class ZipEntries {

    /** One file entry: its name as stored, its modification time if recorded, and its bytes. */
    record Entry(String name, Optional<Instant> modified, byte[] data) {
    }

    /** Receives the entries in file order. */
    @FunctionalInterface
    interface Sink {
        void accept(Entry entry);
    }

    private ZipEntries() {
    }

    /**
     * Reads every file entry of {@code in} into {@code sink}; {@code what} names the input in errors and
     * {@code code} is the fault for a malformed or oversized ZIP. Does not close {@code in}.
     */
    static void read(InputStream in, AsicLimits limits, String what, ErrorCode code, Sink sink) {
        var zip = new ZipInputStream(in);
        int count = 0;
        long total = 0;
        try {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                if (++count > limits.maxEntries()) {
                    throw new XRoadException(code, what + " has more than " + limits.maxEntries() + " entries");
                }
                long room = Math.min(limits.maxEntryBytes(), limits.maxTotalBytes() - total);
                byte[] data = readBounded(zip, room, what, e.getName(), code);
                total += data.length;
                Optional<Instant> modified = Optional.ofNullable(e.getLastModifiedTime()).map(t -> t.toInstant());
                sink.accept(new Entry(e.getName(), modified, data));
            }
        } catch (ZipException ex) {
            throw new XRoadException(code, what + " is not a valid ZIP file: " + ex.getMessage(), ex);
        } catch (IOException ex) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot read " + what + ": " + ex.getMessage(), ex);
        }
    }

    private static byte[] readBounded(InputStream in, long room, String what, String name, ErrorCode code)
            throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long size = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            size += n;
            if (size > room) {
                throw new XRoadException(code, what + " entry '" + name + "' exceeds the size limit of " + room
                        + " bytes (entry or total)");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
