package org.sild.securityserver.signer;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.id.MemberId;
import org.sild.core.signature.SigningKey;

/**
 * A token that takes its time over every private-key operation (as a hardware token does), counts
 * them, and can be told to fail them.
 */
final class SlowToken implements Token {

    private final Token delegate;
    private final Duration delay;
    final AtomicInteger operations = new AtomicInteger();
    volatile Optional<RuntimeException> failure = Optional.empty();

    SlowToken(Token delegate, Duration delay) {
        this.delegate = delegate;
        this.delay = delay;
    }

    @Override
    public String id() {
        return "slow-" + delegate.id();
    }

    @Override
    public List<TokenKey> keys() {
        return delegate.keys();
    }

    @Override
    public TokenKey generateKey(KeyPurpose purpose, Optional<MemberId> member, KeyAlgorithm algorithm, String label) {
        return delegate.generateKey(purpose, member, algorithm, label);
    }

    @Override
    public TokenKey importCertificate(List<X509Certificate> chain) {
        return delegate.importCertificate(chain);
    }

    @Override
    public void deleteKey(String keyId) {
        delegate.deleteKey(keyId);
    }

    @Override
    public SigningKey signingKey(String keyId) {
        SigningKey key = delegate.signingKey(keyId);
        return new SigningKey() {
            @Override
            public String keyAlgorithm() {
                return key.keyAlgorithm();
            }

            @Override
            public byte[] sign(SignatureAlgorithm algorithm, byte[] data) {
                operations.incrementAndGet();
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                if (failure.isPresent()) {
                    throw failure.get();
                }
                return key.sign(algorithm, data);
            }
        };
    }

    @Override
    public PrivateKey privateKey(String keyId) {
        return delegate.privateKey(keyId);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
