package org.sild.core.globalconf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * A digest algorithm as global configuration names it: by its XML-DSig / XML-Enc URI in
 * {@code Hash-algorithm-id} and {@code hash-algorithm-id=} headers.
 *
 * <p>Stateless and thread-safe.
 */
public enum DigestAlgorithm {
    /** SHA-1: only for reading old (version 2) hashes and directories. */
    SHA1("SHA-1", "http://www.w3.org/2000/09/xmldsig#sha1"),
    SHA224("SHA-224", "http://www.w3.org/2001/04/xmldsig-more#sha224"),
    SHA256("SHA-256", "http://www.w3.org/2001/04/xmlenc#sha256"),
    SHA384("SHA-384", "http://www.w3.org/2001/04/xmldsig-more#sha384"),
    /** SHA-512: what the central server uses by default for part hashes and certificate hashes. */
    SHA512("SHA-512", "http://www.w3.org/2001/04/xmlenc#sha512");

    private final String jcaName;
    private final String uri;

    DigestAlgorithm(String jcaName, String uri) {
        this.jcaName = jcaName;
        this.uri = uri;
    }

    /** The JCA name, for example {@code SHA-512}. */
    public String jcaName() {
        return jcaName;
    }

    /** The identifying URI, for example {@code http://www.w3.org/2001/04/xmlenc#sha512}. */
    public String uri() {
        return uri;
    }

    /** The digest of {@code data}. */
    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }

    /** The digest of {@code data}, base64-encoded as global configuration writes it. */
    public String base64Digest(byte[] data) {
        return Base64.getEncoder().encodeToString(digest(data));
    }

    /** The algorithm identified by {@code uri} (exact match after trimming), if supported. */
    public static Optional<DigestAlgorithm> byUri(String uri) {
        String u = uri.strip();
        for (DigestAlgorithm a : values()) {
            if (a.uri.equals(u)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
