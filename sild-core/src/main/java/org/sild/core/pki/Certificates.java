package org.sild.core.pki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Reading and encoding X.509 certificates with X-Road's fault code for bad input
 * ({@code IncorrectCertificate}). Stateless and thread-safe.
 */
public final class Certificates {

    /** Largest certificate accepted, in bytes of DER. */
    public static final int MAX_CERTIFICATE_SIZE = 64 * 1024;

    private Certificates() {
    }

    /**
     * Parses one certificate from DER, or from PEM text (with or without the BEGIN/END lines, as
     * X-Road writes some of its certificate files).
     *
     * @throws XRoadException {@code IncorrectCertificate} when the bytes are not one certificate
     */
    public static X509Certificate parse(byte[] derOrPem) {
        if (derOrPem.length > 0 && derOrPem[0] == 0x30) {
            return parseDer(derOrPem);
        }
        return Pem.readCertificate(new String(derOrPem, StandardCharsets.US_ASCII));
    }

    /**
     * Parses one DER-encoded certificate.
     *
     * @throws XRoadException {@code IncorrectCertificate} when the bytes are not exactly one certificate
     */
    public static X509Certificate parseDer(byte[] der) {
        if (der.length > MAX_CERTIFICATE_SIZE) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE,
                    "Certificate of " + der.length + " bytes exceeds the limit of " + MAX_CERTIFICATE_SIZE);
        }
        var in = new ByteArrayInputStream(der);
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException | RuntimeException e) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE, "Malformed certificate: " + e.getMessage(), e);
        }
        if (in.available() != 0) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE,
                    "Certificate is followed by " + in.available() + " extra bytes");
        }
        return cert;
    }

    /** The DER encoding of {@code certificate}. */
    public static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE,
                    "Cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** The subject name in RFC 2253 form, for messages. */
    static String name(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
