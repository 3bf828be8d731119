package org.sild.securityserver.signer;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The OCSP state of one of the server's own certificates, for diagnostics: when its response was
 * produced, until when the responder promised it, whether it is usable now, and the last problem.
 *
 * <p>Immutable.
 */
public record OcspStatus(X509Certificate certificate, Optional<Instant> thisUpdate, Optional<Instant> nextUpdate,
                         boolean fresh, Optional<String> problem) {

    public OcspStatus {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        Objects.requireNonNull(problem, "problem");
    }
}
