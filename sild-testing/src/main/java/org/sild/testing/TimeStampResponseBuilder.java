package org.sild.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * Builds RFC 3161 time-stamp responses ({@code TimeStampResp}) and tokens for a message imprint, as
 * a TSA would.
 *
 * <p>Defaults: genTime from the clock, a random serial number, policy {@value #DEFAULT_POLICY}, the
 * TSA certificate in the token's certificate set, no nonce, status granted. A builder made
 * {@link #forRequest from a request} copies its imprint, nonce and certReq flag. Not thread-safe.
 */
public final class TimeStampResponseBuilder {

    /** The TSA policy OID put into tokens unless another is set. */
    public static final String DEFAULT_POLICY = "1.2.3.4.1";

    /** {@code PKIFailureInfo} badAlg. */
    public static final int BAD_ALG = PKIFailureInfo.badAlg;
    /** {@code PKIFailureInfo} badDataFormat. */
    public static final int BAD_DATA_FORMAT = PKIFailureInfo.badDataFormat;
    /** {@code PKIFailureInfo} systemFailure. */
    public static final int SYSTEM_FAILURE = PKIFailureInfo.systemFailure;

    private final X509Certificate tsaCertificate;
    private final PrivateKey tsaKey;
    private final Clock clock;
    private final ASN1ObjectIdentifier digestAlgorithm;
    private final byte[] imprint;
    private Optional<BigInteger> nonce = Optional.empty();
    private Optional<Instant> genTime = Optional.empty();
    private Optional<BigInteger> serialNumber = Optional.empty();
    private String policy = DEFAULT_POLICY;
    private boolean includeCertificate = true;
    private boolean grantedWithMods;

    private TimeStampResponseBuilder(X509Certificate tsaCertificate, PrivateKey tsaKey, Clock clock,
            ASN1ObjectIdentifier digestAlgorithm, byte[] imprint) {
        this.tsaCertificate = Objects.requireNonNull(tsaCertificate);
        this.tsaKey = Objects.requireNonNull(tsaKey);
        this.clock = Objects.requireNonNull(clock);
        this.digestAlgorithm = digestAlgorithm;
        this.imprint = imprint.clone();
    }

    /**
     * A builder for a time-stamp on {@code imprint}, a digest made with {@code digestAlgorithm}
     * ({@code SHA-1}, {@code SHA-256}, {@code SHA-384} or {@code SHA-512}), signed by the TSA.
     */
    public static TimeStampResponseBuilder forImprint(String digestAlgorithm, byte[] imprint,
            X509Certificate tsaCertificate, PrivateKey tsaKey, Clock clock) {
        return new TimeStampResponseBuilder(tsaCertificate, tsaKey, clock, digestOid(digestAlgorithm), imprint);
    }

    /** A builder answering the DER {@code TimeStampReq} {@code request}: same imprint, nonce echoed, certReq honoured. */
    public static TimeStampResponseBuilder forRequest(byte[] request, X509Certificate tsaCertificate,
            PrivateKey tsaKey, Clock clock) {
        try {
            var parsed = new TimeStampRequest(request);
            var builder = new TimeStampResponseBuilder(tsaCertificate, tsaKey, clock,
                    parsed.getMessageImprintAlgOID(), parsed.getMessageImprintDigest());
            builder.nonce = Optional.ofNullable(parsed.getNonce());
            builder.includeCertificate = parsed.getCertReq();
            return builder;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a time-stamp request", e);
        }
    }

    /** A DER {@code TimeStampResp} with status rejection, the given {@code PKIFailureInfo} bits and text. */
    public static byte[] rejection(int failureInfo, String statusText) {
        var status = new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(statusText),
                new PKIFailureInfo(failureInfo));
        return encode(new TimeStampResp(status, null));
    }

    /** Puts {@code value} into the token as nonce. */
    public TimeStampResponseBuilder nonce(BigInteger value) {
        this.nonce = Optional.of(value);
        return this;
    }

    /** Leaves the nonce out, even if the request had one. */
    public TimeStampResponseBuilder noNonce() {
        this.nonce = Optional.empty();
        return this;
    }

    /** The time the token states, instead of the clock's. */
    public TimeStampResponseBuilder genTime(Instant time) {
        this.genTime = Optional.of(time);
        return this;
    }

    public TimeStampResponseBuilder serialNumber(BigInteger serial) {
        this.serialNumber = Optional.of(serial);
        return this;
    }

    /** The TSA policy OID (dotted form). */
    public TimeStampResponseBuilder policy(String oid) {
        this.policy = oid;
        return this;
    }

    /** Whether the TSA certificate goes into the token's certificate set. */
    public TimeStampResponseBuilder includeCertificate(boolean include) {
        this.includeCertificate = include;
        return this;
    }

    /** Status grantedWithMods instead of granted. */
    public TimeStampResponseBuilder grantedWithMods() {
        this.grantedWithMods = true;
        return this;
    }

    /** The DER-encoded {@code TimeStampResp}. */
    public byte[] response() {
        var status = new PKIStatusInfo(grantedWithMods ? PKIStatus.grantedWithMods : PKIStatus.granted);
        return encode(new TimeStampResp(status, ContentInfo.getInstance(token())));
    }

    /** The DER-encoded {@code TimeStampToken} (a CMS {@code ContentInfo}) alone. */
    public byte[] token() {
        try {
            var requestGenerator = new TimeStampRequestGenerator();
            requestGenerator.setCertReq(includeCertificate);
            TimeStampRequest request = nonce.isPresent()
                    ? requestGenerator.generate(digestAlgorithm, imprint, nonce.get())
                    : requestGenerator.generate(digestAlgorithm, imprint);
            Date time = Date.from(genTime.orElse(clock.instant()));
            var tokenGenerator = tokenGenerator(time);
            if (includeCertificate) {
                tokenGenerator.addCertificates(new JcaCertStore(List.of(tsaCertificate)));
            }
            BigInteger serial = serialNumber.orElseGet(Issuing::randomSerial);
            return tokenGenerator.generate(request, serial, time).getEncoded();
        } catch (TSPException | GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build time-stamp token", e);
        }
    }

    private TimeStampTokenGenerator tokenGenerator(Date time)
            throws OperatorCreationException, TSPException, GeneralSecurityException {
        // The CMS signingTime is set to genTime so that tokens depend on the clock only.
        var signingTime = new AttributeTable(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(time))));
        var signerInfo = new JcaSimpleSignerInfoGeneratorBuilder()
                .setSignedAttributeGenerator(signingTime)
                .build(Issuing.signatureAlgorithm(tsaKey), tsaKey, tsaCertificate);
        var sha256 = new JcaDigestCalculatorProviderBuilder().build()
                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
        return new TimeStampTokenGenerator(signerInfo, sha256, new ASN1ObjectIdentifier(policy));
    }

    private static byte[] encode(TimeStampResp response) {
        try {
            return response.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ASN1ObjectIdentifier digestOid(String name) {
        return switch (name.toUpperCase(Locale.ROOT).replace("-", "")) {
            case "SHA1" -> OIWObjectIdentifiers.idSHA1;
            case "SHA256" -> NISTObjectIdentifiers.id_sha256;
            case "SHA384" -> NISTObjectIdentifiers.id_sha384;
            case "SHA512" -> NISTObjectIdentifiers.id_sha512;
            default -> throw new IllegalArgumentException("unsupported imprint algorithm " + name);
        };
    }
}
