package org.sild.core.globalconf;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Signs a {@link DirectoryContent} into the signed directory the central server publishes: a
 * {@code multipart/related} whose first part is the directory and whose second part carries the
 * base64 signature with {@code Signature-Algorithm-Id} and {@code Verification-certificate-hash}
 * headers, byte-exactly as X-Road writes it (CRLF lines, blank line before the second delimiter,
 * close delimiter followed by CRLF).
 *
 * <p>Immutable and thread-safe if the random generator is. The key stays with the caller. Signing
 * failures (a key that does not fit the algorithm) are {@code CannotCreateSignature}.
 */
public final class DirectorySigner {

    private final PrivateKey key;
    private final byte[] certificate;
    private final SignatureAlgorithm algorithm;
    private final DigestAlgorithm certHashAlgorithm;
    private final RandomGenerator random;

    /**
     * A signer with {@code key}, announcing {@code cert} (whose hash selects the verification
     * certificate at the client) hashed with {@code certHashAlgorithm}.
     */
    public DirectorySigner(PrivateKey key, X509Certificate cert, SignatureAlgorithm algorithm,
                           DigestAlgorithm certHashAlgorithm, RandomGenerator random) {
        this.key = Objects.requireNonNull(key);
        this.certificate = Certificates.encoded(cert);
        this.algorithm = Objects.requireNonNull(algorithm);
        this.certHashAlgorithm = Objects.requireNonNull(certHashAlgorithm);
        this.random = Objects.requireNonNull(random);
    }

    /** The signed directory with a random outer boundary. */
    public byte[] sign(DirectoryContent content) {
        return sign(content, DirectoryBuilder.randomBoundary(random));
    }

    /** The signed directory with the outer boundary {@code boundary}. */
    public byte[] sign(DirectoryContent content, String boundary) {
        byte[] value;
        try {
            Signature signer = algorithm.newSignature();
            signer.initSign(key);
            signer.update(content.signable());
            value = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE, "cannot sign with a " + key.getAlgorithm()
                    + " key and " + algorithm.uri() + ": " + e.getMessage(), e);
        }
        return assemble(content, boundary, algorithm, certHashAlgorithm.base64Digest(certificate),
                certHashAlgorithm, value);
    }

    /** The signed multipart around an already computed signature value. */
    static byte[] assemble(DirectoryContent content, String boundary, SignatureAlgorithm algorithm,
                           String certHash, DigestAlgorithm certHashAlgorithm, byte[] signatureValue) {
        var out = new ByteArrayOutputStream();
        DirectoryBuilder.line(out, "Content-Type: multipart/related; charset=UTF-8; boundary=" + boundary);
        DirectoryBuilder.line(out, "");
        DirectoryBuilder.line(out, "--" + boundary);
        out.writeBytes(content.bytes());
        DirectoryBuilder.line(out, "");
        DirectoryBuilder.line(out, "--" + boundary);
        DirectoryBuilder.line(out, "Content-Type: application/octet-stream");
        DirectoryBuilder.line(out, "Content-Transfer-Encoding: base64");
        DirectoryBuilder.line(out, "Signature-Algorithm-Id: " + algorithm.uri());
        DirectoryBuilder.line(out, "Verification-certificate-hash: " + certHash + "; hash-algorithm-id=\""
                + certHashAlgorithm.uri() + "\"");
        DirectoryBuilder.line(out, "");
        DirectoryBuilder.line(out, Certificates.base64(signatureValue));
        DirectoryBuilder.line(out, "--" + boundary + "--");
        return out.toByteArray();
    }
}
