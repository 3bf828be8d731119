package org.sild.runtime.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Builds {@link SSLContext}s from in-memory key material.
 *
 * <pre>{@code
 * SSLContext serverProxy = TlsContexts.builder()
 *         .key(authKey, authChain)                 // always presented
 *         .trust(peer -> verifyAgainstGlobalConf(peer.chain()))
 *         .build();
 * }</pre>
 *
 * <p>Without {@link Builder#key key} the context presents no certificate. Trust is exactly one of:
 * a {@link PeerTrust} callback, a fixed set of PKIX trust anchors (no revocation checking), or
 * (when neither is set) the JDK's default trust store. The built context is thread-safe; builders
 * are not.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects key and trust for one {@link SSLContext}. Not thread-safe. */
    public static final class Builder {

        private Optional<FixedKeyManager> keyManager = Optional.empty();
        private Optional<TrustManager> trustManager = Optional.empty();
        private Optional<SecureRandom> random = Optional.empty();

        private Builder() {
        }

        /** The key this side always presents, with its chain (own certificate first, root optional). */
        public Builder key(PrivateKey key, List<X509Certificate> chain) {
            keyManager = Optional.of(new FixedKeyManager(key, chain));
            return this;
        }

        /** Peers are accepted or refused by {@code trust}; replaces any earlier trust setting. */
        public Builder trust(PeerTrust trust) {
            trustManager = Optional.of(new CallbackTrustManager(Objects.requireNonNull(trust)));
            return this;
        }

        /**
         * Peers must present a chain that PKIX-validates to one of {@code anchors} (revocation is not
         * checked here); replaces any earlier trust setting.
         */
        public Builder trustAnchors(Collection<X509Certificate> anchors) {
            if (anchors.isEmpty()) {
                throw new IllegalArgumentException("at least one trust anchor is needed");
            }
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int i = 0;
                for (X509Certificate anchor : anchors) {
                    store.setCertificateEntry("anchor-" + i++, anchor);
                }
                var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                trustManager = Optional.of(factory.getTrustManagers()[0]);
            } catch (GeneralSecurityException | java.io.IOException e) {
                throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot build a trust manager from "
                        + anchors.size() + " anchors: " + e.getMessage(), e);
            }
            return this;
        }

        /** The randomness source of the context (default: the JDK's default {@link SecureRandom}). */
        public Builder random(SecureRandom secureRandom) {
            random = Optional.of(secureRandom);
            return this;
        }

        /** The context, for protocol {@code TLS}; restrict protocols and suites with a {@link TlsProfile}. */
        public SSLContext build() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManager.map(k -> new KeyManager[] {k}).orElse(null),
                        trustManager.map(t -> new TrustManager[] {t}).orElse(null),
                        random.orElse(null));
                return context;
            } catch (GeneralSecurityException e) {
                throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot create a TLS context: " + e.getMessage(), e);
            }
        }
    }
}
