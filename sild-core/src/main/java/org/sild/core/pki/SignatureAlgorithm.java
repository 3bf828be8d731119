package org.sild.core.pki;

import java.util.Optional;

/**
 * The signature algorithms certification requests are signed with, by JCA name and object
 * identifier. ECDSA signatures are in the JCA's DER {@code Ecdsa-Sig-Value} form.
 */
public enum SignatureAlgorithm {
    SHA256_WITH_RSA("SHA256withRSA", "1.2.840.113549.1.1.11", "RSA"),
    SHA512_WITH_RSA("SHA512withRSA", "1.2.840.113549.1.1.13", "RSA"),
    SHA256_WITH_ECDSA("SHA256withECDSA", "1.2.840.10045.4.3.2", "EC"),
    SHA384_WITH_ECDSA("SHA384withECDSA", "1.2.840.10045.4.3.3", "EC"),
    SHA512_WITH_ECDSA("SHA512withECDSA", "1.2.840.10045.4.3.4", "EC");

    private final String jcaName;
    private final String oid;
    private final String keyAlgorithm;

    SignatureAlgorithm(String jcaName, String oid, String keyAlgorithm) {
        this.jcaName = jcaName;
        this.oid = oid;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The JCA {@link java.security.Signature} name, for example {@code SHA256withRSA}. */
    public String jcaName() {
        return jcaName;
    }

    /** The dotted object identifier of the signature algorithm. */
    public String oid() {
        return oid;
    }

    /** The JCA algorithm of the keys it signs with: {@code RSA} or {@code EC}. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The algorithm with object identifier {@code oid}, if it is one of these. */
    public static Optional<SignatureAlgorithm> byOid(String oid) {
        for (SignatureAlgorithm a : values()) {
            if (a.oid.equals(oid)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
