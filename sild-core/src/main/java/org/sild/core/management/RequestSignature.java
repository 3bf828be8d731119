package org.sild.core.management;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.signature.SigningKey;

/**
 * A raw signature over the SOAP part of a management request (PR-MSERV §2, digest 04 §9.3), with its
 * algorithm as the {@code signature-algorithm-id} part header names it: Java's names such as
 * {@code SHA512withRSA} or {@code SHA512withRSAandMGF1} (read case-insensitively). ECDSA keys sign
 * as {@code SHA512withECDSA}, a Sild extension of PR-MSERV's list (DER-encoded, as JCA makes it).
 *
 * <p>Immutable; the value is copied in and out.
 */
public record RequestSignature(SignatureAlgorithm algorithm, byte[] value) {

    /** The digest security servers sign management requests with, as X-Road does by default. */
    public static final DigestAlgorithm DEFAULT_DIGEST = DigestAlgorithm.SHA512;

    private static final Map<SignatureAlgorithm, String> NAMES = Map.of(
            SignatureAlgorithm.RSA_SHA256, "SHA256withRSA",
            SignatureAlgorithm.RSA_SHA384, "SHA384withRSA",
            SignatureAlgorithm.RSA_SHA512, "SHA512withRSA",
            SignatureAlgorithm.RSA_PSS_SHA256, "SHA256withRSAandMGF1",
            SignatureAlgorithm.RSA_PSS_SHA384, "SHA384withRSAandMGF1",
            SignatureAlgorithm.RSA_PSS_SHA512, "SHA512withRSAandMGF1",
            SignatureAlgorithm.ECDSA_SHA256, "SHA256withECDSA",
            SignatureAlgorithm.ECDSA_SHA384, "SHA384withECDSA",
            SignatureAlgorithm.ECDSA_SHA512, "SHA512withECDSA");

    public RequestSignature {
        Objects.requireNonNull(algorithm, "algorithm");
        value = value.clone();
    }

    /**
     * Signs {@code data} with {@code key}, whose public key is {@code publicKey}: RSA PKCS#1 v1.5 for
     * RSA keys, ECDSA for EC keys, with {@link #DEFAULT_DIGEST}.
     *
     * @throws XRoadException the key's own faults ({@code CannotSign}, {@code UnsupportedSignAlgorithm})
     */
    public static RequestSignature sign(SigningKey key, PublicKey publicKey, byte[] data) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(publicKey, DEFAULT_DIGEST);
        return new RequestSignature(algorithm, key.sign(algorithm, data));
    }

    /** The {@code signature-algorithm-id} header value, for example {@code SHA512withRSA}. */
    public String algorithmId() {
        return NAMES.get(algorithm);
    }

    /**
     * The algorithm a {@code signature-algorithm-id} header names.
     *
     * @throws XRoadException {@code UnsupportedAlgorithm} for any other name
     */
    public static SignatureAlgorithm algorithmOf(String algorithmId) {
        String wanted = algorithmId.strip().toLowerCase(Locale.ROOT);
        Optional<SignatureAlgorithm> found = NAMES.entrySet().stream()
                .filter(e -> e.getValue().toLowerCase(Locale.ROOT).equals(wanted)).map(Map.Entry::getKey).findFirst();
        return found.orElseThrow(() -> new XRoadException(ErrorCode.UNSUPPORTED_ALGORITHM,
                "signature algorithm '" + algorithmId + "' is not supported for management requests"));
    }

    /** Whether this signature verifies over {@code data} with {@code key} (false for a key of another type). */
    public boolean verifies(PublicKey key, byte[] data) {
        try {
            Signature s = algorithm.newSignature();
            s.initVerify(key);
            s.update(data);
            return s.verify(value);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestSignature s && algorithm == s.algorithm && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RequestSignature[" + algorithmId() + ", " + value.length + " bytes]";
    }
}
