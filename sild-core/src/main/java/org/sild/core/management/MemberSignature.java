package org.sild.core.management;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import org.sild.core.pki.OcspResponse;
import org.sild.core.signature.SigningKey;

/**
 * A member's signature of a management request with the evidence that goes with it: the signing
 * certificate it was made with and an OCSP response for that certificate (PR-MSERV §2: the
 * signature part, the certificate part and the OCSP part). Immutable.
 */
public record MemberSignature(RequestSignature signature, X509Certificate certificate, OcspResponse ocspResponse) {

    public MemberSignature {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(ocspResponse, "ocspResponse");
    }

    /** Equal when signature, certificate and the OCSP response's encoding are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MemberSignature m && signature.equals(m.signature) && certificate.equals(m.certificate)
                && Arrays.equals(ocspResponse.encoded(), m.ocspResponse.encoded());
    }

    @Override
    public int hashCode() {
        return Objects.hash(signature, certificate, Arrays.hashCode(ocspResponse.encoded()));
    }

    @Override
    public String toString() {
        return "MemberSignature[" + signature + ", " + certificate.getSubjectX500Principal().getName() + "]";
    }

    /** Signs the SOAP bytes of {@code message} with the key of {@code certificate}. */
    public static MemberSignature sign(ManagementMessage message, SigningKey key, X509Certificate certificate,
                                       OcspResponse ocspResponse) {
        return new MemberSignature(RequestSignature.sign(key, certificate.getPublicKey(), message.bytes()),
                certificate, ocspResponse);
    }
}
