package org.sild.core.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The digest algorithms X-Road uses for certificate hashes, OCSP CertIDs and time-stamp imprints,
 * with their JCA names, ASN.1 object identifiers and XML (XML-DSig / XML-Enc) URIs.
 */
public enum DigestAlgorithm {
    SHA1("SHA-1", "1.3.14.3.2.26", "http://www.w3.org/2000/09/xmldsig#sha1"),
    SHA256("SHA-256", "2.16.840.1.101.3.4.2.1", "http://www.w3.org/2001/04/xmlenc#sha256"),
    SHA384("SHA-384", "2.16.840.1.101.3.4.2.2", "http://www.w3.org/2001/04/xmldsig-more#sha384"),
    SHA512("SHA-512", "2.16.840.1.101.3.4.2.3", "http://www.w3.org/2001/04/xmlenc#sha512");

    private final String jcaName;
    private final String oid;
    private final String uri;

    DigestAlgorithm(String jcaName, String oid, String uri) {
        this.jcaName = jcaName;
        this.oid = oid;
        this.uri = uri;
    }

    /** The JCA {@link MessageDigest} name, for example {@code SHA-512}. */
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

    /** The digest of {@code data}. */
    public byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    /** A new {@link MessageDigest} for this algorithm (not thread-safe, like every MessageDigest). */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
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

    /** The algorithm with XML URI {@code uri}, if it is one of these. */
    public static Optional<DigestAlgorithm> byUri(String uri) {
        for (DigestAlgorithm a : values()) {
            if (a.uri.equals(uri)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
