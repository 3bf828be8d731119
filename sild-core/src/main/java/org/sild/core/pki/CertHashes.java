package org.sild.core.pki;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * The certificate hashes X-Road puts on the wire, all over the DER encoding of the certificate.
 *
 * <ul>
 *   <li>{@link #sha1Hex}: OCSP download {@code cert=} parameter (lower-case hex);</li>
 *   <li>{@link #sha256Hex}: OCSP download {@code cert_hash=} parameter (lower-case hex);</li>
 *   <li>{@link #sha256Base64} / {@link #sha1Base64}: shared parameters {@code securityServer/authCertHash}
 *       (SHA-256 from version 3 on, SHA-1 in version 2);</li>
 *   <li>{@link #sha512Base64}: {@code Verification-certificate-hash} of signed global configuration.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class CertHashes {

    private static final HexFormat HEX = HexFormat.of();

    private CertHashes() {
    }

    /** The {@code algorithm} digest of the certificate's DER encoding. */
    public static byte[] hash(X509Certificate certificate, DigestAlgorithm algorithm) {
        return algorithm.digest(Certificates.encoded(certificate));
    }

    /** Lower-case hex SHA-1 of the certificate. */
    public static String sha1Hex(X509Certificate certificate) {
        return HEX.formatHex(hash(certificate, DigestAlgorithm.SHA1));
    }

    /** Lower-case hex SHA-256 of the certificate. */
    public static String sha256Hex(X509Certificate certificate) {
        return HEX.formatHex(hash(certificate, DigestAlgorithm.SHA256));
    }

    /** Base64 SHA-1 of the certificate. */
    public static String sha1Base64(X509Certificate certificate) {
        return Base64.getEncoder().encodeToString(hash(certificate, DigestAlgorithm.SHA1));
    }

    /** Base64 SHA-256 of the certificate. */
    public static String sha256Base64(X509Certificate certificate) {
        return Base64.getEncoder().encodeToString(hash(certificate, DigestAlgorithm.SHA256));
    }

    /** Base64 SHA-512 of the certificate. */
    public static String sha512Base64(X509Certificate certificate) {
        return Base64.getEncoder().encodeToString(hash(certificate, DigestAlgorithm.SHA512));
    }
}
