package org.sild.core.signature;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.DigestAlgorithm;

/**
 * The XML signature algorithms of X-Road message signatures: RSA PKCS#1 v1.5, RSA-PSS (MGF1 with the same
 * digest, salt as long as the digest) and ECDSA, each with SHA-256, SHA-384 or SHA-512.
 */
public enum SignatureAlgorithm {
    RSA_SHA256("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "RSA", DigestAlgorithm.SHA256, Kind.PKCS1),
    RSA_SHA384("http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "RSA", DigestAlgorithm.SHA384, Kind.PKCS1),
    RSA_SHA512("http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "RSA", DigestAlgorithm.SHA512, Kind.PKCS1),
    RSA_PSS_SHA256("http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1", "RSA", DigestAlgorithm.SHA256, Kind.PSS),
    RSA_PSS_SHA384("http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1", "RSA", DigestAlgorithm.SHA384, Kind.PSS),
    RSA_PSS_SHA512("http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1", "RSA", DigestAlgorithm.SHA512, Kind.PSS),
    ECDSA_SHA256("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "EC", DigestAlgorithm.SHA256, Kind.ECDSA),
    ECDSA_SHA384("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", "EC", DigestAlgorithm.SHA384, Kind.ECDSA),
    ECDSA_SHA512("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", "EC", DigestAlgorithm.SHA512, Kind.ECDSA);

    private enum Kind { PKCS1, PSS, ECDSA }

    private final String uri;
    private final String keyAlgorithm;
    private final DigestAlgorithm digest;
    private final Kind kind;

    SignatureAlgorithm(String uri, String keyAlgorithm, DigestAlgorithm digest, Kind kind) {
        this.uri = uri;
        this.keyAlgorithm = keyAlgorithm;
        this.digest = digest;
        this.kind = kind;
    }

    /** The XML-DSig {@code SignatureMethod} URI. */
    public String uri() {
        return uri;
    }

    /** The JCA key algorithm: {@code RSA} or {@code EC}. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The digest the signature is computed with. */
    public DigestAlgorithm digest() {
        return digest;
    }

    /** Whether this is RSA-PSS. */
    public boolean isPss() {
        return kind == Kind.PSS;
    }

    /** Whether this is ECDSA (whose XML signature value is raw r‖s, not DER). */
    public boolean isEcdsa() {
        return kind == Kind.ECDSA;
    }

    /**
     * The JCA signature algorithm name: {@code SHA512withRSA}, {@code RSASSA-PSS} (with
     * {@link #parameters()}) or {@code SHA512withECDSA} (DER-encoded output).
     */
    public String jcaName() {
        String hash = digest.jcaName().replace("-", "");
        return switch (kind) {
            case PKCS1 -> hash + "withRSA";
            case PSS -> "RSASSA-PSS";
            case ECDSA -> hash + "withECDSA";
        };
    }

    /** The PSS parameters for RSA-PSS; empty otherwise. */
    public Optional<AlgorithmParameterSpec> parameters() {
        if (kind != Kind.PSS) {
            return Optional.empty();
        }
        String name = digest.jcaName();
        int saltLength = digest.newDigest().getDigestLength();
        return Optional.of(new PSSParameterSpec(name, "MGF1", new MGF1ParameterSpec(name), saltLength,
                PSSParameterSpec.TRAILER_FIELD_BC));
    }

    /** The algorithm with this {@code SignatureMethod} URI, if known. */
    public static Optional<SignatureAlgorithm> ofUri(String uri) {
        for (SignatureAlgorithm a : values()) {
            if (a.uri.equals(uri)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * X-Road's default for a key: RSA PKCS#1 v1.5 for RSA keys, ECDSA for EC keys, with {@code digest}.
     * Unknown key algorithms are {@code UnsupportedSignAlgorithm}.
     */
    public static SignatureAlgorithm forKey(String keyAlgorithm, DigestAlgorithm digest) {
        for (SignatureAlgorithm a : values()) {
            if (a.kind != Kind.PSS && a.keyAlgorithm.equals(normalizeKeyAlgorithm(keyAlgorithm))
                    && a.digest == digest) {
                return a;
            }
        }
        throw new XRoadException(ErrorCode.UNSUPPORTED_SIGN_ALGORITHM,
                "no signature algorithm for " + keyAlgorithm + " keys with " + digest.jcaName());
    }

    /** JCA names RSA-PSS keys {@code RSASSA-PSS} and EC keys sometimes {@code ECDSA}. */
    static String normalizeKeyAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSASSA-PSS" -> "RSA";
            case "ECDSA" -> "EC";
            default -> keyAlgorithm;
        };
    }
}
