package org.sild.securityserver.proxy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.SharedParametersIndex;
import org.sild.core.id.ClientId;
import org.sild.core.pki.CertChain;
import org.sild.core.pki.CertChainVerifier;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspVerifier;
import org.sild.core.signature.CertificateProfile;
import org.sild.core.signature.CertificateProfiles;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.SignatureData;
import org.sild.core.signature.SignatureVerifier;
import org.sild.core.signature.SignerEvidence;
import org.sild.core.signature.VerifiedSignature;
import org.sild.securityserver.globalconf.GlobalConf;

/**
 * Verifies the signature of a transport message with the trust of global configuration: the
 * signing certificate's CA profile names the signer (which must be the expected member), its chain
 * leads to an approved CA that may issue signing certificates, and the OCSP responses embedded in
 * the signature prove it good and fresh (digest 03 §5.6).
 *
 * <p>A certificate and OCSP evidence that passed once against the configuration in force is not
 * checked again while the result cannot change ({@link VerifiedCertificates}); the signature itself
 * is verified for every message.
 *
 * <p>Failures carry X-Road's {@code SignatureVerification.} prefix; the proxy adds its own in front.
 * Thread-safe.
 */
public final class MessageVerifier {

    private final CertificateProfiles profiles;
    private final VerifiedCertificates verified = new VerifiedCertificates();

    public MessageVerifier(CertificateProfiles profiles) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    /** A verifier with X-Road's standard certificate profiles. */
    public static MessageVerifier standard() {
        return new MessageVerifier(CertificateProfiles.standard());
    }

    /**
     * Verifies that {@code signature} is {@code signer}'s (at member level) over {@code parts} at {@code now}.
     *
     * @throws XRoadException {@code SignatureVerification.<code>}
     */
    public VerifiedSignature verify(GlobalConf conf, SignatureData signature, MessageParts parts, ClientId signer,
            Instant now) {
        SignatureVerifier verifier = SignatureVerifier.builder()
                .profiles(certificate -> profileOf(conf, certificate))
                .certificateCheck(evidence -> checkCertificate(conf, evidence))
                .build();
        try {
            return verifier.verify(signature, parts, signer, now);
        } catch (XRoadException e) {
            throw ProxyFaults.prefixed(e, ErrorCode.SIGNATURE_VERIFICATION);
        } catch (RuntimeException e) {
            throw ProxyFaults.prefixed(new XRoadException(ErrorCode.MALFORMED_SIGNATURE,
                    "cannot verify the signature: " + e, e), ErrorCode.SIGNATURE_VERIFICATION);
        }
    }

    private Optional<CertificateProfile> profileOf(GlobalConf conf, X509Certificate certificate) {
        for (SharedParametersIndex index : conf.instances()) {
            Optional<String> className = index.certificateProfileInfo(certificate);
            if (className.isPresent()) {
                return profiles.byClassName(className.get());
            }
        }
        return Optional.empty();
    }

    /** Checks the signing certificate's chain and OCSP responses, or finds that it did so already. */
    private void checkCertificate(GlobalConf conf, SignerEvidence evidence) {
        if (verified.verified(conf, evidence)) {
            return;
        }
        String instance = evidence.signer().instance();
        SharedParametersIndex index = conf.instance(instance).orElseThrow(() -> new XRoadException(
                ErrorCode.CANNOT_CREATE_CERT_PATH, "global configuration has no trust for instance " + instance));
        var pool = new ArrayList<X509Certificate>(evidence.extraCertificates());
        index.parameters().approvedCas().forEach(ca -> ca.allCas().forEach(info -> pool.add(info.cert())));
        List<OcspResponse> responses = evidence.ocspResponses().stream().map(OcspResponse::parse).toList();
        OcspVerifier ocsp = new OcspVerifier(conf.ocspTrust(instance));
        CertChain chain = new CertChainVerifier(index.trustAnchors(true)).verify(evidence.signingCertificate(), pool,
                responses, ocsp, evidence.verificationTime());
        verified.remember(conf, evidence, CertChainVerifier.validUntil(chain, responses, ocsp));
    }
}
