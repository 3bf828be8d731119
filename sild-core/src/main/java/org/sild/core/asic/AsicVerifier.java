package org.sild.core.asic;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.globalconf.SharedParametersIndex;
import org.sild.core.hashchain.Digest;
import org.sild.core.hashchain.HashChainFiles;
import org.sild.core.hashchain.HashChainVerifier;
import org.sild.core.id.ClientId;
import org.sild.core.pki.CertChainVerifier;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspVerifier;
import org.sild.core.pki.TimeStampVerifier;
import org.sild.core.pki.VerifiedTimeStamp;
import org.sild.core.signature.CertificateProfiles;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.SignatureData;
import org.sild.core.signature.SignatureVerifier;
import org.sild.core.signature.SignerEvidence;
import org.sild.core.signature.VerifiedSignature;
import org.sild.core.signature.XadesSignature;

/**
 * Verifies ASiC-E evidence containers as X-Road's {@code AsicContainerVerifier} does (digest 05 §4):
 * <ol>
 * <li>read and structure-check the container;</li>
 * <li>the expected signer from {@code message.xml}: a SOAP request's client, a SOAP response's service
 *     provider, a REST request's {@code X-Road-Client}, a REST response's {@code X-Road-Service} provider
 *     (checked at member level);</li>
 * <li>the signature references {@code /message.xml} or {@code /sig-hashchainresult.xml}
 *     ({@code MalformedSignature});</li>
 * <li>the time-stamp: {@code META-INF/timestamp.tst} if present, else the one embedded in the signature;
 *     it stamps {@code ts-hashchainresult.xml} (whose hash chain must lead to
 *     {@code /META-INF/signatures.xml}) or else the raw signature value; its signer must be an approved TSA.
 *     Its time is the verification time;</li>
 * <li>the signature ({@link SignatureVerifier} in evidence mode): certificate, signer name through the CA's
 *     certificate profile, value and references (entries of the container; attachments not in the file are
 *     accepted at their stated digest and reported), signature hash chain, chain to an approved CA and OCSP
 *     from the signature fresh at the time-stamp's time.</li>
 * </ol>
 * A signature hash chain that the signature does not reference is not checked, as in X-Road
 * ({@code invalid-not-signed-hashchain.asice} passes there and here).
 *
 * <p>Immutable and thread-safe.
 */
public final class AsicVerifier {

    private static final String SIGNATURE_REF = "/" + AsicEntries.SIGNATURE;

    private static final Pattern CHAIN_PROLOG = Pattern.compile(
            "(<\\?xml version=\"1\\.0\" encoding=\"UTF-8\"( standalone=\"(yes|no)\")?\\?>\\s*)?<[A-Za-z]");

    private final VerificationConf conf;
    private final CertificateProfiles profiles;
    private final AsicLimits limits;

    /** A verifier over {@code conf} with the standard certificate profiles and {@link AsicLimits#DEFAULT}. */
    public AsicVerifier(VerificationConf conf) {
        this(conf, CertificateProfiles.standard(), AsicLimits.DEFAULT);
    }

