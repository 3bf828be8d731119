package org.sild.core.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A parsed, successful OCSP response ({@code OCSPResponse} with a {@code BasicOCSPResponse}),
 * not yet verified: use {@link OcspVerifier} before trusting anything it says.
 *
 * <p>As in X-Road, only the first single response counts. Immutable; safe to share between threads.
 */
public final class OcspResponse {

    /** Largest OCSP response accepted, in bytes of DER. */
    public static final int MAX_SIZE = 256 * 1024;

    private static final String[] RESPONSE_STATUS = {
        "successful", "malformedRequest", "internalError", "tryLater", "(4)", "sigRequired", "unauthorized"};

    private final byte[] encoded;
    private final BasicOCSPResp basic;
    private final SingleResp single;
    private final List<X509Certificate> certificates;

    private OcspResponse(byte[] encoded, BasicOCSPResp basic, List<X509Certificate> certificates) {
        this.encoded = encoded;
        this.basic = basic;
        this.single = basic.getResponses()[0];
        this.certificates = List.copyOf(certificates);
    }

    /**
     * Parses a DER {@code OCSPResponse}.
     *
     * @throws XRoadException {@code IOError} when the bytes are not an OCSP response (as X-Road
     *         reports a broken OCSP part); {@code IncorrectValidationInfo} when the response status is
     *         not successful, the body is not a basic response or it holds no single response
     */
    public static OcspResponse parse(byte[] der) {
        if (der.length > MAX_SIZE) {
            throw new XRoadException(ErrorCode.IO_ERROR,
                    "OCSP response of " + der.length + " bytes exceeds the limit of " + MAX_SIZE);
        }
        OCSPResp resp;
        Object body;
        try {
            resp = new OCSPResp(der);
            body = resp.getResponseObject();
        } catch (IOException | OCSPException | RuntimeException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "Malformed OCSP response: " + e.getMessage(), e);
        }
        if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new XRoadException(ErrorCode.INCORRECT_VALIDATION_INFO,
                    "OCSP response status is " + responseStatus(resp.getStatus()));
        }
        if (!(body instanceof BasicOCSPResp basic)) {
            throw new XRoadException(ErrorCode.INCORRECT_VALIDATION_INFO, "OCSP response is not a basic response");
        }
        if (basic.getResponses().length == 0) {
            throw new XRoadException(ErrorCode.INCORRECT_VALIDATION_INFO, "OCSP response has no single response");
        }
        var certs = new ArrayList<X509Certificate>();
        for (X509CertificateHolder holder : basic.getCerts()) {
            try {
                certs.add(Certificates.parseDer(holder.getEncoded()));
            } catch (IOException e) {
                throw new XRoadException(ErrorCode.IO_ERROR, "Malformed certificate in OCSP response", e);
            }
        }
        return new OcspResponse(der.clone(), basic, certs);
    }

    /**
     * The response among {@code responses} whose CertID is that of {@code subject} issued by
     * {@code issuer} (X-Road's {@code CertHelper.getOcspResponseForCert}).
     */
    public static Optional<OcspResponse> find(List<OcspResponse> responses, X509Certificate subject,
            X509Certificate issuer) {
        return responses.stream().filter(r -> r.isFor(subject, issuer)).findFirst();
    }

    /** Whether the response's CertID equals the SHA-1 CertID of {@code subject} issued by {@code issuer}. */
    public boolean isFor(X509Certificate subject, X509Certificate issuer) {
        return single.getCertID().equals(OcspRequests.certId(subject, issuer));
    }

    /** The DER bytes this response was parsed from. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The serial number in the CertID. */
    public BigInteger serialNumber() {
        return single.getCertID().getSerialNumber();
    }

    /** The certificate status. */
    public OcspCertStatus status() {
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return new OcspCertStatus.Good();
        }
        if (status instanceof RevokedStatus revoked) {
            Optional<Integer> reason = revoked.hasRevocationReason()
                    ? Optional.of(revoked.getRevocationReason()) : Optional.empty();
            return new OcspCertStatus.Revoked(revoked.getRevocationTime().toInstant(), reason);
        }
        return new OcspCertStatus.Unknown();
    }

    /** When the status was known to be correct. */
    public Instant thisUpdate() {
        return single.getThisUpdate().toInstant();
    }

    /** When newer information will be available, if the responder said. */
    public Optional<Instant> nextUpdate() {
        return Optional.ofNullable(single.getNextUpdate()).map(d -> d.toInstant());
    }

    /** When the response was signed. */
    public Instant producedAt() {
        return basic.getProducedAt().toInstant();
    }

    /** The responder's name, when the ResponderID is byName. */
    public Optional<X500Principal> responderName() {
        ResponderID id = basic.getResponderId().toASN1Primitive();
        if (id.getName() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new X500Principal(id.getName().getEncoded()));
        } catch (IOException | IllegalArgumentException e) {
            throw new XRoadException(ErrorCode.INCORRECT_VALIDATION_INFO, "Malformed OCSP responder name", e);
        }
    }

    /** The SHA-1 hash of the responder's public key, when the ResponderID is byKey. */
    public Optional<byte[]> responderKeyHash() {
        return Optional.ofNullable(basic.getResponderId().toASN1Primitive().getKeyHash());
    }

    /** The certificates embedded in the response, in order. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** The nonce response extension's value, if present. */
    public Optional<byte[]> nonce() {
        Extension ext = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (ext == null) {
            return Optional.empty();
        }
        byte[] value = ext.getExtnValue().getOctets();
        // RFC 8954 wraps the nonce in an OCTET STRING; some responders put the raw bytes.
        try {
            if (ASN1Primitive.fromByteArray(value) instanceof ASN1OctetString inner) {
                return Optional.of(inner.getOctets());
            }
        } catch (IOException | RuntimeException e) {
            // not DER: raw nonce bytes
        }
        return Optional.of(value);
    }

    /** The signature algorithm OID of the basic response. */
    public String signatureAlgorithmOid() {
        return basic.getSignatureAlgOID().getId();
    }

    BasicOCSPResp basic() {
        return basic;
    }

    private static String responseStatus(int status) {
        return status >= 0 && status < RESPONSE_STATUS.length ? RESPONSE_STATUS[status] : "(" + status + ")";
    }

    @Override
    public String toString() {
        return "OcspResponse[serial=" + serialNumber().toString(16) + ", " + status().describe() + ", thisUpdate="
                + thisUpdate() + "]";
    }
}
