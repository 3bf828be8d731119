package org.sild.core.signature;

import java.security.cert.X509Certificate;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;

/**
 * How a certification authority encodes the signing member in its signing certificates: X-Road's
 * "certificate profile", named in shared parameters by a Java class name ({@code certificateProfileInfo}).
 *
 * <p>Implementations are stateless and thread-safe. {@link CertificateProfiles} has X-Road's profiles.
 */
@FunctionalInterface
public interface CertificateProfile {

    /**
     * The member {@code certificate} was issued to. Some profiles do not encode every part and take it
     * from {@code expectedSigner} (usually the instance). A subject that does not fit the profile is
     * {@code IncorrectCertificate}.
     */
    MemberId signerOf(X509Certificate certificate, ClientId expectedSigner);
}
