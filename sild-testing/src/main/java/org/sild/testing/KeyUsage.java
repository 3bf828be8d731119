package org.sild.testing;

/**
 * The bits of the X.509 keyUsage extension, in the order of {@link
 * java.security.cert.X509Certificate#getKeyUsage()}.
 */
public enum KeyUsage {
    DIGITAL_SIGNATURE,
    NON_REPUDIATION,
    KEY_ENCIPHERMENT,
    DATA_ENCIPHERMENT,
    KEY_AGREEMENT,
    KEY_CERT_SIGN,
    CRL_SIGN,
    ENCIPHER_ONLY,
    DECIPHER_ONLY
}
