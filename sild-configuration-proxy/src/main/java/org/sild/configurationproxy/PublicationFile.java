package org.sild.configurationproxy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationDirectory;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.DirectoryVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what a proxy instance serves in one file ({@code DATA/NAME/published.bin}), so that a
 * restarted proxy goes on serving its last signed configuration until it expires even when the
 * source is unreachable at that moment. The file is replaced atomically after every successful run.
 * On loading, nothing is trusted: each version's directory must verify with the instance's current
 * signing certificates and must not have expired, and every part file must match its hash;
 * whatever fails is dropped.
 *
 * <p>Format: a magic number and a count of version sets, each with its version, generation,
 * expiry, signed directory and part files (URL path and bytes). Thread-safe if the callers
 * serialise writes (the instance's run lock does).
 */
final class PublicationFile {

    static final String NAME = "published.bin";

    private static final int MAGIC = 0x53434631; // "SCF1"
    private static final int MAX_COUNT = 1000;
    private static final long MAX_FILE_SIZE = 1024L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PublicationFile.class);

    private final Path file;

    PublicationFile(Path directory) {
        this.file = directory.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /** Writes {@code publication} in place of the previous file. */
    void write(Publication publication) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".published-", ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp);
                 var out = new DataOutputStream(new BufferedOutputStream(raw))) {
                out.writeInt(MAGIC);
                out.writeInt(publication.versions().size());
                for (Publication.VersionSet set : publication.versions().values()) {
                    out.writeInt(set.version());
                    out.writeUTF(set.generation());
                    out.writeLong(set.expireDate().getEpochSecond());
                    bytes(out, set.directory());
                    out.writeInt(set.files().size());
                    for (Map.Entry<String, byte[]> f : set.files().entrySet()) {
                        out.writeUTF(f.getKey());
                        bytes(out, f.getValue());
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * What the file holds that still verifies with {@code certificates} at {@code now}; empty when
     * there is no file or nothing in it is usable.
     */
    Publication load(List<X509Certificate> certificates, Instant now) {
        Map<Integer, Publication.VersionSet> sets;
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                LOG.warn("Ignoring {}: larger than {} bytes", file, MAX_FILE_SIZE);
                return Publication.EMPTY;
            }
            sets = read();
        } catch (NoSuchFileException e) {
            return Publication.EMPTY;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the stored configuration {}: {}", file, e.toString());
            return Publication.EMPTY;
        }
        var verifier = new DirectoryVerifier(certificates);
        var usable = new HashMap<Integer, Publication.VersionSet>();
        sets.forEach((version, set) -> {
            try {
                check(verifier, set, now);
                usable.put(version, set);
            } catch (XRoadException e) {
                LOG.info("Not serving the stored version {} from {} again: {}", version, file, e.getMessage());
            }
        });
        return new Publication(usable);
    }

    private Map<Integer, Publication.VersionSet> read() throws IOException {
        var sets = new HashMap<Integer, Publication.VersionSet>();
        try (InputStream raw = Files.newInputStream(file);
             var in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a stored configuration");
            }
            int count = count(in);
            for (int i = 0; i < count; i++) {
                int version = in.readInt();
                String generation = in.readUTF();
                Instant expireDate = Instant.ofEpochSecond(in.readLong());
                byte[] directory = bytes(in);
                int files = count(in);
                var map = new HashMap<String, byte[]>();
                for (int f = 0; f < files; f++) {
                    map.put(in.readUTF(), bytes(in));
                }
                sets.put(version, new Publication.VersionSet(version, generation, expireDate, directory, map));
            }
        } catch (EOFException e) {
            throw new IOException("the file ends early", e);
        }
        return sets;
    }

    private static void check(DirectoryVerifier verifier, Publication.VersionSet set, Instant now) {
        ConfigurationDirectory directory = verifier.verify(set.directory(), now);
        if (directory.configurationVersion() != set.version() || !directory.expireDate().equals(set.expireDate())) {
            throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF,
                    "the stored directory does not match its record");
        }
        for (ContentPart part : directory.parts()) {
            byte[] content = set.files().get(part.contentLocation());
            if (content == null) {
                throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF,
                        "the stored part " + part.contentLocation() + " is missing");
            }
            part.verify(content);
        }
    }

    private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > SourceDownloader.MAX_TOTAL_SIZE) {
            throw new IOException("a stored length of " + length + " bytes is out of range");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("the file ends early");
        }
        return bytes;
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_COUNT) {
            throw new IOException("a stored count of " + count + " is out of range");
        }
        return count;
    }
}
