package org.sild.core.signature;

/**
 * The last step of signature verification: the signing certificate's chain to an approved certification
 * authority and its OCSP status, checked with the certificates and OCSP responses the signature carries,
 * at the verification time (X-Road's {@code CertChainVerifier}; PKI rules of digest 03 §4).
 *
 * <p>Implemented by the PKI package over global configuration. Implementations throw
 * {@code XRoadException} (for example {@code CertValidation}, {@code InvalidCertPath}) when the
 * certificate is not valid, and must be thread-safe.
 */
@FunctionalInterface
public interface SignerCertificateCheck {

    /** Checks {@code evidence}; returns normally only if the signing certificate was valid and good. */
    void check(SignerEvidence evidence);
}
