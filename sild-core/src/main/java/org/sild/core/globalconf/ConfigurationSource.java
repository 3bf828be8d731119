package org.sild.core.globalconf;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One configuration source of an anchor: the URL of its signed directory and the certificates
 * whose public keys may have signed it.
 *
 * <p>Immutable.
 */
public record ConfigurationSource(String downloadUrl, List<EncodedCertificate> verificationCerts) {

    public ConfigurationSource {
        Objects.requireNonNull(downloadUrl);
        verificationCerts = List.copyOf(verificationCerts);
    }

    /** The verification certificates that parse as X.509 certificates. */
    public List<X509Certificate> certificates() {
        return verificationCerts.stream().map(EncodedCertificate::certificate).flatMap(Optional::stream).toList();
    }
}
