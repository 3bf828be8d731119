package org.sild.core.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.hashchain.Digest;
import org.sild.core.hashchain.HashChainFiles;
import org.sild.core.hashchain.HashChainVerifier;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.pki.CertUsage;
import org.sild.core.signature.XadesSignature.SignedReference;

/**
 * Verifies X-Road message signatures in X-Road's order (digest 03 §5.6):
 * <ol>
 * <li>parse the signature hardened and check its shape: it references {@code /message.xml} (and perhaps
 *     {@code /attachmentN}, the "non-batch" shape) or {@code /sig-hashchainresult.xml}, and its signed
 *     properties — otherwise {@code MalformedSignature};</li>
 * <li>if it references the hash chain result: verify the message's hash chain with the inputs
 *     {@code /message.xml} and {@code /attachmentN}, all of which must be used
 *     ({@code MalformedSignature.<hash chain fault>});</li>
 * <li>the signing certificate is present, is a signing certificate (nonRepudiation) and matches the signed
 *     {@code SigningCertificate} digest ({@code MalformedSignature});</li>
 * <li>the member the certificate's CA profile derives from it is the expected signer's member; the
 *     subsystem is ignored ({@code IncorrectCertificate});</li>
 * <li>the signature value and every reference digest ({@code InvalidSignatureValue}), checked by the
 *     JDK's XML-DSig implementation on the hardened DOM;</li>
 * <li>the certificate chain and OCSP status from the signature's own OCSP responses at the verification
 *     time: the {@link SignerCertificateCheck} given to the builder.</li>
 * </ol>
 * Callers add the {@code SignatureVerification.} prefix where X-Road does.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class SignatureVerifier {

    private static final Pattern ATTACHMENT = Pattern.compile("/attachment([1-9][0-9]{0,5})");

    private final Function<X509Certificate, Optional<CertificateProfile>> profiles;
    private final SignerCertificateCheck certificateCheck;
    private final Optional<Function<String, Optional<byte[]>>> evidenceFiles;

    private SignatureVerifier(Builder b) {
        this.profiles = b.profiles;
        this.certificateCheck = b.certificateCheck;
        this.evidenceFiles = b.evidenceFiles;
    }

    /** A builder; the certificate profile lookup and the certificate check are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies that {@code signature} is {@code expectedSigner}'s valid signature over {@code message} at
     * {@code at} (now for live traffic; the time-stamp's time for evidence).
     */
    public VerifiedSignature verify(SignatureData signature, MessageParts message, ClientId expectedSigner,
                                    Instant at) {
        XadesSignature xades = XadesSignature.parse(signature.signatureXml());
        boolean viaHashChain = checkShape(xades, signature, message);
        Map<String, Digest> unverified = new LinkedHashMap<>();
        if (viaHashChain) {
            unverified.putAll(verifyHashChain(signature, message));
        }
        X509Certificate certificate = signingCertificate(xades);
        MemberId signer = signerOf(certificate, expectedSigner);
        verifyXmlSignature(xades, certificate, signature, message, unverified);
        if (xades.ocspResponses().isEmpty()) {
            throw XadesSignature.malformed("Could not get any OCSP elements from signature");
        }
        certificateCheck.check(new SignerEvidence(certificate, xades.extraCertificates(), xades.ocspResponses(),
                signer, at));
        return new VerifiedSignature(signer, certificate, xades.signingTime(), xades.extraCertificates(),
                xades.ocspResponses(), unverified, xades);
    }

    /** Checks which documents the signature covers; true when it covers them through a hash chain. */
    private boolean checkShape(XadesSignature xades, SignatureData signature, MessageParts message) {
        String hashChainResult = HashChainFiles.SIGNATURE.resultName();
        int signedProperties = 0;
        var seen = new HashMap<String, Boolean>();
        for (SignedReference ref : xades.signedReferences()) {
            if (ref.isSignedProperties()) {
                if (!ref.uri().equals("#" + xades.properties().signedPropertiesId())) {
                    throw XadesSignature.malformed("the SignedProperties reference " + ref.uri()
                            + " does not point at xades:SignedProperties");
                }
                signedProperties++;
                continue;
            }
            String uri = ref.uri();
            boolean known = uri.equals(HashChainFiles.MESSAGE) || uri.equals(hashChainResult)
                    || ATTACHMENT.matcher(uri).matches();
            if (!known) {
                throw XadesSignature.malformed("signature references unknown document '" + uri + "'");
            }
            if (seen.put(uri, Boolean.TRUE) != null) {
                throw XadesSignature.malformed("signature references '" + uri + "' twice");
            }
            if (ref.hasTransforms()) {
                throw XadesSignature.malformed("the reference to " + uri + " must not have transforms");
            }
        }
        if (signedProperties != 1) {
            throw XadesSignature.malformed("signature must reference its SignedProperties exactly once");
        }
        if (seen.containsKey(hashChainResult)) {
            if (seen.size() != 1) {
                throw XadesSignature.malformed("a signature over " + hashChainResult + " references nothing else");
            }
            if (!signature.hasHashChain()) {
                throw XadesSignature.malformed("signature references " + hashChainResult
                        + " but no hash chain came with it");
            }
            return true;
        }
        if (!seen.containsKey(HashChainFiles.MESSAGE)) {
            throw XadesSignature.malformed("Signature does not reference '" + HashChainFiles.MESSAGE + "' or '"
                    + hashChainResult + "'");
        }
        for (String uri : seen.keySet()) {
            var m = ATTACHMENT.matcher(uri);
            if (m.matches() && Integer.parseInt(m.group(1)) > message.attachments().size()
                    && evidenceFiles.isEmpty()) {
                throw XadesSignature.malformed("signature references " + uri + " but the message has "
                        + message.attachments().size() + " attachments");
            }
        }
        for (int i = 1; i <= message.attachments().size(); i++) {
            if (!seen.containsKey(HashChainFiles.attachment(i))) {
                throw XadesSignature.malformed("attachment " + i + " is not covered by the signature");
            }
        }
        return false;
    }

    private Map<String, Digest> verifyHashChain(SignatureData signature, MessageParts message) {
        byte[] chain = signature.hashChain().orElseThrow();
        byte[] messageBytes = message.message();
        Function<String, Optional<byte[]>> others = evidenceFiles.orElse(uri -> Optional.empty());
        var builder = HashChainVerifier.builder()
                .resolver(uri -> uri.equals(HashChainFiles.SIGNATURE.chainName()) ? Optional.of(chain)
                        : uri.equals(HashChainFiles.MESSAGE) ? Optional.of(messageBytes) : others.apply(uri))
                .input(HashChainFiles.MESSAGE)
                .trustUnresolved(uri -> evidenceFiles.isPresent() && ATTACHMENT.matcher(uri).matches());
        List<Digest> attachments = message.attachments();
        for (int i = 0; i < attachments.size(); i++) {
            builder.input(HashChainFiles.attachment(i + 1), attachments.get(i));
        }
        try {
            return builder.build().verify(signature.hashChainResult().orElseThrow()).unverifiedDataRefs();
        } catch (XRoadException e) {
            throw e.withPrefix(ErrorCode.MALFORMED_SIGNATURE);
        }
    }

    private static X509Certificate signingCertificate(XadesSignature xades) {
        X509Certificate certificate = xades.signingCertificate().orElseThrow(() ->
                XadesSignature.malformed("Signature does not contain signing certificate"));
        boolean signing;
        try {
            signing = CertUsage.isSigningCert(certificate);
        } catch (XRoadException noKeyUsage) {
            signing = false;
        }
        if (!signing) {
            throw XadesSignature.malformed("Certificate " + certificate.getSubjectX500Principal().getName()
                    + " is not a signing certificate");
        }
        var digest = xades.properties().signingCertificateDigest().orElseThrow(() ->
                XadesSignature.malformed("signature has no xades:SigningCertificate"));
        if (!digest.matches(certificate)) {
            throw XadesSignature.malformed("xades:SigningCertificate does not match the certificate in KeyInfo");
        }
        return certificate;
    }

    private MemberId signerOf(X509Certificate certificate, ClientId expected) {
        CertificateProfile profile = profiles.apply(certificate).orElseThrow(() -> SubjectName.incorrect(
                "no certificate profile for the CA of " + certificate.getIssuerX500Principal().getName()));
        MemberId signer = profile.signerOf(certificate, expected);
        if (!signer.equals(expected.member())) {
            throw SubjectName.incorrect("Name in certificate (" + signer + ") does not match name in message ("
                    + expected + ")");
        }
        return signer;
    }

    private void verifyXmlSignature(XadesSignature xades, X509Certificate certificate, SignatureData signature,
                                    MessageParts message, Map<String, Digest> unverified) {
        String method = xades.signatureMethod();
        SignatureAlgorithm algorithm = SignatureAlgorithm.byUri(method).orElseThrow(() ->
                XadesSignature.malformed("unsupported signature method '" + method + "'"));
        String certKey = SignatureAlgorithm.normalizeKeyAlgorithm(certificate.getPublicKey().getAlgorithm());
        if (!algorithm.keyAlgorithm().equals(certKey)) {
            throw XadesSignature.malformed(method + " does not fit the " + certKey + " signing certificate");
        }
        XMLSignatureFactory fac = XMLSignatureFactory.getInstance("DOM");
        var documents = new HashMap<String, byte[]>();
        documents.put(HashChainFiles.MESSAGE, message.message());
        signature.hashChainResult().ifPresent(r -> documents.put(HashChainFiles.SIGNATURE.resultName(), r));
        var context = new DOMValidateContext(KeySelector.singletonKeySelector(certificate.getPublicKey()),
                xades.signatureElement());
        context.setIdAttributeNS(xades.properties().signedProperties(), null, "Id");
        context.setURIDereferencer(XadesWriter.documentDereferencer(fac.getURIDereferencer(), documents));
        XMLSignature xml;
        try {
            xml = fac.unmarshalXMLSignature(context);
        } catch (MarshalException e) {
            throw XadesSignature.malformed("ds:Signature cannot be read: " + e.getMessage());
        }
        try {
            if (!xml.getSignatureValue().validate(context)) {
                throw invalid("Signature is not valid");
            }
            for (Object o : xml.getSignedInfo().getReferences()) {
                Reference ref = (Reference) o;
                var attachment = ATTACHMENT.matcher(ref.getURI());
                if (attachment.matches()) {
                    checkAttachment(ref, Integer.parseInt(attachment.group(1)), message, unverified);
                } else if (!ref.validate(context)) {
                    throw invalid("the digest of " + ref.getURI() + " does not match the signature");
                }
            }
        } catch (XMLSignatureException e) {
            throw invalid("the signature cannot be checked: " + e.getMessage());
        }
    }

    /** Attachments are known by digest only, so their references are compared here, not re-digested. */
    private void checkAttachment(Reference ref, int n, MessageParts message, Map<String, Digest> unverified) {
        String method = ref.getDigestMethod().getAlgorithm();
        DigestAlgorithm algorithm = DigestAlgorithm.byUri(method).orElseThrow(() ->
                XadesSignature.malformed("unsupported digest method " + method + " for " + ref.getURI()));
        if (n > message.attachments().size()) {
            unverified.put(ref.getURI(), new Digest(algorithm, ref.getDigestValue()));
            return;
        }
        Digest given = message.attachments().get(n - 1);
        if (given.algorithm() != algorithm) {
            throw XadesSignature.malformed("the signature digests " + ref.getURI() + " with "
                    + algorithm.jcaName() + ", the attachment is known by its " + given.algorithm().jcaName());
        }
        if (!given.matches(algorithm, ref.getDigestValue())) {
            throw invalid("the digest of " + ref.getURI() + " does not match the signature");
        }
    }

    private static XRoadException invalid(String message) {
        return new XRoadException(ErrorCode.INVALID_SIGNATURE_VALUE, message);
    }

    /** Collects the profile lookup, the certificate check and the evidence options. */
    public static final class Builder {
        private Function<X509Certificate, Optional<CertificateProfile>> profiles;
        private SignerCertificateCheck certificateCheck;
        private Optional<Function<String, Optional<byte[]>>> evidenceFiles = Optional.empty();

        private Builder() {
        }

        /**
         * Finds the certificate profile of a signing certificate's CA (from global configuration: the
         * approved CA that issued it and its {@code certificateProfileInfo}, see {@link CertificateProfiles}).
         */
        public Builder profiles(Function<X509Certificate, Optional<CertificateProfile>> profiles) {
            this.profiles = Objects.requireNonNull(profiles, "profiles");
            return this;
        }

        /** Checks the signing certificate's chain and OCSP status (required; the PKI package provides it). */
        public Builder certificateCheck(SignerCertificateCheck check) {
            this.certificateCheck = Objects.requireNonNull(check, "check");
            return this;
        }

        /**
         * Evidence mode, for signatures in an evidence container rather than live traffic: hash chain data
         * references that are neither the message nor a given attachment are resolved from {@code files}
         * (the container's entries by path, such as {@code /messageX.xml}), and attachments the caller does
         * not have are accepted at the digest the signature or hash chain states and reported in
         * {@link VerifiedSignature#unverifiedParts()}. Off by default: live traffic has every part.
         */
        public Builder evidence(Function<String, Optional<byte[]>> files) {
            this.evidenceFiles = Optional.of(Objects.requireNonNull(files, "files"));
            return this;
        }

        public SignatureVerifier build() {
            Objects.requireNonNull(profiles, "profiles are required");
            Objects.requireNonNull(certificateCheck, "certificateCheck is required");
            return new SignatureVerifier(this);
        }
    }
}
