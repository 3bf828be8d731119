package org.sild.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds a DER-encoded OCSP response ({@code OCSPResponse}, RFC 6960) about one certificate, with
 * every field a test may want to get wrong.
 *
 * <p>Defaults: status good, {@code thisUpdate} and {@code producedAt} from the clock, no
 * {@code nextUpdate}, CertID with SHA-1 (as X-Road), responder identified by key hash, signer
 * certificate embedded in the response, no nonce. A signer must be set ({@link TestCa#ocsp} sets the
 * issuing CA). Not thread-safe; build one response per builder or reuse sequentially.
 */
public final class OcspResponseBuilder {

    /** {@code OCSPResponseStatus} malformedRequest. */
    public static final int MALFORMED_REQUEST = 1;
    /** {@code OCSPResponseStatus} internalError. */
    public static final int INTERNAL_ERROR = 2;
    /** {@code OCSPResponseStatus} tryLater. */
    public static final int TRY_LATER = 3;
    /** {@code OCSPResponseStatus} sigRequired. */
    public static final int SIG_REQUIRED = 5;
    /** {@code OCSPResponseStatus} unauthorized. */
    public static final int UNAUTHORIZED = 6;

    private final X509Certificate subject;
    private final X509Certificate issuer;
    private final Clock clock;
    private CertificateStatus status = CertificateStatus.GOOD;
    private Optional<Instant> thisUpdate = Optional.empty();
    private Optional<Instant> nextUpdate = Optional.empty();
    private Optional<Instant> producedAt = Optional.empty();
    private Optional<X509Certificate> signerCert = Optional.empty();
    private Optional<PrivateKey> signerKey = Optional.empty();
    private Optional<String> signatureAlgorithm = Optional.empty();
    private boolean responderByName;
    private boolean includeSignerCertificate = true;
    private final List<X509Certificate> extraCertificates = new ArrayList<>();
    private Optional<byte[]> nonce = Optional.empty();
    private Optional<BigInteger> serialNumber = Optional.empty();

    private OcspResponseBuilder(X509Certificate subject, X509Certificate issuer, Clock clock) {
        this.subject = Objects.requireNonNull(subject);
        this.issuer = Objects.requireNonNull(issuer);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A builder for a response about {@code subject}, issued by {@code issuer}. */
    public static OcspResponseBuilder forCertificate(X509Certificate subject, X509Certificate issuer, Clock clock) {
        return new OcspResponseBuilder(subject, issuer, clock);
    }

    /** A DER OCSP response without a body, with the given non-successful {@code OCSPResponseStatus}. */
    public static byte[] unsuccessful(int responseStatus) {
        try {
            return new OCSPRespBuilder().build(responseStatus, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Certificate status good (the default). */
    public OcspResponseBuilder good() {
        this.status = CertificateStatus.GOOD;
        return this;
    }

    /** Certificate status revoked at {@code time}, without a reason. */
    public OcspResponseBuilder revoked(Instant time) {
        this.status = new RevokedStatus(Date.from(time));
        return this;
    }

    /** Certificate status revoked at {@code time} with a CRLReason code (RFC 5280 §5.3.1). */
    public OcspResponseBuilder revoked(Instant time, int reason) {
        this.status = new RevokedStatus(Date.from(time), reason);
        return this;
    }

    /** Certificate status unknown. */
    public OcspResponseBuilder unknown() {
        this.status = new UnknownStatus();
        return this;
    }

    public OcspResponseBuilder thisUpdate(Instant time) {
        this.thisUpdate = Optional.of(time);
        return this;
    }

    public OcspResponseBuilder nextUpdate(Instant time) {
        this.nextUpdate = Optional.of(time);
        return this;
    }

    public OcspResponseBuilder producedAt(Instant time) {
        this.producedAt = Optional.of(time);
        return this;
    }

    /** Signs with {@code key}, naming {@code certificate} as the responder (the key need not match, for negative tests). */
    public OcspResponseBuilder signer(X509Certificate certificate, PrivateKey key) {
        this.signerCert = Optional.of(certificate);
        this.signerKey = Optional.of(key);
        return this;
    }

    /** Signs as {@code responder}, typically a certificate with extended key usage OCSPSigning. */
    public OcspResponseBuilder signer(IssuedCert responder) {
        return signer(responder.certificate(), responder.privateKey());
    }

    /** Signs as the CA {@code ca}. */
    public OcspResponseBuilder signer(TestCa ca) {
        return signer(ca.certificate(), ca.privateKey());
    }

    /** The JCA signature algorithm, instead of the one derived from the signer's private key. */
    public OcspResponseBuilder signatureAlgorithm(String jcaName) {
        this.signatureAlgorithm = Optional.of(jcaName);
        return this;
    }

    /** Identifies the responder by its subject name instead of by its key hash. */
    public OcspResponseBuilder responderIdByName() {
        this.responderByName = true;
        return this;
    }

    /** Identifies the responder by the SHA-1 hash of its public key (the default). */
    public OcspResponseBuilder responderIdByKey() {
        this.responderByName = false;
        return this;
    }

    /** Whether the signer certificate is embedded in the response (default true). */
    public OcspResponseBuilder includeSignerCertificate(boolean include) {
        this.includeSignerCertificate = include;
        return this;
    }

    /** Embeds more certificates after the signer certificate. */
    public OcspResponseBuilder extraCertificates(X509Certificate... certificates) {
        extraCertificates.addAll(List.of(certificates));
        return this;
    }

    /** Adds a nonce response extension (id-pkix-ocsp-nonce) with {@code value} as OCTET STRING. */
    public OcspResponseBuilder nonce(byte[] value) {
        this.nonce = Optional.of(value.clone());
        return this;
    }

    /** Puts this serial number in the CertID instead of the subject's (a response about another certificate). */
    public OcspResponseBuilder certIdSerialNumber(BigInteger serial) {
        this.serialNumber = Optional.of(serial);
        return this;
    }

    /** The DER-encoded {@code OCSPResponse} with status successful and a signed basic response. */
    public byte[] build() {
        X509Certificate responder = signerCert.orElseThrow(() -> new IllegalStateException("no OCSP signer set"));
        try {
            DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
            var certId = new CertificateID(sha1, new X509CertificateHolder(issuer.getEncoded()),
                    serialNumber.orElse(subject.getSerialNumber()));
            var responderHolder = new X509CertificateHolder(responder.getEncoded());
            RespID respId = responderByName
                    ? new RespID(X500Name.getInstance(responder.getSubjectX500Principal().getEncoded()))
                    : new RespID(responderHolder.getSubjectPublicKeyInfo(), sha1);
            var builder = new BasicOCSPRespBuilder(respId);
            // OCSP times are whole seconds on the wire; truncating keeps what tests set and read back equal.
            Instant tu = thisUpdate.orElse(clock.instant()).truncatedTo(ChronoUnit.SECONDS);
            builder.addResponse(certId, status, Date.from(tu), nextUpdate.map(OcspResponseBuilder::seconds).orElse(null));
            if (nonce.isPresent()) {
                builder.setResponseExtensions(new Extensions(Extension.create(
                        OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce.get()))));
            }
            var certs = new ArrayList<X509CertificateHolder>();
            if (includeSignerCertificate) {
                certs.add(responderHolder);
            }
            for (X509Certificate extra : extraCertificates) {
                certs.add(new X509CertificateHolder(extra.getEncoded()));
            }
            String algorithm = signatureAlgorithm.orElse(Issuing.signatureAlgorithm(signerKey.orElseThrow()));
            var basic = builder.build(Issuing.signer(algorithm, signerKey.orElseThrow()),
                    certs.isEmpty() ? null : certs.toArray(new X509CertificateHolder[0]),
                    producedAt.map(OcspResponseBuilder::seconds).orElse(Date.from(tu)));
            OCSPResp resp = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
            return resp.getEncoded();
        } catch (GeneralSecurityException | IOException | OCSPException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build OCSP response for " + subject.getSubjectX500Principal(), e);
        }
    }

    private static Date seconds(Instant time) {
        return Date.from(time.truncatedTo(ChronoUnit.SECONDS));
    }
}
