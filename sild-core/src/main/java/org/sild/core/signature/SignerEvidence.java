package org.sild.core.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.sild.core.id.MemberId;

/**
 * What a signature says about its signer's certificate, handed to the {@link SignerCertificateCheck}: the
 * signing certificate, the extra (intermediate CA) certificates and the DER OCSP responses found in the
 * signature, the member it signs for (its instance selects the trust anchors) and the time to check at.
 *
 * <p>Immutable.
 */
public record SignerEvidence(X509Certificate signingCertificate, List<X509Certificate> extraCertificates,
                             List<byte[]> ocspResponses, MemberId signer, Instant verificationTime) {

    public SignerEvidence {
        Objects.requireNonNull(signingCertificate, "signingCertificate");
        extraCertificates = List.copyOf(extraCertificates);
        ocspResponses = ocspResponses.stream().map(byte[]::clone).toList();
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(verificationTime, "verificationTime");
    }

    @Override
    public List<byte[]> ocspResponses() {
        return ocspResponses.stream().map(byte[]::clone).toList();
    }
}
