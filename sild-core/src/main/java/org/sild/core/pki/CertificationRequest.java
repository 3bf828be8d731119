package org.sild.core.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A PKCS#10 certification request (CSR, RFC 2986): creation for a key held anywhere (signed through a
 * {@link DataSigner}) and parsing with self-signature verification for the CA side.
 *
 * <p>A parsed request is immutable and safe to share between threads.
 */
public final class CertificationRequest {

    /** Largest request accepted, in bytes of DER. */
    public static final int MAX_SIZE = 64 * 1024;

    private final byte[] encoded;
    private final X500Principal subject;
    private final PublicKey publicKey;
    private final String signatureAlgorithmOid;

    private CertificationRequest(byte[] encoded, X500Principal subject, PublicKey publicKey,
            String signatureAlgorithmOid) {
        this.encoded = encoded;
        this.subject = subject;
        this.publicKey = publicKey;
        this.signatureAlgorithmOid = signatureAlgorithmOid;
    }

    /**
     * Creates a DER request for {@code publicKey} with {@code subject}, signed with {@code algorithm}
     * by {@code signer} (which must hold the private key of {@code publicKey}). The result is
     * verified before it is returned.
     *
     * @throws XRoadException {@code FailedToGenerateCertificateRequest} when signing fails or the
     *         signature does not verify with {@code publicKey}
     */
    public static byte[] create(X500Principal subject, PublicKey publicKey, SignatureAlgorithm algorithm,
            DataSigner signer) {
        if (algorithm.isPss()) {
            throw new XRoadException(ErrorCode.UNSUPPORTED_SIGN_ALGORITHM,
                    "certification requests are signed with PKCS#1 v1.5 or ECDSA, not " + algorithm);
        }
        if (!algorithm.keyAlgorithm().equals(publicKey.getAlgorithm())) {
            throw new XRoadException(ErrorCode.CSR_FAILED, "Cannot sign a request for a " + publicKey.getAlgorithm()
                    + " key with " + algorithm.jcaName());
        }
        byte[] der;
        try {
            der = new JcaPKCS10CertificationRequestBuilder(subject, publicKey)
                    .build(new DelegatingSigner(algorithm, signer))
                    .getEncoded();
        } catch (XRoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new XRoadException(ErrorCode.CSR_FAILED, "Cannot create certification request for " + subject
                    + ": " + e.getMessage(), e);
        }
        try {
            parse(der);
        } catch (XRoadException e) {
            throw new XRoadException(ErrorCode.CSR_FAILED,
                    "Certification request signature does not verify with the public key", e);
        }
        return der;
    }

    /**
     * Parses a DER request and verifies its self-signature.
     *
     * @throws XRoadException {@code InvalidRequest} when it is malformed or its signature does not verify
     */
    public static CertificationRequest parse(byte[] der) {
        if (der.length > MAX_SIZE) {
            throw invalid("Certification request of " + der.length + " bytes exceeds the limit of " + MAX_SIZE, null);
        }
        JcaPKCS10CertificationRequest request;
        PublicKey key;
        X500Principal subject;
        try {
            request = new JcaPKCS10CertificationRequest(der);
            key = request.getPublicKey();
            subject = new X500Principal(request.getSubject().getEncoded());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw invalid("Malformed certification request: " + e.getMessage(), e);
        }
        boolean valid;
        try {
            valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OperatorCreationException | PKCSException e) {
            throw invalid("Cannot verify certification request signature: " + e.getMessage(), e);
        }
        if (!valid) {
            throw invalid("Certification request signature is not valid", null);
        }
        String algorithm = request.getSignatureAlgorithm().getAlgorithm().getId();
        return new CertificationRequest(der.clone(), subject, key, algorithm);
    }

    /** The DER bytes. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The requested subject name. */
    public X500Principal subject() {
        return subject;
    }

    /** The key to certify. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The object identifier of the algorithm the request is signed with. */
    public String signatureAlgorithmOid() {
        return signatureAlgorithmOid;
    }

    private static XRoadException invalid(String message, Throwable cause) {
        return cause == null ? new XRoadException(ErrorCode.INVALID_REQUEST, message)
                : new XRoadException(ErrorCode.INVALID_REQUEST, message, cause);
    }

    /** Bouncy Castle's signing hook, forwarding the to-be-signed bytes to a {@link DataSigner}. */
    private static final class DelegatingSigner implements ContentSigner {
        private final AlgorithmIdentifier algorithm;
        private final DataSigner signer;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        DelegatingSigner(SignatureAlgorithm algorithm, DataSigner signer) {
            this.algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm.jcaName());
            this.signer = Objects.requireNonNull(signer);
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public OutputStream getOutputStream() {
            return data;
        }

        @Override
        public byte[] getSignature() {
            return signer.sign(data.toByteArray());
        }
    }
}
