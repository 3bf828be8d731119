package org.sild.core.asic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Verifies the linking information of a message log archive ZIP, as X-Road's
 * {@code messagelog-archive-verifier} does: the archive holds at least one container, its first line
 * names the expected previous digest, the container names in {@code linkinginfo} and in the ZIP are the
 * same set, and every cumulative digest recomputes. Failures are {@code InvalidLogArchive} with a message
 * saying which check failed.
 *
 * <p>The archive is streamed: each container is handed to a {@link ContainerSink} as it is read (to be
 * verified as a container too) and only its digest is kept. Stateless; see {@link ArchiveChain} for
 * consecutive archives.
 */
public final class ArchiveVerifier {

    /** Archive bounds: up to a million entries, each a container within {@link AsicLimits#DEFAULT}. */
    public static final AsicLimits DEFAULT_LIMITS =
            new AsicLimits(1_000_000, AsicLimits.DEFAULT.maxTotalBytes(), 64L << 30);

    /** Receives every container entry of an archive, in ZIP order. */
    @FunctionalInterface
    public interface ContainerSink {
        void accept(String name, byte[] container);
    }

    /** What a verified archive holds: its linking information and the digest it ends with. */
    public record ArchiveCheck(LinkingInfo linkingInfo, String lastDigest, List<String> containers) {
        public ArchiveCheck {
            containers = List.copyOf(containers);
        }
    }

    private ArchiveVerifier() {
    }

    /**
     * Verifies the archive {@code zip} (named {@code name} in messages). {@code expectedPrevious} is the
     * previous archive's last digest, {@code Optional.of("")} for the first archive of a group (X-Road's
     * {@code --first}), or empty to accept whatever the first line says.
     */
    public static ArchiveCheck verify(String name, InputStream zip, Optional<String> expectedPrevious,
            ContainerSink sink) {
        return verify(name, zip, expectedPrevious, sink, DEFAULT_LIMITS);
    }

    /** {@link #verify(String, InputStream, Optional, ContainerSink)} for a file. */
    public static ArchiveCheck verify(Path archive, Optional<String> expectedPrevious, ContainerSink sink) {
        try (InputStream in = Files.newInputStream(archive)) {
            return verify(archive.getFileName().toString(), in, expectedPrevious, sink);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot read archive " + archive + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #verify(String, InputStream, Optional, ContainerSink)} within {@code limits}. */
    public static ArchiveCheck verify(String name, InputStream zip, Optional<String> expectedPrevious,
            ContainerSink sink, AsicLimits limits) {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        byte[][] linking = new byte[1][];
        ZipEntries.read(zip, limits, "archive " + name, ErrorCode.INVALID_LOG_ARCHIVE, e -> {
            if (e.name().equals(ArchiveFiles.LINKING_INFO)) {
                if (linking[0] != null) {
                    throw LinkingInfo.invalid("archive '" + name + "' has more than one linkinginfo entry");
                }
                linking[0] = e.data();
                return;
            }
            if (contents.containsKey(e.name())) {
                throw LinkingInfo.invalid("archive '" + name + "' has more than one entry named '" + e.name() + "'");
            }
            // The algorithm is only known from linkinginfo, the last entry: keep both candidate digests.
            contents.put(e.name(), digests(e.data()));
            sink.accept(e.name(), e.data());
        });
        if (linking[0] == null) {
            throw LinkingInfo.invalid("archive '" + name + "' has no linkinginfo entry");
        }
        LinkingInfo info = LinkingInfo.parse(linking[0]);
        if (!LINKING_ALGORITHMS.contains(info.algorithm())) {
            throw LinkingInfo.invalid("archive '" + name + "' linkinginfo uses " + info.algorithm().jcaName()
                    + "; only SHA-512 and SHA-256 are used for linking");
        }
        if (contents.isEmpty()) {
            throw LinkingInfo.invalid("there are no ASiC containers in archive '" + name + "', at least one is expected");
        }
        String previous = info.previousDigest().orElse("");
        if (expectedPrevious.isPresent() && !expectedPrevious.get().equals(previous)) {
            throw LinkingInfo.invalid("archive '" + name + "' does not follow the previous archive: its linkinginfo "
                    + "names previous digest '" + dash(previous) + "', expected '" + dash(expectedPrevious.get()) + "'");
        }
        Set<String> listed = new TreeSet<>();
        info.links().forEach(l -> listed.add(l.name()));
        if (listed.size() != info.links().size()) {
            throw LinkingInfo.invalid("archive '" + name + "' linkinginfo lists a file more than once");
        }
        if (!listed.equals(new TreeSet<>(contents.keySet()))) {
            var missing = new TreeSet<>(listed);
            missing.removeAll(contents.keySet());
            var unlisted = new TreeSet<>(contents.keySet());
            unlisted.removeAll(listed);
            throw LinkingInfo.invalid("file names in linkinginfo and in archive '" + name + "' differ: listed but "
                    + "missing " + missing + ", present but not listed " + unlisted);
        }
        String d = previous;
        for (LinkingInfo.Link link : info.links()) {
            d = ArchiveLinking.next(info.algorithm(), d, digestOf(contents.get(link.name()), info.algorithm()));
            if (!d.equals(link.digest())) {
                throw LinkingInfo.invalid("digest of '" + link.name() + "' in archive '" + name
                        + "' does not match its linkinginfo: linkinginfo has " + link.digest() + ", computed " + d);
            }
        }
        return new ArchiveCheck(info, d, new ArrayList<>(contents.keySet()));
    }

    /** The algorithms archives use: SHA-512 today, SHA-256 in old archives. */
    private static final List<DigestAlgorithm> LINKING_ALGORITHMS =
            List.of(DigestAlgorithm.SHA512, DigestAlgorithm.SHA256);

    /** The entry's digest under every linking algorithm, concatenated in list order. */
    private static byte[] digests(byte[] data) {
        var out = new ByteArrayOutputStream();
        for (DigestAlgorithm a : LINKING_ALGORITHMS) {
            out.writeBytes(a.digest(data));
        }
        return out.toByteArray();
    }

    private static byte[] digestOf(byte[] all, DigestAlgorithm algorithm) {
        int offset = 0;
        for (DigestAlgorithm a : LINKING_ALGORITHMS) {
            if (a == algorithm) {
                return Arrays.copyOfRange(all, offset, offset + a.length());
            }
            offset += a.length();
        }
        throw new IllegalStateException("not a linking algorithm: " + algorithm);
    }

    private static String dash(String digest) {
        return digest.isEmpty() ? "-" : digest;
    }
}
