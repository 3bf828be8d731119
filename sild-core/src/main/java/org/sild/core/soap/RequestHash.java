package org.sild.core.soap;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * The {@code requestHash} header of a response: base64 of a hash of the exact request SOAP bytes,
 * with the optional {@code algorithmId} attribute.
 *
 * <p>The provider's security server computes it with {@link #sha512(byte[])} over the bytes it
 * received (the whole HTTP body for {@code text/xml}, the first MIME part's body for a package);
 * the consumer's security server compares it with {@link #matches(RequestHash)}, which ignores the
 * algorithm id as X-Road does. Immutable.
 */
public record RequestHash(Optional<String> algorithmId, String value) {

    /** The algorithm id X-Road writes: SHA-512 as named by XML Encryption. */
    public static final String SHA512_ALGORITHM_ID = DigestAlgorithm.SHA512.uri();

    public RequestHash {
        Objects.requireNonNull(algorithmId, "algorithmId");
        Objects.requireNonNull(value, "value");
    }

    /** The hash X-Road computes: base64(SHA-512(soapBytes)) with the SHA-512 algorithm id. */
    public static RequestHash sha512(byte[] soapBytes) {
        return new RequestHash(Optional.of(SHA512_ALGORITHM_ID), DigestAlgorithm.SHA512.base64Digest(soapBytes));
    }

    /**
     * Whether both carry the same hash bytes; the algorithm ids and base64 line breaks are not
     * compared, a value that is not base64 matches nothing.
     */
    public boolean matches(RequestHash other) {
        var mine = decode(value);
        var theirs = decode(other.value);
        return mine.isPresent() && theirs.isPresent() && MessageDigest.isEqual(mine.get(), theirs.get());
    }

    private static Optional<byte[]> decode(String base64) {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(base64.strip());
            return bytes.length == 0 ? Optional.empty() : Optional.of(bytes);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
