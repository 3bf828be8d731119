package org.sild.core.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sild.core.hashchain.Digest;
import org.sild.core.id.MemberId;

/**
 * The outcome of a successful signature verification: who signed (the member and certificate), when they
 * say they signed, the certificates and OCSP responses that proved the certificate valid, and the parts
 * that were accepted without their data (only when the verifier allows it, for evidence whose
 * attachments are missing).
 *
 * <p>Immutable.
 */
public record VerifiedSignature(MemberId signer, X509Certificate signingCertificate, Optional<Instant> signingTime,
                                List<X509Certificate> extraCertificates, List<byte[]> ocspResponses,
                                Map<String, Digest> unverifiedParts, XadesSignature signature) {

    public VerifiedSignature {
        extraCertificates = List.copyOf(extraCertificates);
        ocspResponses = ocspResponses.stream().map(byte[]::clone).toList();
        unverifiedParts = Map.copyOf(unverifiedParts);
    }

    @Override
    public List<byte[]> ocspResponses() {
        return ocspResponses.stream().map(byte[]::clone).toList();
    }
}
