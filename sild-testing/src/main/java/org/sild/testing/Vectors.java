package org.sild.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Access to the X-Road 7.8 conformance vectors in {@code ../shared/conformance/xroad-7.8}.
 *
 * <p>Maven passes the folder as the system property {@code sild.conformance.dir}. When it is missing
 * the conformance tests are skipped with a message saying where the vectors were looked for, so a
 * checkout without {@code ../shared} still builds but says clearly what it did not check.
 */
public final class Vectors {

    private Vectors() {
    }

    /** The vector root; skips the calling test (JUnit assumption) when it does not exist. */
    public static Path root() {
        Path root = configuredRoot();
        assumeTrue(Files.isDirectory(root), () -> "conformance vectors not found at " + root.toAbsolutePath()
                + " (expected ../shared/conformance/xroad-7.8 beside the checkout); conformance tests skipped");
        return root;
    }

    /** A file or folder under the vector root, by its path in the X-Road repository. */
    public static Path file(String repositoryPath) {
        Path p = root().resolve(repositoryPath);
        if (!Files.exists(p)) {
            throw new IllegalStateException("conformance vector missing: " + p);
        }
        return p;
    }

    /** The bytes of a vector file. */
    public static byte[] bytes(String repositoryPath) {
        try {
            return Files.readAllBytes(file(repositoryPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints the number of vectors a suite exercised, so the build log shows what was checked. */
    public static void report(String suite, int exercised) {
        System.out.printf("conformance: %s: %d vectors exercised%n", suite, exercised);
    }

    /** Where the vectors are expected, whether or not they are there (the schema tree is found beside it). */
    static Path configuredRoot() {
        String dir = System.getProperty("sild.conformance.dir");
        return dir != null ? Path.of(dir) : Path.of("..", "..", "shared", "conformance", "xroad-7.8");
    }
}
