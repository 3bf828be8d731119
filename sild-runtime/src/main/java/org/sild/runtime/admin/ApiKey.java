package org.sild.runtime.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.sild.runtime.config.ConfigException;

/**
 * An API key that may call a product's admin API, as written in its configuration.
 *
 * <p>{@code key} is either the key itself (at least {@value #MIN_LENGTH} characters) or, so that
 * the configuration file need not hold it, {@code sha256:} followed by the lower- or upper-case hex
 * SHA-256 of the key's UTF-8 bytes. In YAML: {@code api-keys: [{name: ops, key: "sha256:9f86..."}]}.
 * Immutable; {@code toString} hides the key.
 *
 * @param name who or what uses the key, for logs
 * @param key  the key or its {@code sha256:} digest
 */
public record ApiKey(String name, String key) {

    /** Shortest key accepted, in characters. */
    public static final int MIN_LENGTH = 16;
    /** Prefix of a key given as its SHA-256 digest. */
    public static final String SHA256_PREFIX = "sha256:";

    public ApiKey {
        ConfigException.check(name != null && !name.isBlank(), "name", "must not be empty");
        ConfigException.check(key != null, "key", "must not be empty");
        if (key.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
            String hex = key.substring(SHA256_PREFIX.length());
            ConfigException.check(hex.matches("[0-9a-fA-F]{64}"), "key", "a sha256: key needs 64 hex digits");
        } else {
            ConfigException.check(key.length() >= MIN_LENGTH, "key", "must be at least " + MIN_LENGTH
                    + " characters (or sha256:<hex digest>)");
        }
    }

    /** The SHA-256 digest of the key, whichever way it was given. */
    byte[] digest() {
        if (key.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
            return HexFormat.of().parseHex(key.substring(SHA256_PREFIX.length()).toLowerCase(Locale.ROOT));
        }
        return sha256(key);
    }

    /** The {@code sha256:} form of {@code key}, for writing configuration files. */
    public static String sha256Form(String key) {
        return SHA256_PREFIX + HexFormat.of().formatHex(sha256(key));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKey[name=" + name + ", key=****]";
    }
}
