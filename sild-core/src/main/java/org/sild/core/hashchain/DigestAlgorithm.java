package org.sild.core.hashchain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * A digest algorithm as X-Road names it: the Java name (also the value of the {@code x-hash-algorithm}
 * header) and the XML-DSig URI used in signatures and hash chains.
 *
 * <p>Only the SHA-2 algorithms X-Road uses are known; anything else is refused by the callers.
 */
public enum DigestAlgorithm {
    SHA256("SHA-256", "http://www.w3.org/2001/04/xmlenc#sha256"),
    SHA384("SHA-384", "http://www.w3.org/2001/04/xmldsig-more#sha384"),
    SHA512("SHA-512", "http://www.w3.org/2001/04/xmlenc#sha512");

    private final String javaName;
    private final String uri;

    DigestAlgorithm(String javaName, String uri) {
        this.javaName = javaName;
        this.uri = uri;
    }

    /** The JCA name, for example {@code SHA-512}. */
    public String javaName() {
        return javaName;
    }

    /** The XML-DSig / XML-Enc URI, for example {@code http://www.w3.org/2001/04/xmlenc#sha512}. */
    public String uri() {
        return uri;
    }

    /** A fresh message digest of this algorithm. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + javaName, e);
        }
    }

    /** The digest of {@code data}. */
    public byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    /** The algorithm with this XML-DSig URI, if known. */
    public static Optional<DigestAlgorithm> ofUri(String uri) {
        for (DigestAlgorithm a : values()) {
            if (a.uri.equals(uri)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The algorithm with this name ({@code SHA-512}, also accepted as {@code sha512}), if known. */
    public static Optional<DigestAlgorithm> ofName(String name) {
        String wanted = name.replace("-", "").toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.name().equals(wanted)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
