package org.sild.core.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/** The part digest algorithms a transport message may announce in {@code x-hash-algorithm}. */
final class Digests {

    static final String DEFAULT = "SHA-512";
    private static final List<String> SUPPORTED = List.of("SHA-256", "SHA-384", "SHA-512");

    private Digests() {
    }

    /**
     * The canonical name of {@code name}, compared case-insensitively.
     *
     * @throws XRoadException {@code UnsupportedAlgorithm} for anything else
     */
    static String canonical(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        if (!SUPPORTED.contains(upper)) {
            throw new XRoadException(ErrorCode.UNSUPPORTED_ALGORITHM,
                    "unsupported part digest algorithm '" + name + "' (supported: " + SUPPORTED + ")");
        }
        return upper;
    }

    static MessageDigest create(String canonicalName) {
        try {
            return MessageDigest.getInstance(canonicalName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + canonicalName, e);
        }
    }
}
