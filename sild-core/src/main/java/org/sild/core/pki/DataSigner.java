package org.sild.core.pki;

/**
 * Something that signs bytes with a private key it holds: a software key, or a token
 * (PKCS#11/HSM) behind the signer. Used where the key must not leave its holder, such as
 * certification requests.
 *
 * <p>Implementations say their own threading contract.
 */
@FunctionalInterface
public interface DataSigner {

    /** The signature over {@code data} with the algorithm the caller asked for (PKCS#1 v1.5 for RSA, DER for ECDSA). */
    byte[] sign(byte[] data);
}
