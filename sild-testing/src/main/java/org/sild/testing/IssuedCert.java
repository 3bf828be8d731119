package org.sild.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate issued by the test PKI together with its key pair and its chain.
 *
 * <p>{@code chain} starts with {@code certificate} and ends with the root CA certificate. Immutable
 * (the certificates and keys are the JDK's immutable types); safe to share between threads.
 */
public record IssuedCert(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> chain) {

    /** The alias {@link #pkcs12(char[])} stores the key under, as in X-Road's test key stores. */
    public static final String DEFAULT_ALIAS = "1";

    public IssuedCert {
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("the chain must start with the certificate");
        }
    }

    /** The private key. */
    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** The public key (the one in the certificate). */
    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** The CA certificates above this one: the chain without its first element. */
    public List<X509Certificate> issuers() {
        return chain.subList(1, chain.size());
    }

    /** The certificate that issued this one (itself when self-signed). */
    public X509Certificate issuer() {
        return chain.size() > 1 ? chain.get(1) : certificate;
    }

    /** The DER encoding of the certificate. */
    public byte[] encoded() {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#12 key store holding the key and chain under alias {@value #DEFAULT_ALIAS}. */
    public byte[] pkcs12(char[] password) {
        return pkcs12(password, DEFAULT_ALIAS);
    }

    /** A PKCS#12 key store holding the key and chain under {@code alias}, key and store protected by {@code password}. */
    public byte[] pkcs12(char[] password, String alias) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, privateKey(), password, chain.toArray(new Certificate[0]));
            var out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot export PKCS#12 for " + certificate.getSubjectX500Principal(), e);
        }
    }
}
