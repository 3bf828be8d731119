package org.sild.core.asic;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.x509.Certificate;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.Certificates;

/**
 * Refuses a time-stamp token whose bytes outside what the TSA signs could differ from what the time-stamper
 * stored: the token must be DER and re-encode to exactly its own bytes; every certificate of its CMS
 * certificate set must be byte-equal to a certificate of the trust base or be signed by its issuer's key;
 * it has no CRLs, exactly one signer without unsigned attributes and with a known signature algorithm, and
 * the outer version numbers and digest algorithm set that RFC 3161 and CMS prescribe for that signer.
 *
 * <p>X-Road checks none of this (the TSA signature covers only the {@code TSTInfo} and signed attributes).
 * Runs after the token verified, so the fault ({@code TimestampValidation}) only concerns these bytes. Stateless.
 */
final class TokenCheck {

    /** RSA (PKCS#1 v1.5 key or with SHA-2, PSS) and ECDSA with SHA-2: what RFC 3161 TSAs sign with. */
    private static final Set<String> SIGNATURE_ALGORITHMS = Set.of("1.2.840.113549.1.1.1", "1.2.840.113549.1.1.11",
            "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", "1.2.840.113549.1.1.10", "1.2.840.10045.4.3.2",
            "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4", "1.2.840.10045.2.1");

    private TokenCheck() {
    }

    /**
     * Checks {@code token}, found in {@code where} and verified with {@code tsa}, against the certificates the
     * trust base knows.
     */
    static void check(byte[] token, X509Certificate tsa, Collection<X509Certificate> trusted, String where) {
        ASN1Primitive parsed;
        try {
            parsed = ASN1Primitive.fromByteArray(token);
            if (!Arrays.equals(parsed.getEncoded(ASN1Encoding.DER), token)) {
                throw invalid(where, "is not DER: it does not re-encode to its own bytes");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(where, "cannot be decoded: " + e.getMessage());
        }
        ContentInfo info = ContentInfo.getInstance(parsed);
        if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
            throw invalid(where, "has content type " + info.getContentType() + ", not signedData");
        }
        SignedData signed = SignedData.getInstance(info.getContent());
        if (signed.getVersion().intValueExact() != 3) {
            throw invalid(where, "has SignedData version " + signed.getVersion() + ", not 3");
        }
        if (signed.getCRLs() != null) {
            throw invalid(where, "carries CRLs, which X-Road's time-stamper never stores");
        }
        checkCertificates(signed.getCertificates(), trusted, where);
        if (signed.getSignerInfos().size() != 1) {
            throw invalid(where, "has " + signed.getSignerInfos().size() + " signers, not 1");
        }
        SignerInfo signer = SignerInfo.getInstance(signed.getSignerInfos().getObjectAt(0));
        if (signer.getUnauthenticatedAttributes() != null) {
            throw invalid(where, "has unsigned attributes");
        }
        // The signer identifier is unsigned and Bouncy Castle matches it by name semantics (string types ignored).
        if (!signer.getSID().isTagged() && !Arrays.equals(encoded(signer.getSID().getId(), where), issuerAndSerial(tsa))) {
            throw invalid(where, "identifies its signer by other bytes than the TSA certificate's issuer and serial");
        }
        // Also unsigned: the signature algorithm; a verifier may pass an unknown one over and go by the key.
        String algorithm = signer.getDigestEncryptionAlgorithm().getAlgorithm().getId();
        if (!SIGNATURE_ALGORITHMS.contains(algorithm)) {
            throw invalid(where, "names signature algorithm " + algorithm + ", which is not one a TSA signs with");
        }
        int version = signer.getSID().isTagged() ? 3 : 1;
        if (signer.getVersion().intValueExact() != version) {
            throw invalid(where, "has SignerInfo version " + signer.getVersion() + ", not " + version);
        }
        ASN1Set digests = signed.getDigestAlgorithms();
        if (digests.size() != 1 || !digests.getObjectAt(0).equals(signer.getDigestAlgorithm())) {
            throw invalid(where, "lists digest algorithms other than its signer's");
        }
    }

    private static void checkCertificates(ASN1Set certificates, Collection<X509Certificate> trusted, String where) {
        if (certificates == null) {
            return;
        }
        var encodings = new ArrayList<byte[]>();
        int n = 0;
        for (ASN1Encodable certificate : certificates) {
            n++;
            try {
                encodings.add(certificate.toASN1Primitive().getEncoded(ASN1Encoding.DER));
            } catch (IOException e) {
                throw invalid(where, "has an unreadable certificate #" + n);
            }
        }
        CertificateCopies.check(encodings, trusted, what -> invalid(where, what));
    }

    private static byte[] encoded(ASN1Encodable value, String where) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw invalid(where, "has an unreadable signer identifier");
        }
    }

    private static byte[] issuerAndSerial(X509Certificate tsa) {
        try {
            return new IssuerAndSerialNumber(Certificate.getInstance(tsa.getEncoded())).getEncoded(ASN1Encoding.DER);
        } catch (CertificateEncodingException | IOException e) {
            throw new XRoadException(ErrorCode.INCORRECT_CERTIFICATE, "TSA certificate "
                    + tsa.getSubjectX500Principal() + " cannot be encoded", e);
        }
    }

    private static XRoadException invalid(String where, String what) {
        return new XRoadException(ErrorCode.TIMESTAMP_VALIDATION, "time-stamp token in " + where + " " + what);
    }
}
