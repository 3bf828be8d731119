package org.sild.trustservices.ocsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.pki.OcspCertStatus;
import org.sild.trustservices.ca.KeyAndCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RFC 6960 OCSP responder for the certificates of one CA: turns a DER {@code OCSPRequest} into
 * a signed DER {@code OCSPResponse}.
 *
 * <p>Each single request is answered good, revoked (time and reason) or unknown from the
 * {@link CertificateStatusSource}; a CertID whose issuer hashes are not this CA's, or whose hash
 * algorithm is not SHA-1/224/256/384/512, is unknown. {@code producedAt} and {@code thisUpdate} are
 * now (to the second), {@code nextUpdate} follows {@link OcspSettings}. A nonce (RFC 8954, 1 to 32
 * octets) is echoed; a request that cannot be parsed, holds no or too many single requests, or has
 * a nonce of another length is answered {@code malformedRequest}; a failure of the status source
 * or of signing {@code internalError}. Request signatures are not required and not checked.
 *
 * <p>The ResponderID is the signer's name and the signer's certificate is embedded; the signer is
 * the CA itself (an OCSP responder X-Road's verifier accepts without further configuration) or a
 * delegated responder certificate the CA issued with EKU OCSPSigning.
 *
 * <p>Thread-safe. The status is looked up for every request, so a cached response is only reused
 * while the status it states is still current: revocation shows at once.
 */
public final class OcspResponder {

    /** Largest request accepted, in bytes of DER. */
    public static final int MAX_REQUEST_SIZE = 16 * 1024;
    /** Most single requests answered in one response. */
    public static final int MAX_SINGLE_REQUESTS = 32;
    /** Longest nonce accepted, in octets (RFC 8954). */
    public static final int MAX_NONCE_LENGTH = 32;

    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);
    private static final byte[] MALFORMED = unsuccessful(OCSPRespBuilder.MALFORMED_REQUEST);
    private static final byte[] INTERNAL_ERROR = unsuccessful(OCSPRespBuilder.INTERNAL_ERROR);

    private final KeyAndCertificate signer;
    private final X509Certificate issuer;
    private final CertificateStatusSource statuses;
    private final OcspSettings settings;
    private final Clock clock;
    private final ResponseCache cache;
    private final byte[] issuerName;
    private final byte[] issuerKey;

    /**
     * A responder for certificates issued by {@code issuer}, signing with {@code signer} (the issuer's
     * own key and certificate, or a delegated responder's).
     */
    public OcspResponder(KeyAndCertificate signer, X509Certificate issuer, CertificateStatusSource statuses,
            OcspSettings settings, Clock clock) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = new ResponseCache(settings.cacheTtl());
        this.issuerName = issuer.getSubjectX500Principal().getEncoded();
        this.issuerKey = SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded()).getPublicKeyData()
                .getBytes();
    }

    /** The DER {@code OCSPResponse} answering the DER {@code OCSPRequest} {@code request}; never throws for bad input. */
    public byte[] respond(byte[] request) {
        if (request.length == 0 || request.length > MAX_REQUEST_SIZE) {
            return MALFORMED.clone();
        }
        OCSPReq parsed;
        try {
            parsed = new OCSPReq(request);
        } catch (IOException | RuntimeException e) {
            return MALFORMED.clone();
        }
        Req[] singles = parsed.getRequestList();
        if (singles.length == 0 || singles.length > MAX_SINGLE_REQUESTS) {
            return MALFORMED.clone();
        }
        Optional<Extension> nonce = Optional.ofNullable(parsed.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce));
        if (nonce.isPresent() && !validNonce(nonce.get())) {
            return MALFORMED.clone();
        }
        try {
            List<Answer> answers = new ArrayList<>();
            for (Req single : singles) {
                CertificateID id = single.getCertID();
                answers.add(new Answer(id, status(id)));
            }
            boolean cacheable = nonce.isEmpty() && answers.size() == 1;
            Instant now = clock.instant();
            if (cacheable) {
                Optional<byte[]> cached = cache.get(cacheKey(answers.get(0).id()), answers.get(0).status(), now);
                if (cached.isPresent()) {
                    return cached.get();
                }
            }
            byte[] response = sign(answers, nonce, now.truncatedTo(ChronoUnit.SECONDS));
            if (cacheable) {
                cache.put(cacheKey(answers.get(0).id()), answers.get(0).status(), response, now);
            }
            return response;
        } catch (IOException | OCSPException | OperatorCreationException | CertificateEncodingException
                | RuntimeException e) {
            LOG.warn("OCSP request failed: {}", e.toString());
            return INTERNAL_ERROR.clone();
        }
    }

    /**
     * The response to an HTTP GET (RFC 6960 appendix A.1): {@code encoded} is the URL-encoded base64
     * DER request from the path after the responder URL; a bad encoding is {@code malformedRequest}.
     */
    public byte[] respondToGet(String encoded) {
        if (encoded.length() > 3 * MAX_REQUEST_SIZE) {
            return MALFORMED.clone();
        }
        try {
            String base64 = percentDecode(encoded);
            boolean urlSafe = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0;
            return respond((urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(base64));
        } catch (IllegalArgumentException e) {
            return MALFORMED.clone();
        }
    }

    /** The DER {@code OCSPResponse} with status malformedRequest and no body. */
    public static byte[] malformedRequest() {
        return MALFORMED.clone();
    }

    private OcspCertStatus status(CertificateID id) {
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.byOid(id.getHashAlgOID().getId());
        if (algorithm.isEmpty()
                || !MessageDigest.isEqual(algorithm.get().digest(issuerName), id.getIssuerNameHash())
                || !MessageDigest.isEqual(algorithm.get().digest(issuerKey), id.getIssuerKeyHash())) {
            return new OcspCertStatus.Unknown();
        }
        return statuses.status(id.getSerialNumber());
    }

    private byte[] sign(List<Answer> answers, Optional<Extension> nonce, Instant now)
            throws IOException, OCSPException, OperatorCreationException, CertificateEncodingException {
        X509Certificate signerCert = signer.certificate();
        var builder = new BasicOCSPRespBuilder(new RespID(X500Name.getInstance(
                signerCert.getSubjectX500Principal().getEncoded())));
        Date thisUpdate = Date.from(now);
        Date nextUpdate = settings.nextUpdate().map(d -> Date.from(now.plus(d))).orElse(null);
        for (Answer answer : answers) {
            builder.addResponse(answer.id(), bcStatus(answer.status()), thisUpdate, nextUpdate);
        }
        if (nonce.isPresent()) {
            builder.setResponseExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                    false, nonce.get().getExtnValue())));
        }
        SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(signer.privateKey(), DigestAlgorithm.SHA256);
        var contentSigner = new JcaContentSignerBuilder(algorithm.jcaName()).build(signer.privateKey());
        var chain = new X509CertificateHolder[] {new X509CertificateHolder(signerCert.getEncoded())};
        BasicOCSPResp basic = builder.build(contentSigner, chain, thisUpdate);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    private static CertificateStatus bcStatus(OcspCertStatus status) {
        return switch (status) {
            case OcspCertStatus.Good good -> CertificateStatus.GOOD;
            case OcspCertStatus.Revoked revoked -> new RevokedStatus(new RevokedInfo(
                    new ASN1GeneralizedTime(Date.from(revoked.time())),
                    revoked.reason().map(CRLReason::lookup).orElse(null)));
            case OcspCertStatus.Unknown unknown -> new UnknownStatus();
        };
    }

    /** RFC 8954 §2.1: a nonce of 1 to 32 octets, wrapped in an OCTET STRING (raw bytes accepted too). */
    private static boolean validNonce(Extension extension) {
        byte[] value = extension.getExtnValue().getOctets();
        int length = value.length;
        try {
            if (ASN1Primitive.fromByteArray(value) instanceof ASN1OctetString inner) {
                length = inner.getOctets().length;
            }
        } catch (IOException | RuntimeException e) {
            // not DER: the raw bytes are the nonce
        }
        return length >= 1 && length <= MAX_NONCE_LENGTH;
    }

    private static String cacheKey(CertificateID id) throws IOException {
        return Base64.getEncoder().encodeToString(id.toASN1Primitive().getEncoded());
    }

    /** Decodes %XX escapes, leaving '+' alone (it is a base64 character, not a space). */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        var out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] unsuccessful(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (IOException | OCSPException e) {
            throw new IllegalStateException("cannot encode an OCSP response with status " + status, e);
        }
    }

    private record Answer(CertificateID id, OcspCertStatus status) {
    }
}
