package org.sild.securityserver.proxy;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.sild.securityserver.signer.Signer;

/**
 * The TLS key manager of the connections between security servers: it presents the signer's
 * current authentication key and certificate chain, read at every handshake, so a renewed key is
 * used without a restart.
 *
 * <p>Thread-safe.
 */
public final class AuthKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "auth";

    private final Signer signer;

    public AuthKeyManager(Signer signer) {
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return chooseClient(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClient(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? signer.authKey().chain().toArray(new X509Certificate[0]) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? signer.authKey().privateKey() : null;
    }

    private String chooseClient(String[] keyTypes) {
        return keyTypes != null && Arrays.stream(keyTypes).anyMatch(this::fits) ? ALIAS : null;
    }

    /** Whether the key fits a TLS key type such as {@code RSA}, {@code EC} or {@code EC_EC}. */
    private boolean fits(String keyType) {
        if (keyType == null) {
            return false;
        }
        String algorithm = signer.authKey().privateKey().getAlgorithm().toUpperCase(Locale.ROOT);
        String type = keyType.toUpperCase(Locale.ROOT);
        return type.startsWith(algorithm) || (algorithm.equals("EC") && type.startsWith("ECDSA"))
                || (algorithm.equals("RSA") && type.equals("RSASSA-PSS"));
    }
}
