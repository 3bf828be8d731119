package org.sild.core.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * X-Road's classification of end-entity certificates into authentication and signing
 * certificates ({@code CertUtils.isAuthCert} / {@code isSigningCert}). Stateless and thread-safe.
 *
 * <p>Callers turn a {@code false} into their own fault: the message verifier answers
 * {@code MalformedSignature}, the TLS layer {@code SslAuthenticationFailed}.
 */
public final class CertUsage {

    /** id-kp-clientAuth. */
    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** id-kp-OCSPSigning. */
    public static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    /** id-kp-timeStamping. */
    public static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int DATA_ENCIPHERMENT = 3;

    private CertUsage() {
    }

    /**
     * Whether {@code certificate} is an authentication certificate: extended key usage clientAuth,
     * or keyUsage digitalSignature, keyEncipherment or dataEncipherment.
     *
     * @throws XRoadException {@code IncorrectCertificate} when it has neither clientAuth nor a keyUsage extension
     */
    public static boolean isAuthCert(X509Certificate certificate) {
        if (extendedKeyUsage(certificate).contains(CLIENT_AUTH)) {
            return true;
        }
        boolean[] usage = keyUsage(certificate);
        return usage[DIGITAL_SIGNATURE] || usage[KEY_ENCIPHERMENT] || usage[DATA_ENCIPHERMENT];
    }

    /**
     * Whether {@code certificate} is a signing certificate: keyUsage nonRepudiation.
     *
     * @throws XRoadException {@code IncorrectCertificate} when it has no keyUsage extension
     */
    public static boolean isSigningCert(X509Certificate certificate) {
        return keyUsage(certificate)[NON_REPUDIATION];
    }

    /**
     * The extended key usage OIDs of {@code certificate}; empty when it has no such extension.
     *
     * @throws XRoadException {@code IncorrectCertificate} when the extension is malformed
     */
    public static List<String> extendedKeyUsage(X509Certificate certificate) {
        try {
            List<String> eku = certificate.getExtendedKeyUsage();
            return eku == null ? List.of() : List.copyOf(eku);
        } catch (CertificateParsingException e) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE,
                    "Malformed extended key usage in certificate " + Certificates.name(certificate), e);
        }
    }

    private static boolean[] keyUsage(X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        if (usage == null) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE,
                    "Certificate " + Certificates.name(certificate) + " does not contain keyUsage extension");
        }
        // Providers other than the JDK's may return fewer than the nine named bits.
        return usage.length >= 9 ? usage : Arrays.copyOf(usage, 9);
    }
}
