package org.sild.configurationproxy;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A configuration signing key of a proxy instance as operators see it: its id, its self-signed
 * certificate (what anchors carry) and whether it is the key that signs. Immutable; holds no
 * private key.
 */
public record SigningKeyInfo(String id, X509Certificate certificate, boolean active) {

    public SigningKeyInfo {
        Objects.requireNonNull(id);
        Objects.requireNonNull(certificate);
    }
}
