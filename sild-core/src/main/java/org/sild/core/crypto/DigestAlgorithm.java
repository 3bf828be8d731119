package org.sild.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms X-Road uses, with the three names they go by on the wire: the JCA name
 * ({@code x-hash-algorithm: SHA-512}), the ASN.1 object identifier (OCSP, time-stamps) and the
 * XML-DSig / XML-Enc URI (signatures, hash chains, global configuration).
 *
 * <p>Stateless and thread-safe; {@link #newDigest()} objects are not.
 */
public enum DigestAlgorithm {
    /** SHA-1: only where X-Road still uses it (OCSP CertIDs, version 2 hashes, old hash chains). */
    SHA1("SHA-1", "1.3.14.3.2.26", "http://www.w3.org/2000/09/xmldsig#sha1"),
    SHA224("SHA-224", "2.16.840.1.101.3.4.2.4", "http://www.w3.org/2001/04/xmldsig-more#sha224"),
    SHA256("SHA-256", "2.16.840.1.101.3.4.2.1", "http://www.w3.org/2001/04/xmlenc#sha256"),
    SHA384("SHA-384", "2.16.840.1.101.3.4.2.2", "http://www.w3.org/2001/04/xmldsig-more#sha384"),
    /** SHA-512: X-Road's default almost everywhere. */
    SHA512("SHA-512", "2.16.840.1.101.3.4.2.3", "http://www.w3.org/2001/04/xmlenc#sha512");

    private final String jcaName;
    private final String oid;
    private final String uri;

    DigestAlgorithm(String jcaName, String oid, String uri) {
        this.jcaName = jcaName;
        this.oid = oid;
        this.uri = uri;
    }

    /** The JCA name, for example {@code SHA-512}. */
    public String jcaName() {
        return jcaName;
    }

    /** The dotted ASN.1 object identifier. */
    public String oid() {
        return oid;
    }

    /** The XML algorithm URI, for example {@code http://www.w3.org/2001/04/xmlenc#sha512}. */
    public String uri() {
        return uri;
    }

    /** Length of a digest in bytes. */
    public int length() {
        return newDigest().getDigestLength();
    }

    /** A new {@link MessageDigest} for this algorithm. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }

    /** The digest of {@code data}. */
    public byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    /** The digest of {@code data}, base64-encoded. */
    public String base64Digest(byte[] data) {
        return Base64.getEncoder().encodeToString(digest(data));
    }

    /** The algorithm with XML URI {@code uri} (surrounding blanks ignored), if it is one of these. */
    public static Optional<DigestAlgorithm> byUri(String uri) {
        String u = uri.strip();
        for (DigestAlgorithm a : values()) {
            if (a.uri.equals(u)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The algorithm with object identifier {@code oid}, if it is one of these. */
    public static Optional<DigestAlgorithm> byOid(String oid) {
        for (DigestAlgorithm a : values()) {
            if (a.oid.equals(oid)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The algorithm with JCA name {@code name}, ignoring case ({@code sha-512} too), if it is one of these. */
    public static Optional<DigestAlgorithm> byName(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.jcaName.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
