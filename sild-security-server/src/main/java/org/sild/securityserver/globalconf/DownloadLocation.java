package org.sild.securityserver.globalconf;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** A URL a signed directory may be downloaded from and the certificates allowed to have signed it. Immutable. */
record DownloadLocation(URI url, List<X509Certificate> verificationCerts) {

    DownloadLocation {
        Objects.requireNonNull(url);
        verificationCerts = List.copyOf(verificationCerts);
    }
}
