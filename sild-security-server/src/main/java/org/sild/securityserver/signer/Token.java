package org.sild.securityserver.signer;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.sild.core.id.MemberId;
import org.sild.core.signature.SigningKey;

/**
 * Where the security server's keys live: the authentication key and the members' signing keys,
 * with their certificates. The software token ({@link SoftwareToken}) keeps them in PIN-protected
 * PKCS#12 files; a PKCS#11 token (SunPKCS11) can implement the same role later.
 *
 * <p>Implementations are thread-safe: listing and signing run concurrently with key management.
 * A token is open from construction until {@link #close}.
 */
public interface Token extends AutoCloseable {

    /** A short name for messages and logs, such as {@code softToken}. */
    String id();

    /** Every key on the token, in a stable order. */
    List<TokenKey> keys();

    /** The key {@code keyId}, if present. */
    default Optional<TokenKey> key(String keyId) {
        return keys().stream().filter(k -> k.id().equals(keyId)).findFirst();
    }

    /**
     * Generates a key. A signing key belongs to {@code member}; the authentication key to none.
     *
     * @throws org.sild.core.fault.XRoadException {@code InternalError} for a member on an authentication key
     *         or none on a signing key; the token's own faults when it cannot store the key
     */
    TokenKey generateKey(KeyPurpose purpose, Optional<MemberId> member, KeyAlgorithm algorithm, String label);

    /**
     * Stores {@code chain} (leaf first, CA certificates optional) with the key whose public key is the
     * leaf's, replacing any certificate it had.
     *
     * @throws org.sild.core.fault.XRoadException {@code KeyNotFound} when no key has the leaf's public key,
     *         {@code WrongCertUsage} when the leaf is not an authentication certificate for the
     *         authentication key or not a signing certificate for a signing key
     */
    TokenKey importCertificate(List<X509Certificate> chain);

    /**
     * Removes a key and its certificate.
     *
     * @throws org.sild.core.fault.XRoadException {@code KeyNotFound} for an unknown key
     */
    void deleteKey(String keyId);

    /**
     * The signing function of key {@code keyId}.
     *
     * @throws org.sild.core.fault.XRoadException {@code KeyNotFound} for an unknown key
     */
    SigningKey signingKey(String keyId);

    /**
     * The private key object of {@code keyId}, for TLS key managers (a software key, or a token handle).
     *
     * @throws org.sild.core.fault.XRoadException {@code KeyNotFound} for an unknown key
     */
    PrivateKey privateKey(String keyId);

    /** Closes the token; its keys can no longer be used. */
    @Override
    void close();
}
