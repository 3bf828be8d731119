package org.sild.trustservices.tsa;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.CertUsage;
import org.sild.trustservices.ca.KeyAndCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RFC 3161 time-stamping authority: turns a DER {@code TimeStampReq} into a DER
 * {@code TimeStampResp} whose token its own key signs (SHA-256, ESSCertIDv2 naming its certificate).
 *
 * <p>Imprints may be SHA-256, SHA-384 or SHA-512 of the right length; a requested policy must be
 * {@link #policy()}; a nonce is echoed; the TSA certificate is included when the request sets
 * certReq. Serial numbers are random 128-bit numbers; genTime is the injected clock's time to the
 * second. Anything else is answered with status rejection and a failInfo: badDataFormat (not a
 * request, too large, wrong imprint length), badAlg, unacceptedPolicy, unacceptedExtension (this TSA
 * understands no request extension), or systemFailure when signing fails.
 *
 * <p>Thread-safe: a signer is made for every token.
 */
public final class TimeStampAuthority {

    /** Largest request accepted, in bytes of DER. */
    public static final int MAX_REQUEST_SIZE = 16 * 1024;

    /**
     * The default policy: an OID under the UUID arc 2.25 (ITU-T X.667), so that it collides with no one's;
     * it promises nothing beyond "Sild development TSA".
     */
    public static final String DEFAULT_POLICY = "2.25.163581027372153740316935307412417916711";

    private static final Logger LOG = LoggerFactory.getLogger(TimeStampAuthority.class);
    private static final Set<ASN1ObjectIdentifier> ALGORITHMS = Set.of(TSPAlgorithms.SHA256, TSPAlgorithms.SHA384,
            TSPAlgorithms.SHA512);

    private final KeyAndCertificate tsa;
    private final ASN1ObjectIdentifier policy;
    private final Clock clock;
    private final SecureRandom random;
    private final JcaCertStore certificates;

    /**
     * A TSA signing with {@code tsa}, whose certificate must have extended key usage timeStamping.
     *
     * @throws XRoadException {@code InternalError} when it has not, or {@code policy} is not an OID
     */
    public TimeStampAuthority(KeyAndCertificate tsa, String policy, Clock clock, SecureRandom random) {
        this.tsa = Objects.requireNonNull(tsa, "tsa");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (!CertUsage.extendedKeyUsage(tsa.certificate()).contains(CertUsage.TIME_STAMPING)) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "TSA certificate "
                    + tsa.certificate().getSubjectX500Principal() + " lacks extended key usage timeStamping");
        }
        try {
            this.policy = new ASN1ObjectIdentifier(policy);
            this.certificates = new JcaCertStore(List.of(tsa.certificate()));
        } catch (IllegalArgumentException | CertificateEncodingException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Bad TSA policy OID '" + policy + "' or certificate: "
                    + e.getMessage(), e);
        }
    }

    /** The TSA policy OID every token carries. */
    public String policy() {
        return policy.getId();
    }

    /** The DER {@code TimeStampResp} answering the DER {@code TimeStampReq} {@code request}; never throws for bad input. */
    public byte[] respond(byte[] request) {
        if (request.length == 0 || request.length > MAX_REQUEST_SIZE) {
            return failure(PKIFailureInfo.badDataFormat, "Request of " + request.length + " bytes is empty or over "
                    + MAX_REQUEST_SIZE);
        }
        TimeStampRequest parsed;
        try {
            parsed = new TimeStampRequest(request);
        } catch (IOException | RuntimeException e) {
            return failure(PKIFailureInfo.badDataFormat, "Malformed time-stamp request");
        }
        try {
            parsed.validate(ALGORITHMS, Set.of(policy), Set.of());
        } catch (TSPValidationException e) {
            return failure(e.getFailureCode(), capitalized(e.getMessage()));
        } catch (TSPException e) {
            return failure(PKIFailureInfo.badRequest, "Invalid time-stamp request");
        }
        try {
            Instant genTime = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            return generator().generateGrantedResponse(parsed, serialNumber(), Date.from(genTime)).getEncoded();
        } catch (TSPException | IOException | OperatorCreationException | CertificateEncodingException
                | RuntimeException e) {
            LOG.warn("Time-stamping failed: {}", e.toString());
            return failure(PKIFailureInfo.systemFailure, "Time-stamping failed");
        }
    }

    private TimeStampResponseGenerator generator()
            throws OperatorCreationException, TSPException, CertificateEncodingException {
        SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(tsa.privateKey(), DigestAlgorithm.SHA256);
        var signerInfo = new JcaSimpleSignerInfoGeneratorBuilder()
                .build(algorithm.jcaName(), tsa.privateKey(), tsa.certificate());
        var certIdDigest = new JcaDigestCalculatorProviderBuilder().build()
                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
        var tokens = new TimeStampTokenGenerator(signerInfo, certIdDigest, policy);
        // Added always; Bouncy Castle puts them into the token only when the request sets certReq.
        tokens.addCertificates(certificates);
        return new TimeStampResponseGenerator(tokens, ALGORITHMS, Set.of(policy), Set.of());
    }

    private BigInteger serialNumber() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, random);
        } while (serial.signum() == 0);
        return serial;
    }

    private static byte[] failure(int failInfo, String text) {
        try {
            return new TimeStampResponseGenerator(null, ALGORITHMS)
                    .generateFailResponse(PKIStatus.REJECTION, failInfo, text).getEncoded();
        } catch (TSPException | IOException e) {
            throw new IllegalStateException("cannot encode a time-stamp rejection", e);
        }
    }

    private static String capitalized(String message) {
        return message == null || message.isEmpty() ? "Invalid time-stamp request"
                : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
