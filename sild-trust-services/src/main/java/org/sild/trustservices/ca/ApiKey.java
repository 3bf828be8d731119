package org.sild.trustservices.ca;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.runtime.http.ApiException;
import org.sild.runtime.http.ApiRequest;

/**
 * The secret that authorizes issuing and revoking certificates over HTTP, sent as
 * {@code X-API-Key: <key>} or {@code Authorization: Bearer <key>}.
 *
 * <p>Only a SHA-256 hash of the key is kept, compared in constant time. Immutable; thread-safe.
 */
public final class ApiKey {

    /** The request header carrying the key. */
    public static final String HEADER = "X-API-Key";
    /** Shortest key accepted. */
    public static final int MIN_LENGTH = 16;
    /** Longest key accepted. */
    public static final int MAX_LENGTH = 512;

    private final byte[] hash;

    private ApiKey(String key) {
        this.hash = DigestAlgorithm.SHA256.digest(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The API key {@code key}.
     *
     * @throws IllegalArgumentException when it is shorter than {@value #MIN_LENGTH} or longer than
     *         {@value #MAX_LENGTH} characters, or has blanks or control characters
     */
    public static ApiKey of(String key) {
        if (key.length() < MIN_LENGTH || key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an API key has " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters, this one " + key.length());
        }
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("an API key consists of printable ASCII without blanks");
        }
        return new ApiKey(key);
    }

    /** A new random key (256 bits, base64url without padding), as text. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code candidate} is this key. */
    public boolean matches(String candidate) {
        return MessageDigest.isEqual(hash, DigestAlgorithm.SHA256.digest(candidate.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Requires {@code request} to carry this key.
     *
     * @throws ApiException 401 {@code unauthorized} when it carries none or another
     */
    public void check(ApiRequest request) {
        Optional<String> presented = request.header(HEADER).or(() -> request.header("Authorization")
                .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(a -> a.substring(7).strip()));
        if (presented.isEmpty()) {
            throw new ApiException(401, "unauthorized", "this operation needs the API key in header " + HEADER
                    + " or Authorization: Bearer");
        }
        if (!matches(presented.get().strip())) {
            throw new ApiException(401, "unauthorized", "the API key is not valid");
        }
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }
}
