package org.sild.core.rest;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * The {@code X-Road-Request-Hash} of a REST request: base64(H(H(header part) ‖ H(body))) with a
 * body, base64(H(header part)) without one; H is SHA-512.
 *
 * <p>The body digest is computed by the caller while the body streams through
 * ({@link #newBodyDigest()}), so the body never has to be held in memory.
 */
public final class RestRequestHash {

    private RestRequestHash() {
    }

    /** A fresh SHA-512 digest for the body. Not thread-safe, like every {@link MessageDigest}. */
    public static MessageDigest newBodyDigest() {
        return DigestAlgorithm.SHA512.newDigest();
    }

    /** The hash for a request's header part and, when it had a body, the body's SHA-512. */
    public static String of(byte[] headerPart, Optional<byte[]> bodySha512) {
        MessageDigest md = newBodyDigest();
        byte[] headerDigest = md.digest(headerPart);
        if (bodySha512.isEmpty()) {
            return Base64.getEncoder().encodeToString(headerDigest);
        }
        md.update(headerDigest);
        md.update(bodySha512.get());
        return Base64.getEncoder().encodeToString(md.digest());
    }
}
