package org.sild.core.asic;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.FaultStyle;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;

/**
 * The outcome of verifying one ASiC-E container: valid with what was checked, or invalid with X-Road's
 * fault code and a reason that says which entry, reference or check failed.
 *
 * <p>Immutable.
 */
public record AsicVerification(Optional<FaultCode> faultCode, String reason, Optional<Checked> checked) {

    /**
     * What a valid container proved: the signer (member and certificate), the signing time it claims, the
     * OCSP response that showed the certificate good (when and by whom), the time-stamp (time, TSA, batch or
     * single), and the parts accepted only by the digest the signature states (attachments not in the file).
     */
    public record Checked(MemberId signer, X509Certificate signingCertificate, Optional<Instant> signingTime,
            Instant ocspProducedAt, String ocspResponder, Instant timeStampTime, String tsaName,
            X509Certificate tsaCertificate, boolean batchTimeStamp, List<String> unverifiedParts) {
        public Checked {
            Objects.requireNonNull(signer, "signer");
            unverifiedParts = List.copyOf(unverifiedParts);
        }
    }

    public AsicVerification {
        Objects.requireNonNull(faultCode, "faultCode");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(checked, "checked");
        if (faultCode.isPresent() == checked.isPresent()) {
            throw new IllegalArgumentException("a verification is either valid with what it checked or invalid");
        }
    }

    static AsicVerification valid(Checked checked) {
        return new AsicVerification(Optional.empty(), "valid", Optional.of(checked));
    }

    static AsicVerification invalid(XRoadException e) {
        return new AsicVerification(Optional.of(e.code()), e.getMessage(), Optional.empty());
    }

    /** Whether the container verified. */
    public boolean valid() {
        return faultCode.isEmpty();
    }

    /** The fault code in X-Road 7.8 spelling ({@code invalid_signature_value}), or empty when valid. */
    public Optional<String> code() {
        return faultCode.map(c -> c.format(FaultStyle.SNAKE_CASE));
    }
}
