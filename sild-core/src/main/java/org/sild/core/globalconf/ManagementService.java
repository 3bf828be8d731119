package org.sild.core.globalconf;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.ClientId;

/**
 * The management services of an instance, from private parameters: where security servers
 * register authentication certificates (and the TLS certificate they pin for it) and which
 * subsystem provides the other management requests. Immutable.
 */
public record ManagementService(String authCertRegServiceAddress, Optional<X509Certificate> authCertRegServiceCert,
                                ClientId managementRequestServiceProviderId) {

    public ManagementService {
        Objects.requireNonNull(authCertRegServiceAddress);
        Objects.requireNonNull(authCertRegServiceCert);
        Objects.requireNonNull(managementRequestServiceProviderId);
    }
}
