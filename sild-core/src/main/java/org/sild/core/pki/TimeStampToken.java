package org.sild.core.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A parsed RFC 3161 time-stamp token (a CMS {@code SignedData} over a {@code TSTInfo}), not yet
 * verified: use {@link TimeStampVerifier} before trusting its time. Immutable; safe to share
 * between threads.
 */
public final class TimeStampToken {

    /** Largest token accepted, in bytes of DER. */
    public static final int MAX_SIZE = 256 * 1024;

    private final byte[] encoded;
    private final org.bouncycastle.tsp.TimeStampToken token;
    private final DigestAlgorithm digestAlgorithm;
    private final List<X509Certificate> certificates;

    private TimeStampToken(byte[] encoded, org.bouncycastle.tsp.TimeStampToken token) {
        this.encoded = encoded;
        this.token = token;
        String oid = token.getTimeStampInfo().getMessageImprintAlgOID().getId();
        this.digestAlgorithm = DigestAlgorithm.byOid(oid).orElseThrow(() -> new XRoadException(
                ErrorCode.TIMESTAMP_VALIDATION, "Unsupported time-stamp imprint algorithm " + oid));
        var certs = new ArrayList<X509Certificate>();
        for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
            try {
                certs.add(Certificates.parseDer(holder.getEncoded()));
            } catch (IOException e) {
                throw new XRoadException(ErrorCode.TIMESTAMP_VALIDATION,
                        "Malformed certificate in time-stamp token", e);
            }
        }
        this.certificates = List.copyOf(certs);
    }

    /**
     * Parses a DER time-stamp token.
     *
     * @throws XRoadException {@code TimestampValidation} when it is not a time-stamp token
     */
    public static TimeStampToken parse(byte[] der) {
        if (der.length > MAX_SIZE) {
            throw new XRoadException(ErrorCode.TIMESTAMP_VALIDATION,
                    "Time-stamp token of " + der.length + " bytes exceeds the limit of " + MAX_SIZE);
        }
        try {
            return new TimeStampToken(der.clone(), new org.bouncycastle.tsp.TimeStampToken(new CMSSignedData(der)));
        } catch (XRoadException e) {
            throw e;
        } catch (CMSException | TSPException | IOException | RuntimeException e) {
            throw new XRoadException(ErrorCode.TIMESTAMP_VALIDATION,
                    "Malformed time-stamp token: " + e.getMessage(), e);
        }
    }

    static TimeStampToken of(org.bouncycastle.tsp.TimeStampToken token) {
        try {
            return new TimeStampToken(token.getEncoded(ASN1Encoding.DER), token);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.TIMESTAMP_VALIDATION, "Cannot encode time-stamp token", e);
        }
    }

    /** The DER bytes of the token. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The time the TSA states. */
    public Instant genTime() {
        return info().getGenTime().toInstant();
    }

    /** The algorithm of the message imprint. */
    public DigestAlgorithm digestAlgorithm() {
        return digestAlgorithm;
    }

    /** The message imprint: the digest of the time-stamped data. */
    public byte[] imprint() {
        return info().getMessageImprintDigest();
    }

    /** The nonce copied from the request, if any. */
    public Optional<BigInteger> nonce() {
        return Optional.ofNullable(info().getNonce());
    }

    /** The TSA's serial number of this token. */
    public BigInteger serialNumber() {
        return info().getSerialNumber();
    }

    /** The TSA policy OID. */
    public String policy() {
        return info().getPolicy().getId();
    }

    /** The certificates embedded in the token's CMS certificate set. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /**
     * This token with {@code certificate} added to its CMS certificate set (if not there yet), as an
     * X-Road security server stores tokens ({@code TimestamperUtil.addSignerCertificate}). The
     * signature is unaffected: the certificate set is not signed.
     */
    public TimeStampToken withCertificate(X509Certificate certificate) {
        if (certificates.contains(certificate)) {
            return this;
        }
        try {
            var all = new ArrayList<X509Certificate>(certificates);
            all.add(certificate);
            CMSSignedData signed = token.toCMSSignedData();
            CMSSignedData replaced = CMSSignedData.replaceCertificatesAndCRLs(signed, new JcaCertStore(all),
                    signed.getAttributeCertificates(), signed.getCRLs());
            return of(new org.bouncycastle.tsp.TimeStampToken(replaced));
        } catch (CMSException | TSPException | IOException | CertificateEncodingException e) {
            throw new XRoadException(ErrorCode.TIMESTAMP_VALIDATION, "Cannot add certificate to time-stamp token", e);
        }
    }

    org.bouncycastle.tsp.TimeStampToken bc() {
        return token;
    }

    private TimeStampTokenInfo info() {
        return token.getTimeStampInfo();
    }

    @Override
    public String toString() {
        return "TimeStampToken[genTime=" + genTime() + ", serial=" + serialNumber().toString(16) + "]";
    }
}
