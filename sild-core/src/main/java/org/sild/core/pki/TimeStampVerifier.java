package org.sild.core.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Verifies RFC 3161 time-stamp responses and tokens against the approved TSA certificates of
 * global configuration (shared parameters {@code approvedTSA/cert}), as X-Road's
 * {@code TimestampVerifier} and time-stamper do.
 *
 * <p>The token's signer must be one of the approved certificates (matched by the CMS signer
 * identifier), that certificate must have extended key usage timeStamping, and the SignerInfo
 * signature must verify with its key. As in X-Road, the TSA certificate's validity dates are not
 * checked. Faults are {@code TimestampValidation}, except a token whose imprint does not match the
 * data ({@link #verifyToken(byte[], byte[])}), which is {@code MalformedSignature} as in X-Road's
 * evidence verification. Immutable; safe to share between threads.
 */
public final class TimeStampVerifier {

    private final List<X509Certificate> approvedTsaCertificates;

    public TimeStampVerifier(List<X509Certificate> approvedTsaCertificates) {
        this.approvedTsaCertificates = List.copyOf(approvedTsaCertificates);
    }

    /**
     * Verifies a TSA's DER response to {@code request}: status granted (or grantedWithMods), the
     * token's imprint, nonce and policy as requested, and the token's signature.
     *
     * @throws XRoadException {@code TimestampValidation}
     */
    public VerifiedTimeStamp verifyResponse(byte[] response, TimeStampRequest request) {
        TimeStampResponse parsed = TimeStampResponse.parse(response);
        if (!parsed.status().isGranted()) {
            throw invalid("Time-stamp response status is " + parsed.describeStatus());
        }
        TimeStampToken token = parsed.token()
                .orElseThrow(() -> invalid("Time-stamp response with status " + parsed.status() + " has no token"));
        if (token.digestAlgorithm() != request.digestAlgorithm()
                || !MessageDigest.isEqual(token.imprint(), request.imprint())) {
            throw invalid("Time-stamp token imprint does not match the request");
        }
        Optional<BigInteger> nonce = request.nonce();
        if (nonce.isPresent() && !nonce.equals(token.nonce())) {
            throw invalid("Time-stamp token nonce " + token.nonce().map(n -> n.toString(16)).orElse("(none)")
                    + " does not match the request nonce " + nonce.get().toString(16));
        }
        if (request.policy().isPresent() && !request.policy().get().equals(token.policy())) {
            throw invalid("Time-stamp token policy " + token.policy() + " is not the requested "
                    + request.policy().get());
        }
        return verify(token);
    }

    /**
     * Verifies a DER token over {@code data}: the imprint is the digest of {@code data} with the
     * token's algorithm, and the signature is by an approved TSA.
     *
     * @throws XRoadException {@code MalformedSignature} when the imprint differs,
     *         {@code TimestampValidation} otherwise
     */
    public VerifiedTimeStamp verifyToken(byte[] token, byte[] data) {
        TimeStampToken parsed = TimeStampToken.parse(token);
        if (!MessageDigest.isEqual(parsed.digestAlgorithm().digest(data), parsed.imprint())) {
            throw new XRoadException(ErrorCode.MALFORMED_SIGNATURE, "Timestamp hashes do not match");
        }
        return verify(parsed);
    }

    /**
     * Verifies that {@code token} is signed by an approved TSA, without looking at its imprint.
     *
     * @throws XRoadException {@code TimestampValidation}
     */
    public VerifiedTimeStamp verify(TimeStampToken token) {
        if (approvedTsaCertificates.isEmpty()) {
            throw invalid("No TSP service providers are configured");
        }
        SignerId signerId = token.bc().getSID();
        X509Certificate tsa = approvedTsaCertificates.stream()
                .filter(c -> signerId.match(holder(c)))
                .findFirst()
                .orElseThrow(() -> invalid("Could not find TSP certificate for timestamp"));
        if (!CertUsage.extendedKeyUsage(tsa).contains(CertUsage.TIME_STAMPING)) {
            throw invalid("TSA certificate " + Certificates.name(tsa) + " lacks extended key usage timeStamping");
        }
        SignerInformation signerInfo = token.bc().toCMSSignedData().getSignerInfos().get(signerId);
        if (signerInfo == null) {
            throw invalid("Could not get signer information for " + signerId.getSerialNumber());
        }
        try {
            // Built from the key alone: with the certificate Bouncy Castle would also demand that the
            // certificate was valid at the CMS signing time, which X-Road does not check.
            var verifier = new JcaSimpleSignerInfoVerifierBuilder().build(tsa.getPublicKey());
            if (!signerInfo.verify(verifier)) {
                throw invalid("Failed to verify timestamp signer information");
            }
        } catch (CMSException | OperatorCreationException e) {
            throw new XRoadException(ErrorCode.TIMESTAMP_VALIDATION,
                    "Failed to verify timestamp signer information: " + e.getMessage(), e);
        }
        return new VerifiedTimeStamp(token, tsa);
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(Certificates.encoded(certificate));
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE, "Malformed TSP certificate", e);
        }
    }

    private static XRoadException invalid(String message) {
        return new XRoadException(ErrorCode.TIMESTAMP_VALIDATION, message);
    }
}
