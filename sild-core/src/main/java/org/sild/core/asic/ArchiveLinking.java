package org.sild.core.asic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * Builds the {@code linkinginfo} of one message log archive as its containers are added, chaining it to
 * the previous archive of the same group (digest 05 §6.1, X-Road's {@code LinkingInfoBuilder}).
 *
 * <p>Start with {@link #first} for the first archive of a group, or {@link #after} with the previous
 * archive's {@link #lastDigest()} and file name. Add every container in the order it is written; after
 * the last one, write {@link #linkingInfo()} as the archive's last entry, name the archive with
 * {@link #lastDigest()} ({@link ArchiveFiles#name}) and keep both for the next archive.
 * Not thread-safe.
 */
public final class ArchiveLinking {

    private static final HexFormat HEX = HexFormat.of();

    private final DigestAlgorithm algorithm;
    private final Optional<String> previousDigest;
    private final Optional<String> previousArchive;
    private final List<LinkingInfo.Link> links = new ArrayList<>();
    private String lastDigest;

    private ArchiveLinking(DigestAlgorithm algorithm, Optional<String> previousDigest,
            Optional<String> previousArchive) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.previousDigest = previousDigest;
        this.previousArchive = previousArchive;
        this.lastDigest = previousDigest.orElse("");
    }

    /** Linking for the first archive of a group (first line {@code - - ALG}). */
    public static ArchiveLinking first(DigestAlgorithm algorithm) {
        return new ArchiveLinking(algorithm, Optional.empty(), Optional.empty());
    }

    /** Linking for an archive that follows the one named {@code previousArchive} ending in {@code previousDigest}. */
    public static ArchiveLinking after(DigestAlgorithm algorithm, String previousDigest, String previousArchive) {
        return new ArchiveLinking(algorithm, Optional.of(previousDigest), Optional.of(previousArchive));
    }

    /** Adds the container stored as entry {@code entryName} with these file bytes; returns the new digest. */
    public String add(String entryName, byte[] containerBytes) {
        return addDigest(entryName, algorithm.digest(containerBytes));
    }

    /** Adds a container by the digest of its file bytes (for callers that digest while streaming). */
    public String addDigest(String entryName, byte[] containerDigest) {
        lastDigest = next(algorithm, lastDigest, containerDigest);
        links.add(new LinkingInfo.Link(lastDigest, entryName));
        return lastDigest;
    }

    /** The chain's current digest in lower-case hex ({@code ""} for a first archive with nothing added). */
    public String lastDigest() {
        return lastDigest;
    }

    /** How many containers have been added. */
    public int size() {
        return links.size();
    }

    /** The {@code linkinginfo} entry bytes so far. */
    public byte[] linkingInfo() {
        return toLinkingInfo().toBytes();
    }

    /** The linking information so far. */
    public LinkingInfo toLinkingInfo() {
        return new LinkingInfo(previousDigest, previousArchive, algorithm, links);
    }

    /** One chain step: {@code hex(H(UTF-8(previous + hex(containerDigest))))}. */
    static String next(DigestAlgorithm algorithm, String previous, byte[] containerDigest) {
        byte[] combined = (previous + HEX.formatHex(containerDigest)).getBytes(StandardCharsets.UTF_8);
        return HEX.formatHex(algorithm.digest(combined));
    }
}
