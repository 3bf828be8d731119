package org.sild.core.globalconf;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * A certificate as global configuration carries it: the bytes published, parsed only when used.
 *
 * <p>Configuration sources list verification certificates that serve only as containers of a
 * public key, and test configurations carry placeholders that are no certificates at all; keeping
 * the bytes lets such files load (as in X-Road) and round-trip unchanged. Immutable.
 */
public record EncodedCertificate(byte[] bytes) {

    public EncodedCertificate {
        bytes = bytes.clone();
    }

    /** The certificate {@code cert} in DER. */
    public static EncodedCertificate of(X509Certificate cert) {
        return new EncodedCertificate(Certificates.encoded(cert));
    }

    /** A copy of the published bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The certificate, if the bytes are one (DER or PEM). */
    public Optional<X509Certificate> certificate() {
        return Certificates.tryParse(bytes);
    }

    /** The bytes in base64, as written in XML. */
    public String base64() {
        return Certificates.base64(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedCertificate other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "EncodedCertificate[" + bytes.length + " bytes, sha256 "
                + DigestAlgorithm.SHA256.base64Digest(bytes) + "]";
    }
}
