package org.sild.securityserver.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.signature.SignerEvidence;

/**
 * Remembers which signers' certificate evidence (signing certificate, extra certificates, OCSP
 * responses) has passed the chain and OCSP checks against which global configuration, and for which
 * span of time, so that the many messages a member signs with the same certificate and OCSP response
 * are not checked again one by one.
 *
 * <p>An entry holds only for the very same configuration object, compared by identity (a new one starts
 * afresh) and for instants from the one it was verified at up to the earliest expiry among the
 * chain's certificates and the OCSP responses' freshness: the checks are bounded in time only from
 * below by the former and from above by the latter, so a result cannot change within that span.
 * Bounded in size (emptied when full). Thread-safe.
 */
final class VerifiedCertificates {

    /** The most entries kept; past it the cache starts again empty. */
    static final int MAX_ENTRIES = 4096;

    private record Entry(Object conf, Instant from, Instant until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Whether {@code evidence} passed the checks against {@code conf} for an instant that covers its time. */
    boolean verified(Object conf, SignerEvidence evidence) {
        Entry entry = entries.get(key(evidence));
        Instant at = evidence.verificationTime();
        return entry != null && entry.conf() == conf && !at.isBefore(entry.from()) && !at.isAfter(entry.until());
    }

    /** Records that {@code evidence} passed the checks against {@code conf}, valid up to {@code until}. */
    void remember(Object conf, SignerEvidence evidence, Instant until) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key(evidence), new Entry(conf, evidence.verificationTime(), until));
    }

    int size() {
        return entries.size();
    }

    /** SHA-256 over the signer and every certificate and OCSP response, each length-prefixed. */
    private static String key(SignerEvidence evidence) {
        MessageDigest digest = DigestAlgorithm.SHA256.newDigest();
        add(digest, evidence.signer().toString().getBytes(StandardCharsets.UTF_8));
        add(digest, der(evidence.signingCertificate()));
        digest.update((byte) 1);
        for (X509Certificate certificate : evidence.extraCertificates()) {
            add(digest, der(certificate));
        }
        digest.update((byte) 2);
        for (byte[] response : evidence.ocspResponses()) {
            add(digest, response);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void add(MessageDigest digest, byte[] bytes) {
        int n = bytes.length;
        digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        digest.update(bytes);
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot encode certificate "
                    + certificate.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }
}
