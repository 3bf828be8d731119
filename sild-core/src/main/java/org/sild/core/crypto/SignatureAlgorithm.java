package org.sild.core.crypto;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The signature algorithms of X-Road: RSA PKCS#1 v1.5, RSA-PSS (MGF1 with the same digest, salt as
 * long as the digest) and ECDSA, each with SHA-256, SHA-384 or SHA-512, named by their XML-DSig URI
 * (message signatures, global configuration) and object identifier (certification requests).
 *
 * <p>JCA signatures are DER-encoded for ECDSA; XML-DSig writes ECDSA values as raw r‖s, which
 * the signature package converts. Stateless and thread-safe.
 */
public enum SignatureAlgorithm {
    RSA_SHA256("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "1.2.840.113549.1.1.11", DigestAlgorithm.SHA256, Kind.PKCS1),
    RSA_SHA384("http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "1.2.840.113549.1.1.12", DigestAlgorithm.SHA384, Kind.PKCS1),
    RSA_SHA512("http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "1.2.840.113549.1.1.13", DigestAlgorithm.SHA512, Kind.PKCS1),
    RSA_PSS_SHA256("http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1", "1.2.840.113549.1.1.10", DigestAlgorithm.SHA256, Kind.PSS),
    RSA_PSS_SHA384("http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1", "1.2.840.113549.1.1.10", DigestAlgorithm.SHA384, Kind.PSS),
    RSA_PSS_SHA512("http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1", "1.2.840.113549.1.1.10", DigestAlgorithm.SHA512, Kind.PSS),
    ECDSA_SHA256("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "1.2.840.10045.4.3.2", DigestAlgorithm.SHA256, Kind.ECDSA),
    ECDSA_SHA384("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", "1.2.840.10045.4.3.3", DigestAlgorithm.SHA384, Kind.ECDSA),
    ECDSA_SHA512("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", "1.2.840.10045.4.3.4", DigestAlgorithm.SHA512, Kind.ECDSA);

    private enum Kind { PKCS1, PSS, ECDSA }

    private final String uri;
    private final String oid;
    private final DigestAlgorithm digest;
    private final Kind kind;

    SignatureAlgorithm(String uri, String oid, DigestAlgorithm digest, Kind kind) {
        this.uri = uri;
        this.oid = oid;
        this.digest = digest;
        this.kind = kind;
    }

    /** The XML-DSig {@code SignatureMethod} URI. */
    public String uri() {
        return uri;
    }

    /** The dotted object identifier (the same RSASSA-PSS identifier for every PSS variant). */
    public String oid() {
        return oid;
    }

    /** The digest the signature is computed with. */
    public DigestAlgorithm digest() {
        return digest;
    }

    /** The JCA key algorithm: {@code RSA} or {@code EC}. */
    public String keyAlgorithm() {
        return kind == Kind.ECDSA ? "EC" : "RSA";
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
        return Optional.of(new PSSParameterSpec(name, "MGF1", new MGF1ParameterSpec(name), digest.length(),
                PSSParameterSpec.TRAILER_FIELD_BC));
    }

    /** A new, uninitialised JCA signature object with this algorithm's parameters set. */
    public Signature newSignature() throws GeneralSecurityException {
        Signature s = Signature.getInstance(jcaName());
        Optional<AlgorithmParameterSpec> params = parameters();
        if (params.isPresent()) {
            s.setParameter(params.get());
        }
        return s;
    }

    /** The algorithm with this {@code SignatureMethod} URI (surrounding blanks ignored), if known. */
    public static Optional<SignatureAlgorithm> byUri(String uri) {
        String u = uri.strip();
        for (SignatureAlgorithm a : values()) {
            if (a.uri.equals(u)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The PKCS#1 v1.5 or ECDSA algorithm with object identifier {@code oid}, if known. */
    public static Optional<SignatureAlgorithm> byOid(String oid) {
        for (SignatureAlgorithm a : values()) {
            if (a.kind != Kind.PSS && a.oid.equals(oid)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * X-Road's choice for a key: RSA PKCS#1 v1.5 for RSA keys, ECDSA for EC keys, with {@code digest}.
     *
     * @throws XRoadException {@code UnsupportedSignAlgorithm} for other key algorithms or digests
     */
    public static SignatureAlgorithm forKey(String keyAlgorithm, DigestAlgorithm digest) {
        String normalized = normalizeKeyAlgorithm(keyAlgorithm);
        for (SignatureAlgorithm a : values()) {
            if (a.kind != Kind.PSS && a.keyAlgorithm().equals(normalized) && a.digest == digest) {
                return a;
            }
        }
        throw new XRoadException(ErrorCode.UNSUPPORTED_SIGN_ALGORITHM,
                "no signature algorithm for " + keyAlgorithm + " keys with " + digest.jcaName());
    }

    /** The key algorithm as {@link #keyAlgorithm()} names it: JCA calls PSS keys {@code RSASSA-PSS}, EC keys sometimes {@code ECDSA}. */
    public static String normalizeKeyAlgorithm(String jcaKeyAlgorithm) {
        return switch (jcaKeyAlgorithm) {
            case "RSASSA-PSS" -> "RSA";
            case "ECDSA" -> "EC";
            default -> jcaKeyAlgorithm;
        };
    }

    /** {@link #forKey(String, DigestAlgorithm)} for a key object. */
    public static SignatureAlgorithm forKey(Key key, DigestAlgorithm digest) {
        String algorithm = key instanceof RSAKey ? "RSA" : key instanceof ECKey ? "EC" : key.getAlgorithm();
        return forKey(algorithm, digest);
    }
}
