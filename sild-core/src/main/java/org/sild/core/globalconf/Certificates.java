package org.sild.core.globalconf;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.xml.XmlValues;

/** Decoding of base64 values and certificates as they appear in global configuration. */
final class Certificates {

    private Certificates() {
    }

    /**
     * Decodes {@code xs:base64Binary} text: whitespace (line breaks inside certificates are common)
     * is ignored, anything else that is not base64 is an error with {@code code}.
     */
    static byte[] decodeBase64(String text, ErrorCode code, String what) {
        try {
            return XmlValues.decodeBase64(text);
        } catch (IllegalArgumentException e) {
            throw new XRoadException(code, what + " is not valid base64");
        }
    }

    /**
     * Parses an X.509 certificate from DER, or from PEM text: the central server publishes some
     * OCSP and TSA certificates as base64 of their PEM form.
     */
    static Optional<X509Certificate> tryParse(byte[] encoded) {
        try {
            return Optional.of(org.sild.core.pki.Certificates.parse(encoded));
        } catch (XRoadException e) {
            return Optional.empty();
        }
    }

    static X509Certificate parse(byte[] encoded, ErrorCode code, String what) {
        return tryParse(encoded).orElseThrow(() -> new XRoadException(code, what + " is not an X.509 certificate"));
    }

    static X509Certificate parseBase64(String text, ErrorCode code, String what) {
        return parse(decodeBase64(text, code, what), code, what);
    }

    static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate cannot be encoded", e);
        }
    }
}
