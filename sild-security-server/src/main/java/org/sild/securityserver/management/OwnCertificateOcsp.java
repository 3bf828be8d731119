package org.sild.securityserver.management;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Where the management client gets the OCSP response it attaches to a member signature: the signer's
 * verified, fresh response for one of the server's own signing certificates
 * ({@link org.sild.securityserver.signer.OwnOcspResponses} keeps them).
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface OwnCertificateOcsp {

    /**
     * The DER OCSP response for {@code certificate}, verified and fresh at {@code now}.
     *
     * @throws org.sild.core.fault.XRoadException {@code CertValidation} when there is none
     */
    byte[] response(X509Certificate certificate, Instant now);
}
