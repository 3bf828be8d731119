package org.sild.securityserver.signer;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.CertUsage;

/**
 * The rules every token applies when a certificate is imported for one of its keys, and the key
 * identifiers tokens derive from public keys. Stateless.
 */
final class KeyCertificates {

    /** Most certificates in an imported chain. */
    static final int MAX_CHAIN = 16;

    private KeyCertificates() {
    }

    /** The identifier of a key: the first 20 bytes of the SHA-256 of its public key, in lower-case hex. */
    static String keyId(PublicKey publicKey) {
        byte[] hash = DigestAlgorithm.SHA256.digest(publicKey.getEncoded());
        return HexFormat.of().formatHex(hash, 0, 20);
    }

    /**
     * The key among {@code keys} that {@code chain}'s leaf certifies, after checking the chain's
     * shape and the certificate's usage against the key's purpose.
     *
     * @throws XRoadException {@code KeyNotFound}, {@code WrongCertUsage} or {@code IncorrectCertificate}
     */
    static TokenKey keyFor(List<TokenKey> keys, List<X509Certificate> chain) {
        if (chain.isEmpty() || chain.size() > MAX_CHAIN) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE,
                    "a certificate chain has 1 to " + MAX_CHAIN + " certificates, not " + chain.size());
        }
        X509Certificate leaf = chain.get(0);
        for (int i = 1; i < chain.size(); i++) {
            if (!chain.get(i - 1).getIssuerX500Principal().equals(chain.get(i).getSubjectX500Principal())) {
                throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE, "certificate " + (i + 1)
                        + " of the chain did not issue " + name(chain.get(i - 1)));
            }
        }
        byte[] encoded = leaf.getPublicKey().getEncoded();
        TokenKey key = keys.stream().filter(k -> MessageDigest.isEqual(k.publicKey().getEncoded(), encoded))
                .findFirst().orElseThrow(() -> new XRoadException(ErrorCode.KEY_NOT_FOUND,
                        "no key on the token has the public key of certificate " + name(leaf)));
        boolean fits = key.purpose() == KeyPurpose.AUTHENTICATION ? CertUsage.isAuthCert(leaf)
                : CertUsage.isSigningCert(leaf);
        if (!fits) {
            throw new XRoadException(ErrorCode.WRONG_CERT_USAGE, "certificate " + name(leaf)
                    + " is not " + (key.purpose() == KeyPurpose.AUTHENTICATION ? "an authentication" : "a signing")
                    + " certificate, but key " + key.id() + " is for " + key.purpose().name().toLowerCase(Locale.ROOT));
        }
        return key;
    }

    /** How messages name a certificate: its subject and serial number. */
    static String name(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "' (serial " + certificate.getSerialNumber() + ")";
    }
}
