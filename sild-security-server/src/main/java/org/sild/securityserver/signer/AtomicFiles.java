package org.sild.securityserver.signer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Writes files so that a reader (or a restart after a crash) sees either the old or the new
 * content, never a torn one: write a temporary file in the same directory, force it to disk, then
 * move it over the target atomically. Files and directories are owner-only where POSIX permissions
 * exist, because they hold keys. Stateless.
 */
final class AtomicFiles {

    /** Suffix of temporary files; directory scans skip them. */
    static final String TEMPORARY_SUFFIX = ".tmp";

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicFiles() {
    }

    /** Creates {@code dir} (owner-only) if it does not exist. */
    static Path directory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (POSIX) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Replaces {@code target} with {@code content} atomically. */
    static void write(Path target, byte[] content) {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TEMPORARY_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                if (POSIX) {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                }
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code file}, refusing files larger than {@code maxSize} bytes. */
    static byte[] read(Path file, int maxSize) {
        try {
            long size = Files.size(file);
            if (size > maxSize) {
                throw new XRoadException(ErrorCode.IO_ERROR, file + " has " + size + " bytes, more than " + maxSize);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code file} if it exists. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the temporary file is skipped by scans and overwritten by nobody; leaving it is harmless
        }
    }
}
