package org.sild.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * The key types the test PKI can generate, each with the signature algorithm it signs with.
 *
 * <p>Immutable; safe to share between threads.
 */
public enum KeyType {
    /** RSA with a 2048-bit modulus, signing with SHA256withRSA. */
    RSA_2048("RSA", 2048, "SHA256withRSA"),
    /** RSA with a 3072-bit modulus, signing with SHA256withRSA. */
    RSA_3072("RSA", 3072, "SHA256withRSA"),
    /** ECDSA on NIST P-256 (secp256r1), signing with SHA256withECDSA. */
    EC_P256("EC", 256, "SHA256withECDSA"),
    /** ECDSA on NIST P-384 (secp384r1), signing with SHA384withECDSA. */
    EC_P384("EC", 384, "SHA384withECDSA");

    private final String algorithm;
    private final int size;
    private final String signatureAlgorithm;

    KeyType(String algorithm, int size, String signatureAlgorithm) {
        this.algorithm = algorithm;
        this.size = size;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The JCA key algorithm name: {@code RSA} or {@code EC}. */
    public String algorithm() {
        return algorithm;
    }

    /** The modulus length for RSA, the field size for EC, in bits. */
    public int size() {
        return size;
    }

    /** The JCA name of the signature algorithm a key of this type signs certificates and responses with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Generates a new key pair of this type (slow for RSA; prefer {@link TestKeys}). */
    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("RSA")) {
                generator.initialize(new RSAKeyGenParameterSpec(size, BigInteger.valueOf(65537)), random);
            } else {
                generator.initialize(new ECGenParameterSpec(size == 256 ? "secp256r1" : "secp384r1"), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + this + " key", e);
        }
    }
}
