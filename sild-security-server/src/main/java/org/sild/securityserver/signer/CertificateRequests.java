package org.sild.securityserver.signer;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.pki.CertificationRequest;
import org.sild.core.pki.Pem;
import org.sild.core.signature.SigningKey;

/**
 * Creates PKCS#10 certification requests for keys on a {@link Token}, signed by the token (the
 * private key never leaves it), with the subjects of X-Road's default (EJBCA) certificate profile
 * or any subject a CA's profile asks for.
 *
 * <p>EJBCA profile subjects: authentication {@code C=<instance>, CN=<server code>}; signing
 * {@code C=<instance>, O=<member class>, CN=<member code>}. Requests are signed with SHA-256 (RSA
 * PKCS#1 v1.5 or ECDSA). Stateless and thread-safe.
 */
public final class CertificateRequests {

    private CertificateRequests() {
    }

    /** The EJBCA-profile subject of {@code server}'s authentication certificate. */
    public static X500Principal authenticationSubject(SecurityServerId server) {
        return subject("C", server.owner().instance(), "CN", server.serverCode());
    }

    /** The EJBCA-profile subject of {@code member}'s signing certificate. */
    public static X500Principal signingSubject(MemberId member) {
        return subject("C", member.instance(), "O", member.memberClass(), "CN", member.memberCode());
    }

    /**
     * A DER request for authentication key {@code keyId} of {@code server}, with the EJBCA subject.
     *
     * @throws XRoadException {@code KeyNotFound}, {@code WrongCertUsage} for a signing key, or
     *         {@code FailedToGenerateCertificateRequest}
     */
    public static byte[] authentication(Token token, String keyId, SecurityServerId server) {
        return create(token, keyId, KeyPurpose.AUTHENTICATION, authenticationSubject(server));
    }

    /**
     * A DER request for signing key {@code keyId}, with the EJBCA subject of the member it belongs to.
     *
     * @throws XRoadException {@code KeyNotFound}, {@code WrongCertUsage} for the authentication key, or
     *         {@code FailedToGenerateCertificateRequest}
     */
    public static byte[] signing(Token token, String keyId) {
        TokenKey key = key(token, keyId);
        MemberId member = key.member().orElseThrow(() -> wrongUsage(key, KeyPurpose.SIGNING));
        return create(token, keyId, KeyPurpose.SIGNING, signingSubject(member));
    }

    /**
     * A DER request for key {@code keyId} with any {@code subject} (for CAs with another certificate
     * profile); the key must be for {@code purpose}.
     */
    public static byte[] create(Token token, String keyId, KeyPurpose purpose, X500Principal subject) {
        TokenKey key = key(token, keyId);
        if (key.purpose() != purpose) {
            throw wrongUsage(key, purpose);
        }
        SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(key.publicKey(), DigestAlgorithm.SHA256);
        SigningKey signingKey = token.signingKey(keyId);
        return CertificationRequest.create(subject, key.publicKey(), algorithm,
                data -> signingKey.sign(algorithm, data));
    }

    /** The PEM text ({@code CERTIFICATE REQUEST}) of a DER request. */
    public static String pem(byte[] der) {
        return Pem.writeCertificationRequest(der);
    }

    private static TokenKey key(Token token, String keyId) {
        return token.key(keyId).orElseThrow(() -> new XRoadException(ErrorCode.KEY_NOT_FOUND,
                "token " + token.id() + " has no key " + keyId));
    }

    private static XRoadException wrongUsage(TokenKey key, KeyPurpose wanted) {
        return new XRoadException(ErrorCode.WRONG_CERT_USAGE, "key " + key.id() + " is for "
                + key.purpose() + ", not " + wanted);
    }

    /** An X.500 name from attribute type and value pairs, values escaped as RFC 4514 asks. */
    private static X500Principal subject(String... typesAndValues) {
        var pairs = Stream.iterate(0, i -> i < typesAndValues.length, i -> i + 2)
                .map(i -> typesAndValues[i] + "=" + escape(Objects.requireNonNull(typesAndValues[i + 1])));
        try {
            return new X500Principal(pairs.collect(Collectors.joining(", ")));
        } catch (IllegalArgumentException e) {
            throw new XRoadException(ErrorCode.CSR_FAILED, "cannot make a subject name of "
                    + String.join(", ", typesAndValues) + ": " + e.getMessage());
        }
    }

    private static String escape(String value) {
        var out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean special = ",+\"\\<>;=".indexOf(c) >= 0 || (i == 0 && (c == '#' || c == ' '))
                    || (i == value.length() - 1 && c == ' ');
            if (special) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
