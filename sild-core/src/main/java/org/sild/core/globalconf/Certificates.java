package org.sild.core.globalconf;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/** Decoding of base64 values and certificates as they appear in global configuration. */
final class Certificates {

    private Certificates() {
    }

    /**
     * Decodes {@code xs:base64Binary} text: whitespace (line breaks inside certificates are common)
     * is ignored, anything else that is not base64 is an error with {@code code}.
     */
    static byte[] decodeBase64(String text, ErrorCode code, String what) {
        var compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                compact.append(c);
            }
        }
        try {
            return Base64.getDecoder().decode(compact.toString());
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
            var factory = CertificateFactory.getInstance("X.509");
            return Optional.of((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(encoded)));
        } catch (CertificateException | ClassCastException e) {
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
