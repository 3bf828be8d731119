package org.sild.core.transport;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The digest of one signed part of a transport message, named as in the signature and in ASiC
 * containers: {@code /message.xml} (SOAP envelope or REST header part) or {@code /attachmentN}.
 *
 * <p>The digest is over the part body bytes exactly as carried, with the algorithm announced in
 * {@code x-hash-algorithm}. Immutable; the digest array is copied in and out.
 *
 * @param name the part name, for example {@code /attachment1}
 * @param algorithm the digest algorithm name, for example {@code SHA-512}
 * @param length how many bytes were digested
 */
public record PartDigest(String name, String algorithm, byte[] digest, long length) {

    /** The name of the message part. */
    public static final String MESSAGE = "/message.xml";

    public PartDigest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        digest = digest.clone();
    }

    /** The name of the attachment with number {@code n}, counting from 1. */
    public static String attachment(int n) {
        return "/attachment" + n;
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartDigest p && name.equals(p.name) && algorithm.equals(p.algorithm)
                && Arrays.equals(digest, p.digest) && length == p.length;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, algorithm, Arrays.hashCode(digest), length);
    }

    @Override
    public String toString() {
        return name + " " + algorithm + ":" + HexFormat.of().formatHex(digest) + " (" + length + " bytes)";
    }
}
