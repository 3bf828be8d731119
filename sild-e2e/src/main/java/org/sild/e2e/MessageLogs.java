package org.sild.e2e;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.globalconf.SharedParametersIndex;
import org.sild.core.hashchain.Digest;
import org.sild.core.id.ClientId;
import org.sild.core.pki.CertChainVerifier;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspVerifier;
import org.sild.core.signature.CertificateProfile;
import org.sild.core.signature.CertificateProfiles;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.SignatureVerifier;
import org.sild.core.signature.SignerEvidence;
import org.sild.core.signature.VerifiedSignature;
import org.sild.securityserver.globalconf.GlobalConf;
import org.sild.securityserver.messagelog.LogRecord;

/**
 * Checks message log records as evidence: each record's signature is verified with
 * {@link SignatureVerifier} against global configuration — the signing certificate's CA profile
 * must name the expected member (the client for a request, the service provider for a response),
 * its chain must lead to an approved CA, and the OCSP responses inside the signature must prove it
 * good. Independent of the proxies' own verification. Stateless.
 */
public final class MessageLogs {

    private static final CertificateProfiles PROFILES = CertificateProfiles.standard();

    private MessageLogs() {
    }

    /**
     * Verifies {@code record}'s signature at {@code at}. A logged REST body is the message's
     * attachment 1 (SHA-512, the transport's default); records whose attachments were not logged
     * (SOAP attachments, REST bodies over the logging limit) cannot be checked this way.
     *
     * @throws org.sild.core.fault.XRoadException with the verification fault when it does not hold
     */
    public static VerifiedSignature verify(LogRecord record, GlobalConf conf, Instant at) {
        ClientId signer = record.response() ? record.service().provider() : record.client();
        List<Digest> attachments = record.restBody().map(b -> List.of(Digest.of(DigestAlgorithm.SHA512, b)))
                .orElse(List.of());
        SignatureVerifier verifier = SignatureVerifier.builder()
                .profiles(certificate -> profileOf(conf, certificate))
                .certificateCheck(evidence -> checkCertificate(conf, evidence))
                .build();
        return verifier.verify(record.signature(), new MessageParts(record.message(), attachments), signer, at);
    }

    private static Optional<CertificateProfile> profileOf(GlobalConf conf, X509Certificate certificate) {
        return conf.instances().stream().map(i -> i.certificateProfileInfo(certificate)).flatMap(Optional::stream)
                .findFirst().flatMap(PROFILES::byClassName);
    }

    private static void checkCertificate(GlobalConf conf, SignerEvidence evidence) {
        String instance = evidence.signer().instance();
        SharedParametersIndex index = conf.instance(instance).orElseThrow(() -> new AssertionError(
                "global configuration has no instance " + instance));
        var pool = new ArrayList<X509Certificate>(evidence.extraCertificates());
        index.parameters().approvedCas().forEach(ca -> ca.allCas().forEach(info -> pool.add(info.cert())));
        new CertChainVerifier(index.trustAnchors(true)).verify(evidence.signingCertificate(), pool,
                evidence.ocspResponses().stream().map(OcspResponse::parse).toList(),
                new OcspVerifier(conf.ocspTrust(instance)), evidence.verificationTime());
    }
}
