package org.sild.runtime.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager holding one key that it presents whenever the requested key type fits, whatever
 * issuers the peer asks for: X-Road servers send no useful CA list, and the peer decides trust.
 *
 * <p>The {@code null} returns are the JSSE contract for "no key of this type".
 */
final class FixedKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "sild";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    FixedKeyManager(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a key needs its certificate chain");
        }
        this.key = key;
        this.chain = chain.toArray(X509Certificate[]::new);
    }

    private boolean fits(String keyType) {
        if (keyType == null) {
            return false;
        }
        // JSSE asks for "RSA", "EC", "RSASSA-PSS", or legacy forms such as "EC_RSA" (key_signer).
        int underscore = keyType.indexOf('_');
        String wanted = underscore > 0 ? keyType.substring(0, underscore) : keyType;
        return wanted.toUpperCase(Locale.ROOT).equals(key.getAlgorithm().toUpperCase(Locale.ROOT));
    }

    private String aliasFor(String... keyTypes) {
        if (keyTypes == null) {
            return null;
        }
        for (String type : keyTypes) {
            if (fits(type)) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return aliasFor(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
