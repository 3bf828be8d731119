package org.sild.core.globalconf;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A signature algorithm of the signed configuration directory, named by its XML-DSig URI in the
 * {@code Signature-Algorithm-Id} header.
 *
 * <p>RSA PKCS#1 v1.5, RSA-PSS (MGF1 with the same digest, salt as long as the digest) and ECDSA
 * (DER-encoded signature values, as X-Road writes them). SHA-1 based algorithms are not accepted.
 * Stateless and thread-safe.
 */
public enum SignatureAlgorithm {
    RSA_SHA256("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", DigestAlgorithm.SHA256, Family.RSA),
    RSA_SHA384("http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", DigestAlgorithm.SHA384, Family.RSA),
    RSA_SHA512("http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", DigestAlgorithm.SHA512, Family.RSA),
    RSA_PSS_SHA256("http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1", DigestAlgorithm.SHA256, Family.RSA_PSS),
    RSA_PSS_SHA384("http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1", DigestAlgorithm.SHA384, Family.RSA_PSS),
    RSA_PSS_SHA512("http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1", DigestAlgorithm.SHA512, Family.RSA_PSS),
    ECDSA_SHA256("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", DigestAlgorithm.SHA256, Family.ECDSA),
    ECDSA_SHA384("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", DigestAlgorithm.SHA384, Family.ECDSA),
    ECDSA_SHA512("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", DigestAlgorithm.SHA512, Family.ECDSA);

    private enum Family { RSA, RSA_PSS, ECDSA }

    private final String uri;
    private final DigestAlgorithm digest;
    private final Family family;

    SignatureAlgorithm(String uri, DigestAlgorithm digest, Family family) {
        this.uri = uri;
        this.digest = digest;
        this.family = family;
    }

    /** The XML-DSig URI, for example {@code http://www.w3.org/2001/04/xmldsig-more#rsa-sha512}. */
    public String uri() {
        return uri;
    }

    /** The digest the signature is computed with. */
    public DigestAlgorithm digest() {
        return digest;
    }

    /** The algorithm identified by {@code uri} (exact match after trimming), if supported. */
    public static Optional<SignatureAlgorithm> byUri(String uri) {
        String u = uri.strip();
        for (SignatureAlgorithm a : values()) {
            if (a.uri.equals(u)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * The PKCS#1 v1.5 or ECDSA algorithm for {@code key} with {@code digest}, as the central server
     * chooses it for its signing key.
     *
     * @throws XRoadException {@code UnsupportedSignAlgorithm} for a key that is neither RSA nor EC, or SHA-1
     */
    public static SignatureAlgorithm forKey(Key key, DigestAlgorithm digest) {
        Family family;
        if (key instanceof RSAKey) {
            family = Family.RSA;
        } else if (key instanceof ECKey) {
            family = Family.ECDSA;
        } else {
            throw new XRoadException(ErrorCode.UNSUPPORTED_SIGN_ALGORITHM,
                    "no signature algorithm for a " + key.getAlgorithm() + " key");
        }
        for (SignatureAlgorithm a : values()) {
            if (a.family == family && a.digest == digest) {
                return a;
            }
        }
        throw new XRoadException(ErrorCode.UNSUPPORTED_SIGN_ALGORITHM,
                "no " + family + " signature algorithm with " + digest.jcaName());
    }

    /** A new, uninitialised JCA signature object for this algorithm. */
    Signature newSignature() throws GeneralSecurityException {
        String hash = digest.jcaName().replace("-", "");
        return switch (family) {
            case RSA -> Signature.getInstance(hash + "withRSA");
            case ECDSA -> Signature.getInstance(hash + "withECDSA");
            case RSA_PSS -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                int saltLength = digest.digest(new byte[0]).length;
                s.setParameter(new PSSParameterSpec(digest.jcaName(), "MGF1",
                        new MGF1ParameterSpec(digest.jcaName()), saltLength, PSSParameterSpec.TRAILER_FIELD_BC));
                yield s;
            }
        };
    }
}
