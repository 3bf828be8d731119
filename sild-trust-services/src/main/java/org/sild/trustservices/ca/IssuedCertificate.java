package org.sild.trustservices.ca;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.pki.OcspCertStatus;

/**
 * A certificate the CA issued, as its store keeps it: the certificate, its type, when it was
 * issued and, once revoked, the revocation. Immutable.
 */
public record IssuedCertificate(X509Certificate certificate, CertificateType type, Instant issuedAt,
        Optional<Revocation> revocation) {

    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(revocation, "revocation");
    }

    /** A certificate issued at {@code issuedAt}, not revoked. */
    public static IssuedCertificate of(X509Certificate certificate, CertificateType type, Instant issuedAt) {
        return new IssuedCertificate(certificate, type, issuedAt, Optional.empty());
    }

    public BigInteger serialNumber() {
        return certificate.getSerialNumber();
    }

    public boolean isRevoked() {
        return revocation.isPresent();
    }

    /** This certificate revoked as {@code revocation} says. */
    public IssuedCertificate revoked(Revocation revocation) {
        return new IssuedCertificate(certificate, type, issuedAt, Optional.of(revocation));
    }

    /** The status an OCSP responder states for this certificate: good or revoked (with time and reason). */
    public OcspCertStatus ocspStatus() {
        return revocation.<OcspCertStatus>map(r -> new OcspCertStatus.Revoked(r.time(), Optional.of(r.reason().code())))
                .orElseGet(OcspCertStatus.Good::new);
    }
}
