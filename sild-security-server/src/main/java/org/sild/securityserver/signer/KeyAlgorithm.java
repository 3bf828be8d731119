package org.sild.securityserver.signer;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/** The kinds of key a token generates: RSA 2048 or 3072 bits, ECDSA on P-256 or P-384. Stateless. */
public enum KeyAlgorithm {
    RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)),
    RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4)),
    EC_P256("EC", new ECGenParameterSpec("secp256r1")),
    EC_P384("EC", new ECGenParameterSpec("secp384r1"));

    private final String jcaAlgorithm;
    private final AlgorithmParameterSpec parameters;

    KeyAlgorithm(String jcaAlgorithm, AlgorithmParameterSpec parameters) {
        this.jcaAlgorithm = jcaAlgorithm;
        this.parameters = parameters;
    }

    /** The JCA key algorithm: {@code RSA} or {@code EC}. */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /** The JCA parameters for a key pair generator (key size or named curve). */
    public AlgorithmParameterSpec parameters() {
        return parameters;
    }

    /**
     * Generates a software key pair with {@code random}.
     *
     * @throws XRoadException {@code InternalError} when the JDK cannot generate it
     */
    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaAlgorithm);
            generator.initialize(parameters, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot generate a " + this + " key: " + e.getMessage(), e);
        }
    }
}
