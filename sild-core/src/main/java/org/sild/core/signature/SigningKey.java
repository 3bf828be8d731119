package org.sild.core.signature;

import java.security.PrivateKey;
import org.sild.core.crypto.SignatureAlgorithm;

/**
 * The signing function a message signature is made with: data in, signature bytes out.
 *
 * <p>This is the seam between the signature format and whatever holds the key: a software key
 * ({@link #software}), a PKCS#11 token, or a signer service that batches requests. Implementations must
 * be thread-safe if the same instance signs concurrently.
 */
public interface SigningKey {

    /** The key's JCA algorithm: {@code RSA} or {@code EC}. */
    String keyAlgorithm();

    /**
     * Signs {@code data} (the canonical {@code SignedInfo}) with {@code algorithm} and returns the
     * signature in JCA encoding: the RSA signature octets, or the DER {@code ECDSA-Sig-Value} (the XML
     * writer converts it to r‖s). Failures are thrown as {@code XRoadException} ({@code CannotSign}).
     */
    byte[] sign(SignatureAlgorithm algorithm, byte[] data);

    /** A signing key backed by a JCA private key (software key, or a SunPKCS11 token key). */
    static SigningKey software(PrivateKey key) {
        return new SoftwareSigningKey(key);
    }
}
