package org.sild.trustservices.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A private key with its certificate: the CA's own credential, the TSA's, or one issued with a key
 * the CA generated. Immutable; {@link #toString()} never shows the key.
 */
public record KeyAndCertificate(PrivateKey privateKey, X509Certificate certificate) {

    public KeyAndCertificate {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    @Override
    public String toString() {
        return "KeyAndCertificate[" + certificate.getSubjectX500Principal().getName() + ", serial "
                + certificate.getSerialNumber() + "]";
    }
}
