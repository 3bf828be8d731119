package org.sild.trustservices.ca;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sild.core.pki.CertHashes;
import org.sild.core.pki.Pem;

/**
 * The JSON shape of an issued certificate in the CA's HTTP API.
 *
 * @param serialNumber decimal
 * @param serialNumberHex lower-case hexadecimal, as most tools print it
 * @param status {@code good} or {@code revoked}
 * @param certificate the PEM certificate; left out of listings
 */
record CertificateJson(String serialNumber, String serialNumberHex, String type, String subject, String issuer,
        Instant notBefore, Instant notAfter, Instant issuedAt, String status, Optional<Instant> revokedAt,
        Optional<String> revocationReason, String sha256, Optional<String> certificate) {

    static CertificateJson of(IssuedCertificate issued, boolean withPem) {
        var cert = issued.certificate();
        return new CertificateJson(issued.serialNumber().toString(), issued.serialNumber().toString(16),
                issued.type().shortName(), cert.getSubjectX500Principal().getName(),
                cert.getIssuerX500Principal().getName(), cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(), issued.issuedAt(), issued.isRevoked() ? "revoked" : "good",
                issued.revocation().map(Revocation::time), issued.revocation().map(r -> r.reason().rfcName()),
                CertHashes.sha256Hex(cert), withPem ? Optional.of(Pem.writeCertificate(cert)) : Optional.empty());
    }

    /** The body of {@code GET /ca/certificates}. */
    record Listing(List<CertificateJson> certificates) {
    }

    /** The optional body of {@code POST /ca/certificates/{serial}/revoke}. */
    record RevokeRequest(Optional<String> reason) {
    }
}
