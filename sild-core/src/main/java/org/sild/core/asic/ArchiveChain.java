package org.sild.core.asic;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Verifies consecutive archives of one group in order: each must name the previous one's last digest
 * in its {@code linkinginfo}, so a deleted, reordered or altered archive in the middle is detected.
 *
 * <p>The first archive's predecessor is whatever it names unless {@link #startingAfter} gives it. File
 * names are not compared: archives are often renamed (a decrypted {@code .zip.gpg}). Not thread-safe.
 */
public final class ArchiveChain {

    private Optional<String> expected;

    private ArchiveChain(Optional<String> expected) {
        this.expected = expected;
    }

    /** A chain whose first archive may follow anything. */
    public static ArchiveChain open() {
        return new ArchiveChain(Optional.empty());
    }

    /** A chain whose first archive must follow {@code previousDigest} ({@code ""}: be the group's first). */
    public static ArchiveChain startingAfter(String previousDigest) {
        return new ArchiveChain(Optional.of(previousDigest));
    }

    /** Verifies the next archive; on success the chain expects its last digest next. */
    public ArchiveVerifier.ArchiveCheck next(Path archive, ArchiveVerifier.ContainerSink sink) {
        ArchiveVerifier.ArchiveCheck check = ArchiveVerifier.verify(archive, expected, sink);
        expected = Optional.of(check.lastDigest());
        return check;
    }

    /** Forgets the expected digest: the next archive may follow anything (after a broken link is reported). */
    public void reset() {
        expected = Optional.empty();
    }

    /** The digest the next archive must name, if known. */
    public Optional<String> expectedPrevious() {
        return expected;
    }
}
