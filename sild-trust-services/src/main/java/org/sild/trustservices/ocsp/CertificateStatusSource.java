package org.sild.trustservices.ocsp;

import java.math.BigInteger;
import org.sild.core.pki.OcspCertStatus;

/**
 * Where the OCSP responder learns a certificate's status: the CA's store. Implementations are
 * thread-safe and answer from current state (a revocation shows in the next answer).
 */
@FunctionalInterface
public interface CertificateStatusSource {

    /** The status of the certificate with serial number {@code serial} issued by the responder's CA; unknown when not issued by it. */
    OcspCertStatus status(BigInteger serial);
}
