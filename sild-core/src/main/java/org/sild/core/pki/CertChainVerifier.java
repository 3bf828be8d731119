package org.sild.core.pki;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Validates certificate chains against approved CA certificates, as X-Road's
 * {@code CertChainVerifier}: a PKIX path is built from the end-entity certificate through the given
 * intermediates to one of the trust anchors, and validated at a given instant with revocation
 * checking disabled (revocation is OCSP, checked per certificate by {@link OcspVerifier}).
 *
 * <p>The trust anchors are the approved CA certificates of the purpose at hand: for signatures the
 * approved CAs that are not {@code authenticationOnly}, for authentication certificates all of them.
 * Faults:
 * <ul>
 *   <li>{@code CertValidityTime}: the end-entity certificate is expired or not yet valid at the
 *       instant (X-Road reports this as a path-building failure; this is more precise);</li>
 *   <li>{@code CannotCreateCertPath}: no path to an approved CA (unknown issuer, missing
 *       intermediate, bad signature, disabled algorithm such as MD5, CA certificate without
 *       basicConstraints, expired CA);</li>
 *   <li>{@code InvalidCertPath}: the built path does not validate; with OCSP, the OCSP fault
 *       prefixed, as X-Road does ({@code InvalidCertPath.CertValidation} for a revoked certificate).</li>
 * </ul>
 * Immutable; safe to share between threads.
 */
public final class CertChainVerifier {

    /** Most intermediate certificates considered for one chain. */
    public static final int MAX_INTERMEDIATES = 32;

    private final Set<TrustAnchor> anchors;

    /** A verifier trusting {@code trustAnchors} (approved CA certificates). */
    public CertChainVerifier(Collection<X509Certificate> trustAnchors) {
        var set = new LinkedHashSet<TrustAnchor>();
        for (X509Certificate anchor : trustAnchors) {
            set.add(new TrustAnchor(anchor, null));
        }
        this.anchors = Set.copyOf(set);
    }

    /**
     * Builds and validates the path of {@code endEntity} at {@code at}.
     *
     * @throws XRoadException {@code CertValidityTime}, {@code CannotCreateCertPath} or {@code InvalidCertPath}
     */
    public CertChain verify(X509Certificate endEntity, List<X509Certificate> intermediates, Instant at) {
        checkValidity(endEntity, at);
        if (anchors.isEmpty()) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_CERT_PATH,
                    "No approved CA certificates to build a path to");
        }
        if (intermediates.size() > MAX_INTERMEDIATES) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_CERT_PATH,
                    intermediates.size() + " intermediate certificates exceed the limit of " + MAX_INTERMEDIATES);
        }
        PKIXBuilderParameters params = parameters(endEntity, intermediates, at);
        CertPath path;
        try {
            path = CertPathBuilder.getInstance("PKIX").build(params).getCertPath();
        } catch (CertPathBuilderException e) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_CERT_PATH,
                    "Cannot build a certificate path for " + Certificates.name(endEntity) + " to an approved CA: "
                            + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_CERT_PATH, "PKIX is not available: " + e.getMessage(), e);
        }
        X509Certificate anchor;
        try {
            var result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(path, params);
            anchor = result.getTrustAnchor().getTrustedCert();
        } catch (CertPathValidatorException e) {
            throw new XRoadException(ErrorCode.INVALID_CERT_PATH,
                    "Certificate path of " + Certificates.name(endEntity) + " is invalid: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.INVALID_CERT_PATH, "PKIX is not available: " + e.getMessage(), e);
        }
        var certs = new ArrayList<X509Certificate>();
        for (var c : path.getCertificates()) {
            certs.add((X509Certificate) c);
        }
        return new CertChain(certs, anchor);
    }

    /**
     * Builds and validates the path of {@code endEntity} at {@code at}, then checks an OCSP response
     * for every certificate of the path below the trust anchor with {@code ocsp}.
     *
     * @throws XRoadException as {@link #verify(X509Certificate, List, Instant)}; OCSP faults prefixed
     *         {@code InvalidCertPath} (a missing response is {@code InvalidCertPath.CertValidation})
     */
    public CertChain verify(X509Certificate endEntity, List<X509Certificate> intermediates,
            List<OcspResponse> ocspResponses, OcspVerifier ocsp, Instant at) {
        CertChain chain = verify(endEntity, intermediates, at);
        try {
            for (int i = 0; i < chain.certificates().size(); i++) {
                X509Certificate subject = chain.certificates().get(i);
                X509Certificate issuer = chain.issuerOf(i);
                OcspResponse response = OcspResponse.find(ocspResponses, subject, issuer)
                        .orElseThrow(() -> new XRoadException(ErrorCode.CERT_VALIDATION,
                                "Unable to find OCSP response for certificate " + Certificates.name(subject)));
                ocsp.verify(response, subject, issuer, at);
            }
        } catch (XRoadException e) {
            throw e.withPrefix(ErrorCode.INVALID_CERT_PATH);
        }
        return chain;
    }

    /**
     * The last instant up to which a successful {@link #verify(X509Certificate, List, List, OcspVerifier,
     * Instant)} that returned {@code chain} stays successful: the earliest {@code notAfter} of the
     * chain (trust anchor included) and the earliest {@link OcspVerifier#validUntil} of the responses
     * the check used. Everything else it checks is independent of time or only bounded from below.
     *
     * @throws XRoadException {@code CertValidation} when a certificate of the chain has no response
     */
    public static Instant validUntil(CertChain chain, List<OcspResponse> ocspResponses, OcspVerifier ocsp) {
        Instant until = chain.trustAnchor().getNotAfter().toInstant();
        for (int i = 0; i < chain.certificates().size(); i++) {
            X509Certificate subject = chain.certificates().get(i);
            OcspResponse response = OcspResponse.find(ocspResponses, subject, chain.issuerOf(i))
                    .orElseThrow(() -> new XRoadException(ErrorCode.CERT_VALIDATION,
                            "Unable to find OCSP response for certificate " + Certificates.name(subject)));
            until = earliest(until, earliest(subject.getNotAfter().toInstant(), ocsp.validUntil(response)));
        }
        return until;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void checkValidity(X509Certificate certificate, Instant at) {
        try {
            certificate.checkValidity(Date.from(at));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new XRoadException(ErrorCode.CERT_VALIDITY_TIME, "Certificate " + Certificates.name(certificate)
                    + " is not valid at " + at + " (valid from " + certificate.getNotBefore().toInstant()
                    + " until " + certificate.getNotAfter().toInstant() + ")", e);
        }
    }

    private PKIXBuilderParameters parameters(X509Certificate endEntity, List<X509Certificate> intermediates,
            Instant at) {
        var target = new X509CertSelector();
        target.setCertificate(endEntity);
        try {
            var params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            var pool = new ArrayList<X509Certificate>(intermediates.size() + 1);
            pool.add(endEntity);
            pool.addAll(intermediates);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            return params;
        } catch (InvalidAlgorithmParameterException e) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_CERT_PATH, "Cannot set up path building: "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_CERT_PATH, "Collection certificate store unavailable", e);
        }
    }
}
