package org.sild.core.transport;

import java.security.MessageDigest;
import java.util.List;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/** The part digest algorithms a transport message may announce in {@code x-hash-algorithm}. */
final class Digests {

    static final String DEFAULT = DigestAlgorithm.SHA512.jcaName();
    private static final List<DigestAlgorithm> SUPPORTED = List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA384,
            DigestAlgorithm.SHA512);

    private Digests() {
    }

    /**
     * The canonical name of {@code name}, compared case-insensitively.
     *
     * @throws XRoadException {@code UnsupportedAlgorithm} for anything else
     */
    static String canonical(String name) {
        return DigestAlgorithm.byName(name).filter(SUPPORTED::contains).map(DigestAlgorithm::jcaName)
                .orElseThrow(() -> new XRoadException(ErrorCode.UNSUPPORTED_ALGORITHM,
                        "unsupported part digest algorithm '" + name + "' (supported: SHA-256, SHA-384, SHA-512)"));
    }

    static MessageDigest create(String canonicalName) {
        return DigestAlgorithm.byName(canonicalName).orElseThrow().newDigest();
    }
}
