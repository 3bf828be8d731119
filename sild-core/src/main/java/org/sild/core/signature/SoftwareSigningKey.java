package org.sild.core.signature;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/** A {@link SigningKey} over a JCA {@link PrivateKey}; thread-safe (a fresh JCA signature per call). */
final class SoftwareSigningKey implements SigningKey {

    private final PrivateKey key;

    SoftwareSigningKey(PrivateKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public String keyAlgorithm() {
        return SignatureAlgorithm.normalizeKeyAlgorithm(key.getAlgorithm());
    }

    @Override
    public byte[] sign(SignatureAlgorithm algorithm, byte[] data) {
        if (!algorithm.keyAlgorithm().equals(keyAlgorithm())) {
            throw new XRoadException(ErrorCode.UNSUPPORTED_SIGN_ALGORITHM,
                    "a " + keyAlgorithm() + " key cannot sign with " + algorithm.uri());
        }
        try {
            Signature signature = Signature.getInstance(algorithm.jcaName());
            if (algorithm.parameters().isPresent()) {
                signature.setParameter(algorithm.parameters().get());
            }
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.CANNOT_SIGN, "signing with " + algorithm.jcaName() + " failed: "
                    + e.getClass().getSimpleName());
        }
    }
}
