package org.sild.runtime.confsource;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A configuration signing key and the certificate clients verify its signatures with. Immutable. */
record SigningKey(PrivateKey privateKey, X509Certificate cert) {

    SigningKey {
        Objects.requireNonNull(privateKey);
        Objects.requireNonNull(cert);
    }
}