    /** A verifier with its own certificate profiles and read limits. */
    public AsicVerifier(VerificationConf conf, CertificateProfiles profiles, AsicLimits limits) {
        this.conf = Objects.requireNonNull(conf, "conf");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Verifies the container file bytes. */
    public AsicVerification verify(byte[] container) {
        return verify(new ByteArrayInputStream(container));
    }

    /** Verifies a container read from {@code in} (not closed); never throws for a bad container. */
    public AsicVerification verify(InputStream in) {
        try {
            return AsicVerification.valid(check(AsicEntries.read(in, limits)));
        } catch (XRoadException e) {
            return AsicVerification.invalid(e);
        } catch (RuntimeException e) {
            return AsicVerification.invalid(new XRoadException(ErrorCode.MALFORMED_SIGNATURE,
                    "cannot verify the container: " + e.getMessage(), e));
        }
    }

    private AsicVerification.Checked check(AsicEntries entries) {
        byte[] message = entries.get(AsicEntries.MESSAGE).orElseThrow();
        ClientId signer = ExpectedSigner.of(message);
        byte[] signatureXml = entries.get(AsicEntries.SIGNATURE).orElseThrow();
        XadesSignature xades = XadesSignature.parse(signatureXml);
        boolean hashChainSigned = ExpectedSigner.requireMessageReference(signatureXml);

        boolean batch = entries.get(AsicEntries.TS_HASH_CHAIN_RESULT).isPresent();
        Optional<byte[]> tokenFile = entries.get(AsicEntries.TIMESTAMP);
        byte[] token = tokenFile.or(xades::timeStamp).orElseThrow(() ->
                new XRoadException(ErrorCode.ASIC_TIMESTAMP_NOT_FOUND, "the container has no "
                        + AsicEntries.TIMESTAMP + " and the signature embeds no time-stamp"));
        VerifiedTimeStamp ts = verifyTimeStamp(entries, token, xades, batch);

        Optional<byte[]> sigResult = entries.get(AsicEntries.SIG_HASH_CHAIN_RESULT);
        SignatureData signature = sigResult.isPresent()
                ? SignatureData.batch(signatureXml, sigResult.get(), entries.get(AsicEntries.SIG_HASH_CHAIN).orElseThrow())
                : SignatureData.of(signatureXml);
        List<Digest> attachments = new ArrayList<>();
        entries.attachments().forEach(a -> attachments.add(Digest.of(DigestAlgorithm.SHA512, a)));
        SignatureVerifier verifier = SignatureVerifier.builder()
                .profiles(certificate -> conf.certificateProfileInfo(certificate).flatMap(profiles::byClassName))
                .certificateCheck(this::checkCertificate)
                .evidence(uri -> uri.startsWith("/") ? entries.get(uri) : Optional.empty())
                .build();
        VerifiedSignature verified = verifier.verify(signature, new MessageParts(message, attachments), signer,
                ts.genTime());

        OcspResponse ocsp = signerOcsp(verified);
        String tsaName = conf.approvedTsas().stream().filter(t -> t.cert().equals(ts.tsaCertificate()))
                .map(ApprovedTsa::name).findFirst()
                .orElse(ts.tsaCertificate().getSubjectX500Principal().getName());
        // Beyond X-Road: the bytes its procedure leaves unchecked (package-info).
        TokenCheck.check(token, ts.tsaCertificate(), trustBase(), tokenFile.isPresent() ? AsicEntries.TIMESTAMP
                : "the EncapsulatedTimeStamp of " + AsicEntries.SIGNATURE);
        checkCertificateCopies(xades);
        ManifestCheck.check(entries, hashChainSigned, batch);
        checkChainProlog(entries, AsicEntries.SIG_HASH_CHAIN);
        checkChainProlog(entries, AsicEntries.TS_HASH_CHAIN);
        if (hashChainSigned && sigResult.isPresent()) {
            checkStatedDigests(entries, sigResult.get());
        }

        var unverified = new ArrayList<String>();
        verified.unverifiedParts().forEach((uri, digest) -> unverified.add(uri));
        unverified.sort(null);
        return new AsicVerification.Checked(verified.signer(), verified.signingCertificate(), verified.signingTime(),
                ocsp.producedAt(), responder(ocsp), ts.genTime(), tsaName, ts.tsaCertificate(), batch, unverified);
    }

    private VerifiedTimeStamp verifyTimeStamp(AsicEntries entries, byte[] token, XadesSignature xades, boolean batch) {
        byte[] stamped;
        if (batch) {
            stamped = entries.get(AsicEntries.TS_HASH_CHAIN_RESULT).orElseThrow();
            try {
                HashChainVerifier.builder().resolver(entries::get).input(SIGNATURE_REF).build().verify(stamped);
            } catch (XRoadException e) {
                throw new XRoadException(ErrorCode.MALFORMED_SIGNATURE,
                        "Failed to verify time-stamp hash chain: " + e.getMessage(), e);
            }
        } else {
            stamped = xades.signatureValue();
        }
        try {
            return new TimeStampVerifier(conf.tsaCertificates()).verifyToken(token, stamped);
        } catch (XRoadException e) {
            String what = batch ? AsicEntries.TS_HASH_CHAIN_RESULT : "the signature value";
            throw new XRoadException(e.code(), "time-stamp over " + what + ": " + e.getMessage(), e);
        }
    }

    private void checkCertificate(SignerEvidence evidence) {
        String instance = evidence.signer().instance();
        SharedParametersIndex index = conf.instance(instance).orElseThrow(() -> new XRoadException(
                ErrorCode.CANNOT_CREATE_CERT_PATH, "the verification configuration has no instance " + instance));
        var pool = new ArrayList<X509Certificate>(evidence.extraCertificates());
        index.parameters().approvedCas().forEach(ca -> ca.allCas().forEach(info -> pool.add(info.cert())));
        new CertChainVerifier(index.trustAnchors(true)).verify(evidence.signingCertificate(), pool,
                evidence.ocspResponses().stream().map(OcspResponse::parse).toList(),
                new OcspVerifier(conf.ocspTrust(instance).orElseThrow()), evidence.verificationTime());
    }

    /**
     * The certificates the signature carries unsigned, in {@code CertificateValues} and inside its OCSP responses:
     * the chain and the responder are taken from the trust base, so a damaged copy would go unnoticed.
     */
    private void checkCertificateCopies(XadesSignature xades) {
        List<X509Certificate> trusted = trustBase();
        CertificateCopies.check(encoded(xades.extraCertificates()), trusted, what -> new XRoadException(
                ErrorCode.CERT_VALIDATION, "CertificateValues of " + AsicEntries.SIGNATURE + " " + what));
        List<byte[]> responses = xades.ocspResponses();
        for (int i = 0; i < responses.size(); i++) {
            String where = "OCSP response #" + (i + 1) + " of " + AsicEntries.SIGNATURE + " ";
            CertificateCopies.check(encoded(OcspResponse.parse(responses.get(i)).certificates()), trusted,
                    what -> new XRoadException(ErrorCode.CERT_VALIDATION, where + what));
        }
    }

    private static List<byte[]> encoded(List<X509Certificate> certificates) {
        var out = new ArrayList<byte[]>();
        for (X509Certificate c : certificates) {
            try {
                out.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new XRoadException(ErrorCode.CERT_VALIDATION, "a certificate of the signature cannot be encoded");
            }
        }
        return out;
    }

    /**
     * Hash chain documents are parsed, never digested whole: outside their elements only the XML declaration
     * X-Road writes may stand (with or without {@code standalone}), so that a changed byte there is found too.
     */
    private static void checkChainProlog(AsicEntries entries, String name) {
        entries.get(name).ifPresent(bytes -> {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            Matcher prolog = CHAIN_PROLOG.matcher(text);
            if (!prolog.lookingAt() || text.indexOf("<?", prolog.end()) >= 0) {
                throw new XRoadException(ErrorCode.MALFORMED_SIGNATURE, name + " does not start with the XML declaration"
                        + " X-Road writes, or has processing instructions: '"
                        + text.substring(0, Math.min(text.length(), 60)).replaceAll("\\s+", " ") + "'");
            }
        });
    }

    /**
     * The signature verification takes the attachments' digests as given, so the digests its hash chain
     * states for them are not compared; here every data reference of the chain is resolved from the container
     * and must match its stated digest (attachments the file lacks stay reported as unverified).
     */
    private static void checkStatedDigests(AsicEntries entries, byte[] sigResult) {
        try {
            HashChainVerifier.builder().resolver(entries::get)
                    .trustUnresolved(uri -> uri.startsWith("/" + AsicEntries.ATTACHMENT) && entries.get(uri).isEmpty())
                    .build().verify(sigResult);
        } catch (XRoadException e) {
            throw new XRoadException(e.code(), AsicEntries.SIG_HASH_CHAIN + ": " + e.getMessage(), e);
        }
    }

    /** The certificates a stored time-stamp token may carry: approved TSAs and approved CAs (top and intermediate). */
    private List<X509Certificate> trustBase() {
        var certificates = new ArrayList<X509Certificate>(conf.tsaCertificates());
        for (String instance : conf.instances()) {
            conf.instance(instance).orElseThrow().parameters().approvedCas()
                    .forEach(ca -> ca.allCas().forEach(info -> certificates.add(info.cert())));
        }
        return certificates;
    }

    private OcspResponse signerOcsp(VerifiedSignature verified) {
        X509Certificate cert = verified.signingCertificate();
        List<OcspResponse> responses = verified.ocspResponses().stream().map(OcspResponse::parse).toList();
        Optional<X509Certificate> issuer = conf.instance(verified.signer().instance())
                .flatMap(i -> i.issuerCert(cert));
        return issuer.flatMap(i -> OcspResponse.find(responses, cert, i)).orElse(responses.get(0));
    }

    private static String responder(OcspResponse ocsp) {
        return ocsp.responderName().map(p -> p.getName())
                .or(() -> ocsp.certificates().stream().findFirst().map(c -> c.getSubjectX500Principal().getName()))
                .orElse("responder by key hash");
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
