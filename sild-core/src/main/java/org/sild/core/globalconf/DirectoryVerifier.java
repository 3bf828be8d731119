package org.sild.core.globalconf;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Verifies a signed configuration directory (PR-GCONF §2.3–2.6) against the verification
 * certificates of its configuration source.
 *
 * <p>The order is X-Road's: the signature part's headers, the verification certificate chosen by
 * the {@code Verification-certificate-hash}, the signature over the raw signed bytes; only then the
 * directory itself, whose {@code Expire-date} must lie after the given instant. Candidates are the
 * anchor's certificates, and for key rotation the {@code source} certificates of the instance's
 * previously verified shared parameters.
 *
 * <p>Immutable and thread-safe.
 */
public final class DirectoryVerifier {

    static final String SIGNATURE_ALGORITHM_ID = "Signature-Algorithm-Id";
    static final String VERIFICATION_CERT_HASH = "Verification-certificate-hash";
    static final String HASH_ALGORITHM_ID = "hash-algorithm-id";

    private final List<X509Certificate> candidates;

    /** A verifier that accepts signatures by any of {@code verificationCerts}. */
    public DirectoryVerifier(Collection<X509Certificate> verificationCerts) {
        this.candidates = List.copyOf(verificationCerts);
    }

    /** A verifier for the configuration sources of {@code anchor}. */
    public static DirectoryVerifier of(ConfigurationAnchor anchor) {
        return new DirectoryVerifier(anchor.verificationCerts());
    }

    /** The candidate certificates. */
    public List<X509Certificate> verificationCerts() {
        return candidates;
    }

    /**
     * Verifies a directory as stored or served with its own {@code Content-Type} line in front, or
     * starting directly with its first delimiter line.
     *
     * @throws XRoadException with the X-Road code of the first check that fails
     */
    public ConfigurationDirectory verify(byte[] directory, Instant at) {
        return verify(SignedDirectory.parse(directory, Optional.empty()), at);
    }

    /** Verifies an HTTP response body whose {@code Content-Type} header value is {@code contentType}. */
    public ConfigurationDirectory verify(byte[] body, String contentType, Instant at) {
        return verify(SignedDirectory.parse(body, Optional.of(contentType)), at);
    }

    private ConfigurationDirectory verify(SignedDirectory directory, Instant at) {
        // X-Road learns the expiry only from a verified directory: without a signature part there is none.
        SignedDirectory.Part signature = directory.signature().orElseThrow(() -> new XRoadException(
                ErrorCode.GLOBAL_CONF_MISSING_SIGNED_DATA_EXPIRATION_DATE,
                "the directory ends before its signature part, so it has no signed expiration date"));
        MimeHeaders h = signature.headers();
        String where = "the signature part";
        DirectoryEntries.requireValue(h, DirectoryEntries.CONTENT_TYPE, DirectoryEntries.OCTET_STREAM, where);
        DirectoryEntries.requireValue(h, DirectoryEntries.TRANSFER_ENCODING, DirectoryEntries.BASE64, where);
        String algorithmUri = h.get(SIGNATURE_ALGORITHM_ID).filter(v -> !v.isBlank())
                .orElseThrow(() -> DirectoryEntries.missing(SIGNATURE_ALGORITHM_ID, where));
        var certHash = h.value(VERIFICATION_CERT_HASH).filter(v -> !v.main().isEmpty())
                .orElseThrow(() -> DirectoryEntries.missing(VERIFICATION_CERT_HASH, where));
        String hashAlgorithmUri = certHash.parameter(HASH_ALGORITHM_ID).filter(v -> !v.isBlank())
                .orElseThrow(() -> new XRoadException(ErrorCode.GLOBAL_CONF_HEADER_FIELD_MISSING,
                        VERIFICATION_CERT_HASH + " has no " + HASH_ALGORITHM_ID + " parameter"));

        SignatureAlgorithm algorithm = SignatureAlgorithm.byUri(algorithmUri).orElseThrow(() -> new XRoadException(
                ErrorCode.GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE,
                "unsupported " + SIGNATURE_ALGORITHM_ID + " " + MultipartScanner.abbreviate(algorithmUri)));
        DigestAlgorithm hashAlgorithm = DigestAlgorithm.byUri(hashAlgorithmUri).orElseThrow(() -> new XRoadException(
                ErrorCode.MALFORMED_GLOBAL_CONF,
                "unsupported " + HASH_ALGORITHM_ID + " " + MultipartScanner.abbreviate(hashAlgorithmUri)));
        byte[] expectedHash = Certificates.decodeBase64(certHash.main(), ErrorCode.GLOBAL_CONF_MISSING_VERIFICATION_CERT,
                VERIFICATION_CERT_HASH);
        X509Certificate cert = select(expectedHash, hashAlgorithm).orElseThrow(() -> new XRoadException(
                ErrorCode.GLOBAL_CONF_MISSING_VERIFICATION_CERT,
                "none of the " + candidates.size() + " verification certificates has the "
                        + hashAlgorithm.jcaName() + " hash " + certHash.main()));

        byte[] value = signatureValue(signature.body());
        if (!signatureVerifies(algorithm, cert, directory.signedData(), value)) {
            throw new XRoadException(ErrorCode.GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE,
                    "the directory signature does not verify with the certificate "
                            + cert.getSubjectX500Principal().getName());
        }

        var contents = DirectoryEntries.read(directory.signedData(), directory.signedPartHeaders());
        if (!contents.expireDate().isAfter(at)) {
            throw new XRoadException(ErrorCode.OUTDATED_GLOBAL_CONF,
                    "the directory expired at " + contents.expireDate() + " (checked at " + at + ")");
        }
        return new ConfigurationDirectory(contents.expireDate(), contents.version(), contents.parts(), cert, algorithm);
    }

    private Optional<X509Certificate> select(byte[] expectedHash, DigestAlgorithm algorithm) {
        return candidates.stream()
                .filter(c -> MessageDigest.isEqual(expectedHash, algorithm.digest(Certificates.encoded(c))))
                .findFirst();
    }

    private static byte[] signatureValue(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII).strip();
        if (text.isEmpty()) {
            throw new XRoadException(ErrorCode.GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE,
                    "the signature part has no signature value");
        }
        return Certificates.decodeBase64(text, ErrorCode.GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE,
                "the signature value");
    }

    private static boolean signatureVerifies(SignatureAlgorithm algorithm, X509Certificate cert, byte[] data,
                                             byte[] value) {
        try {
            Signature verifier = algorithm.newSignature();
            verifier.initVerify(cert.getPublicKey());
            verifier.update(data);
            return verifier.verify(value);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A key of the wrong type or a garbled value is a failed verification, not a crash.
            return false;
        }
    }
}
