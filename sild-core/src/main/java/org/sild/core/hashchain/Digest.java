package org.sild.core.hashchain;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * A digest value together with the algorithm that produced it.
 *
 * <p>Immutable: the value is copied in and out.
 */
public record Digest(DigestAlgorithm algorithm, byte[] value) {

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        value = Objects.requireNonNull(value, "value").clone();
    }

    /** The digest of {@code data} with {@code algorithm}. */
    public static Digest of(DigestAlgorithm algorithm, byte[] data) {
        return new Digest(algorithm, algorithm.digest(data));
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value in base64, as it appears in XML. */
    public String base64() {
        return Base64.getEncoder().encodeToString(value);
    }

    /** Whether this digest has {@code algorithm} and the given value. */
    public boolean matches(DigestAlgorithm otherAlgorithm, byte[] otherValue) {
        return algorithm == otherAlgorithm && java.security.MessageDigest.isEqual(value, otherValue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && matches(d.algorithm, d.value);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return algorithm.jcaName() + ":" + base64();
    }
}
