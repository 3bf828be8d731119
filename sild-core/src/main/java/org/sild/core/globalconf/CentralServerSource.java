package org.sild.core.globalconf;

import java.util.List;
import java.util.Objects;

/**
 * A {@code source} entry of shared parameters (version 3 and later): a central server address and
 * the certificates that may sign its internal and external configuration.
 *
 * <p>Security servers add {@code https://ADDRESS/internalconf} as an extra location of their own
 * instance and verify it with these certificates, which lets the central server roll its signing
 * keys without a new anchor. Immutable.
 */
public record CentralServerSource(String address, List<EncodedCertificate> internalVerificationCerts,
                                  List<EncodedCertificate> externalVerificationCerts) {

    public CentralServerSource {
        Objects.requireNonNull(address);
        internalVerificationCerts = List.copyOf(internalVerificationCerts);
        externalVerificationCerts = List.copyOf(externalVerificationCerts);
    }
}
