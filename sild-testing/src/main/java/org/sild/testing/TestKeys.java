package org.sild.testing;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key pairs for tests, cached for the life of the JVM because key generation dominates test time.
 *
 * <p>{@link #get} returns the same key pair for the same type and label every time it is called in
 * a JVM, so two certificates made for the same label share a key. That is safe for tests as long as
 * labels name distinct roles; a test that needs a key nobody else has (a forged certificate, a
 * wrong signer) calls {@link #fresh}. Thread-safe.
 */
public final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, KeyPair> CACHE = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    /** The key pair of this type cached under {@code label}, generated on first use. */
    public static KeyPair get(KeyType type, String label) {
        return CACHE.computeIfAbsent(type + "/" + label, k -> type.generate(RANDOM));
    }

    /** A newly generated key pair that no other caller has. */
    public static KeyPair fresh(KeyType type) {
        return type.generate(RANDOM);
    }
}
