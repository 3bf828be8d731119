package org.sild.core.globalconf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * Builds the unsigned directory of a configuration generation byte-exactly as the X-Road central
 * server does: a header-only entry ({@code Expire-date} in whole seconds, {@code Version}), then one
 * entry per part with {@code Content-type}, {@code Content-transfer-encoding},
 * {@code Content-identifier: ID; instance='X'}, {@code Content-location: PREFIX/FILE},
 * {@code Hash-algorithm-id} and the base64 digest, all lines ending in CRLF.
 *
 * <p>Not thread-safe; use one builder per directory. Boundaries are 20 random letters and digits
 * from the injected generator unless set explicitly.
 */
public final class DirectoryBuilder {

    private static final DateTimeFormatter EXPIRE_DATE = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ssX").withZone(ZoneOffset.UTC);
    private static final String BOUNDARY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private record Entry(String contentIdentifier, String fileName, byte[] data) {
    }

    private final RandomGenerator random;
    private final List<Entry> entries = new ArrayList<>();
    private Instant expireDate;
    private int version = 6;
    private String instance;
    private String pathPrefix = "";
    private DigestAlgorithm hashAlgorithm = DigestAlgorithm.SHA512;
    private Optional<String> boundary = Optional.empty();

    /** A builder drawing boundaries from {@code random} (a {@code SecureRandom} in production). */
    public DirectoryBuilder(RandomGenerator random) {
        this.random = Objects.requireNonNull(random);
    }

    /** The end of validity; written truncated to whole seconds. Required. */
    public DirectoryBuilder expireDate(Instant expireDate) {
        this.expireDate = Objects.requireNonNull(expireDate);
        return this;
    }

    /** The configuration version written in the {@code Version} header (default 6). */
    public DirectoryBuilder version(int version) {
        this.version = version;
        return this;
    }

    /** The instance named in every {@code Content-identifier}. Required. */
    public DirectoryBuilder instance(String instance) {
        this.instance = Objects.requireNonNull(instance);
        return this;
    }

    /** The path the part files are published under, for example {@code /V6/20251110170000548026000}. */
    public DirectoryBuilder pathPrefix(String pathPrefix) {
        this.pathPrefix = Objects.requireNonNull(pathPrefix);
        return this;
    }

    /** The digest of the part hashes (default SHA-512). */
    public DirectoryBuilder hashAlgorithm(DigestAlgorithm hashAlgorithm) {
        this.hashAlgorithm = Objects.requireNonNull(hashAlgorithm);
        return this;
    }

    /** A fixed boundary instead of a random one (to reproduce a published directory). */
    public DirectoryBuilder boundary(String boundary) {
        this.boundary = Optional.of(boundary);
        return this;
    }

    /** Adds a part: its content identifier, the file name under the path prefix and the file's bytes. */
    public DirectoryBuilder part(String contentIdentifier, String fileName, byte[] data) {
        entries.add(new Entry(Objects.requireNonNull(contentIdentifier), Objects.requireNonNull(fileName), data.clone()));
        return this;
    }

    /** The directory. */
    public DirectoryContent build() {
        if (expireDate == null || instance == null) {
            throw new IllegalStateException("a directory needs an expire date and an instance");
        }
        String b = boundary.orElseGet(() -> randomBoundary(random));
        var out = new ByteArrayOutputStream();
        line(out, "--" + b);
        line(out, "Expire-date: " + EXPIRE_DATE.format(expireDate));
        line(out, "Version: " + version);
        line(out, "");
        for (Entry e : entries) {
            line(out, "--" + b);
            line(out, "Content-type: application/octet-stream");
            line(out, "Content-transfer-encoding: base64");
            line(out, "Content-identifier: " + e.contentIdentifier() + "; instance='" + instance + "'");
            line(out, "Content-location: " + pathPrefix + "/" + e.fileName());
            line(out, "Hash-algorithm-id: " + hashAlgorithm.uri());
            line(out, "");
            line(out, hashAlgorithm.base64Digest(e.data()));
        }
        line(out, "--" + b + "--");
        return new DirectoryContent(b, out.toByteArray());
    }

    static String randomBoundary(RandomGenerator random) {
        var sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(BOUNDARY_CHARS.charAt(random.nextInt(BOUNDARY_CHARS.length())));
        }
        return sb.toString();
    }

    static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'\r', '\n'});
    }
}
