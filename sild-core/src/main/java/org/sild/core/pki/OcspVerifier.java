package org.sild.core.pki;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Verifies OCSP responses the way X-Road's {@code OcspVerifier} does (RFC 6960 §3.2 as applied in
 * X-Road), against an {@link OcspTrust}.
 *
 * <p>Validity, in this order, each failure {@code IncorrectValidationInfo}:
 * <ol>
 *   <li>the CertID equals the SHA-1 CertID of the subject and its issuer;</li>
 *   <li>the responder certificate is found by the ResponderID (name or SHA-1 key hash) among the
 *       listed responder certificates, the approved CA certificates, the issuer and the
 *       certificates embedded in the response;</li>
 *   <li>the signature verifies with the responder's key;</li>
 *   <li>the responder is authorised: listed for the issuing CA, or the issuing CA itself, or issued
 *       by it (signature checked) with extended key usage OCSPSigning;</li>
 *   <li>{@code thisUpdate} is not older than {@code at} minus the freshness limit;</li>
 *   <li>if {@code verifyNextUpdate}, a present {@code nextUpdate} is not before {@code at}.</li>
 * </ol>
 * Status: anything but good is {@code CertValidation}, the message naming the status. Immutable;
 * safe to share between threads.
 */
public final class OcspVerifier {

    private final OcspTrust trust;

    public OcspVerifier(OcspTrust trust) {
        this.trust = Objects.requireNonNull(trust);
    }

    /** The trust this verifier applies. */
    public OcspTrust trust() {
        return trust;
    }

    /**
     * Verifies validity (all six checks) and that the status is good, at {@code at}.
     *
     * @throws XRoadException {@code IncorrectValidationInfo} or {@code CertValidation}
     */
    public void verify(OcspResponse response, X509Certificate subject, X509Certificate issuer, Instant at) {
        verifyValidity(response, subject, issuer, at);
        verifyStatus(response);
    }

    /**
     * Verifies the six validity checks at {@code at}, not the status.
     *
     * @throws XRoadException {@code IncorrectValidationInfo}
     */
    public void verifyValidity(OcspResponse response, X509Certificate subject, X509Certificate issuer, Instant at) {
        if (!response.isFor(subject, issuer)) {
            throw incorrect("OCSP response does not apply to certificate (sn = " + subject.getSerialNumber() + ")");
        }
        X509Certificate responder = responderCertificate(response, issuer)
                .orElseThrow(() -> incorrect("Could not find OCSP certificate for responder ID"));
        if (!signatureValid(response, responder)) {
            throw incorrect("Signature on OCSP response is not valid");
        }
        if (!isAuthorized(responder, issuer)) {
            throw incorrect("OCSP responder is not authorized for given CA");
        }
        if (isExpired(response, at)) {
            throw incorrect("OCSP response is too old (thisUpdate: " + response.thisUpdate() + ")");
        }
        if (trust.verifyNextUpdate()) {
            Optional<Instant> nextUpdate = response.nextUpdate();
            if (nextUpdate.isPresent() && nextUpdate.get().isBefore(at)) {
                throw incorrect("OCSP nextUpdate is too old, atDate: " + at + " nextUpdate: " + nextUpdate.get());
            }
        }
    }

    /**
     * Requires the status to be good.
     *
     * @throws XRoadException {@code CertValidation} naming the status otherwise
     */
    public static void verifyStatus(OcspResponse response) {
        OcspCertStatus status = response.status();
        if (!(status instanceof OcspCertStatus.Good)) {
            throw new XRoadException(ErrorCode.CERT_VALIDATION,
                    "OCSP response indicates certificate status is " + status.describe());
        }
    }

    /**
     * Requires the response to echo {@code expected} as nonce (X-Road sends no nonce; use when you do).
     *
     * @throws XRoadException {@code IncorrectValidationInfo} when the nonce is missing or different
     */
    public static void verifyNonce(OcspResponse response, byte[] expected) {
        Optional<byte[]> nonce = response.nonce();
        if (nonce.isEmpty() || !MessageDigest.isEqual(nonce.get(), expected)) {
            throw incorrect("OCSP response nonce does not match the request");
        }
    }

    /**
     * The last instant at which {@code response} still passes the time checks of
     * {@link #verifyValidity}: {@code thisUpdate} plus the freshness limit and, when {@code nextUpdate}
     * is checked, a present {@code nextUpdate}. The other checks do not depend on time, so a response
     * that verified at some instant keeps verifying up to this one (what a cache may rely on).
     */
    public Instant validUntil(OcspResponse response) {
        Instant until = response.thisUpdate().plusSeconds(trust.freshnessSeconds());
        if (trust.verifyNextUpdate()) {
            Optional<Instant> nextUpdate = response.nextUpdate();
            if (nextUpdate.isPresent() && nextUpdate.get().isBefore(until)) {
                until = nextUpdate.get();
            }
        }
        return until;
    }

    /** Whether {@code thisUpdate} is older than {@code at} minus the freshness limit (time to fetch a new one). */
    public boolean isExpired(OcspResponse response, Instant at) {
        return response.thisUpdate().isBefore(at.minusSeconds(trust.freshnessSeconds()));
    }

    /** The certificate that the ResponderID of {@code response} designates, looked up as described above. */
    public Optional<X509Certificate> responderCertificate(OcspResponse response, X509Certificate issuer) {
        var candidates = new ArrayList<X509Certificate>(trust.knownCertificates());
        candidates.add(issuer);
        candidates.addAll(response.certificates());
        Optional<X500Principal> name = response.responderName();
        if (name.isPresent()) {
            return candidates.stream().filter(c -> c.getSubjectX500Principal().equals(name.get())).findFirst();
        }
        Optional<byte[]> keyHash = response.responderKeyHash();
        if (keyHash.isPresent()) {
            return candidates.stream().filter(c -> MessageDigest.isEqual(keyHash.get(), keyHash(c))).findFirst();
        }
        return Optional.empty();
    }

    private boolean isAuthorized(X509Certificate responder, X509Certificate issuer) {
        if (trust.ca(issuer).map(ca -> ca.ocspResponders().contains(responder)).orElse(false)) {
            return true;
        }
        if (responder.equals(issuer)) {
            return true;
        }
        if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            responder.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            return false;
        }
        return CertUsage.extendedKeyUsage(responder).contains(CertUsage.OCSP_SIGNING);
    }

    private static boolean signatureValid(OcspResponse response, X509Certificate responder) {
        try {
            var verifier = new JcaContentVerifierProviderBuilder().build(responder.getPublicKey());
            return response.basic().isSignatureValid(verifier);
        } catch (OperatorCreationException | OCSPException e) {
            return false;
        }
    }

    /** SHA-1 of the subjectPublicKey BIT STRING contents, as ResponderID byKey is defined. */
    private static byte[] keyHash(X509Certificate certificate) {
        var spki = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
        return DigestAlgorithm.SHA1.digest(spki.getPublicKeyData().getBytes());
    }

    private static XRoadException incorrect(String message) {
        return new XRoadException(ErrorCode.INCORRECT_VALIDATION_INFO, message);
    }
}
