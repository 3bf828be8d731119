package org.sild.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sild.core.conformance.HashChainConformanceTest.Containers;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.hashchain.Digest;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.OcspNextUpdate;
import org.sild.core.globalconf.SharedParametersIndex;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.XRoadIds;
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
import org.sild.core.signature.XadesSignature;
import org.sild.core.xml.SafeXml;
import org.sild.testing.Vectors;

/**
 * The signatures of X-Road's test evidence containers (README-vectors section C) and the message log's
 * sample signature, verified as X-Road's ASiC verifier does: signer from {@code message.xml}, files from
 * the container, signing certificate profile from the CA's entry in the trust base.
 *
 * <p>Trust base: {@code globalconf_good2_v3} names FiVRK as the profile of "Test CA", which issued the 2024
 * containers' certificates. The 2014 containers were signed by EJBCA's sample CA, whose subjects carry only
 * a CN; X-Road's test global configurations give such CAs X-Road's test profile
 * ({@code TestCertificateProfileInfoProvider}: class BUSINESS, code = CN), which is registered here. The
 * chain and OCSP step is the PKI package's: here it records what the signature hands it, at the signing
 * time.
 */
class SignatureConformanceTest {

    private static final String TEST_PROFILE =
            "ee.ria.xroad.common.certificateprofile.impl.TestCertificateProfileInfoProvider";
    private static final String GLOBALCONF = "src/lib/globalconf-core/src/test/resources/globalconf_good2_v3";
    private static final X500Principal EJBCA_SAMPLE_CA = new X500Principal("C=SE,O=EJBCA Sample,CN=AdminCA1");
    private static final AtomicInteger EXERCISED = new AtomicInteger();
    private static final AtomicInteger PKI_CHECKED = new AtomicInteger();

    private final List<SignerEvidence> evidence = new ArrayList<>();

    @AfterAll
    static void report() {
        Vectors.report("message signatures", EXERCISED.get());
        Vectors.report("message signatures with the chain and OCSP checked at signing time", PKI_CHECKED.get());
    }

    static Stream<Arguments> containers() {
        return Stream.of(
                Arguments.of("valid-signed-message", false, List.of()),
                Arguments.of("valid-signed-hashchain", false, List.of()),
                // The unpacked source of valid-batch-ts is the 2014 version, whose message.xml was edited
                // after signing: the signature value verifies, the /message.xml digest does not. X-Road tests
                // the packed 2024 container (below), which verifies.
                Arguments.of("valid-batch-ts", false, List.of(ErrorCode.INVALID_SIGNATURE_VALUE)),
                Arguments.of("invalid-not-signed-hashchain", false, List.of()),
                Arguments.of("wrong-message", false, List.of(ErrorCode.INVALID_SIGNATURE_VALUE)),
                Arguments.of("invalid-digest", false, List.of(ErrorCode.INVALID_SIGNATURE_VALUE)),
                Arguments.of("invalid-signed-hashchain", false,
                        List.of(ErrorCode.MALFORMED_SIGNATURE, ErrorCode.INVALID_HASH_CHAIN_REF)),
                Arguments.of("invalid-hashchain-modified-message", false,
                        List.of(ErrorCode.MALFORMED_SIGNATURE, ErrorCode.HASH_CHAIN_UNUSED_INPUTS)),
                Arguments.of("invalid-incorrect-references", false, List.of(ErrorCode.MALFORMED_SIGNATURE)),
                // The packed containers: the newer valid-batch-ts and the "non-batch" shapes of 2024.
                Arguments.of("valid-batch-ts", true, List.of()),
                Arguments.of("valid-non-batch-rest", true, List.of()),
                Arguments.of("valid-non-batch-soap-attachments", true, List.of()));
    }

    @ParameterizedTest(name = "{0} (packed: {1}) -> {2}")
    @MethodSource("containers")
    void containerSignatures(String name, boolean packed, List<ErrorCode> expected) {
        Map<String, byte[]> container = packed ? Containers.zipped(name) : Containers.unpacked(name);
        byte[] message = container.get("/message.xml");
        SignatureData data = signatureData(container);
        ClientId signer = signerOf(message);
        Instant at = XadesSignature.parse(data.signatureXml()).signingTime().orElseThrow();
        MessageParts parts = new MessageParts(message, attachments(container));

        if (expected.isEmpty()) {
            VerifiedSignature v = verifier(container).verify(data, parts, signer, at);
            assertThat(v.signer()).isEqualTo(signer.member());
            assertThat(evidence).singleElement().satisfies(e -> {
                assertThat(e.signingCertificate()).isEqualTo(v.signingCertificate());
                assertThat(e.ocspResponses()).isNotEmpty();
                assertThat(e.verificationTime()).isEqualTo(at);
            });
        } else {
            assertThatThrownBy(() -> verifier(container).verify(data, parts, signer, at))
                    .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                            .isEqualTo(FaultCode.of(expected.toArray(ErrorCode[]::new))));
            assertThat(evidence).isEmpty();
        }
        EXERCISED.incrementAndGet();
    }

    @Test
    void embeddingATimeStampKeepsAnXRoadSignatureValid() {
        Map<String, byte[]> container = Containers.zipped("valid-batch-ts");
        byte[] message = container.get("/message.xml");
        XadesSignature original = XadesSignature.parse(container.get("/META-INF/signatures.xml"));
        assertThat(original.timeStamp()).isEmpty();
        byte[] token = Containers.zipped("valid-batch-ts").get("/META-INF/timestamp.tst");
        byte[] stamped = original.withSignatureTimeStamp(token);
        VerifiedSignature v = verifier(container).verify(SignatureData.of(stamped), MessageParts.of(message),
                signerOf(message), original.signingTime().orElseThrow());
        assertThat(v.signature().timeStamp()).hasValueSatisfying(t -> assertThat(t).isEqualTo(token));
        EXERCISED.incrementAndGet();
    }

    @Test
    void theMessageLogSampleSignatureDoesNotCoverSimpleQuery() {
        String dir = "src/addons/messagelog/messagelog-addon/src/test/resources/";
        byte[] signature = Vectors.bytes(dir + "signature.xml");
        byte[] message = Vectors.bytes(dir + "simple.query");
        XadesSignature parsed = XadesSignature.parse(signature);
        // The first-generation time-stamp: the token directly inside SignatureTimeStamp.
        assertThat(parsed.timeStamp()).hasValueSatisfying(t -> assertThat(t[0]).isEqualTo((byte) 0x30));
        Instant at = parsed.signingTime().orElseThrow();
        // The signature value verifies; only the reference to /message.xml fails: simple.query was edited
        // after this signature was made (its SHA-512 is not the signed digest).
        assertThatThrownBy(() -> verifier(Map.of()).verify(SignatureData.of(signature), MessageParts.of(message),
                signerOf(message), at))
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_SIGNATURE_VALUE)))
                .hasMessageContaining("the digest of /message.xml");
        EXERCISED.incrementAndGet();
    }

    private SignatureVerifier verifier(Map<String, byte[]> container) {
        SharedParametersIndex trust = trustBase();
        CertificateProfiles profiles = CertificateProfiles.standard().with(TEST_PROFILE, testProfile());
        return SignatureVerifier.builder()
                .profiles(cert -> profileOf(trust, cert).flatMap(profiles::byClassName))
                .certificateCheck(e -> {
                    evidence.add(e);
                    pkiCheck(trust, e);
                })
                .evidence(uri -> Optional.ofNullable(container.get(uri)))
                .build();
    }

    /**
     * The PKI step at the signing time, with the trust the production code derives from global configuration:
     * the 2024 containers against the approved CA of {@code globalconf_good2_v3} and its OCSP responder. The
     * 2014 EJBCA sample CA is in no trust base shipped with the vectors; its step is only recorded.
     */
    private static void pkiCheck(SharedParametersIndex trust, SignerEvidence e) {
        if (trust.issuerCert(e.signingCertificate()).isEmpty()) {
            return;
        }
        new CertChainVerifier(trust.trustAnchors(true)).verify(e.signingCertificate(), e.extraCertificates(),
                e.ocspResponses().stream().map(OcspResponse::parse).toList(),
                new OcspVerifier(trust.ocspTrust(OcspNextUpdate.defaults())), e.verificationTime());
        PKI_CHECKED.incrementAndGet();
    }

    /** The profile named in global configuration, or X-Road's test profile for the 2014 sample CA. */
    private static Optional<String> profileOf(SharedParametersIndex trust, X509Certificate cert) {
        return trust.certificateProfileInfo(cert).or(() -> EJBCA_SAMPLE_CA.equals(cert.getIssuerX500Principal())
                ? Optional.of(TEST_PROFILE) : Optional.empty());
    }

    /** X-Road's test profile: the instance of the expected signer, class BUSINESS, member code = CN. */
    private static CertificateProfile testProfile() {
        return (certificate, expected) -> {
            X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            String cn = IETFUtils.valueToString(name.getRDNs(BCStyle.CN)[0].getFirst().getValue());
            return new MemberId(expected.instance(), "BUSINESS", cn);
        };
    }

    /** The shared parameters of {@code globalconf_good2_v3}, read by the production global configuration code. */
    private static SharedParametersIndex trustBase() {
        var conf = StoredGlobalConf.load(Vectors.file(GLOBALCONF));
        var index = new SharedParametersIndex(conf.sharedParameters(conf.ownInstance()).orElseThrow());
        assertThat(index.parameters().approvedCas()).extracting(ApprovedCa::certificateProfileInfo)
                .contains("ee.ria.xroad.common.certificateprofile.impl.FiVRKCertificateProfileInfoProvider");
        return index;
    }

    private static SignatureData signatureData(Map<String, byte[]> container) {
        byte[] xml = container.get("/META-INF/signatures.xml");
        byte[] result = container.get("/sig-hashchainresult.xml");
        byte[] chain = container.get("/sig-hashchain.xml");
        return result != null && chain != null ? SignatureData.batch(xml, result, chain) : SignatureData.of(xml);
    }

    /** Attachments present in the container, by digest (as X-Road's ASiC verifier reads them). */
    private static List<Digest> attachments(Map<String, byte[]> container) {
        var out = new ArrayList<Digest>();
        for (int n = 1; container.containsKey("/attachment" + n); n++) {
            out.add(Digest.of(DigestAlgorithm.SHA512, container.get("/attachment" + n)));
        }
        return out;
    }

    /**
     * The expected signer, from the message as X-Road's ASiC verifier finds it: a SOAP request's client, a SOAP
     * response's service provider; a REST request's X-Road-Client, a REST response's X-Road-Service client.
     */
    static ClientId signerOf(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        return text.stripLeading().startsWith("<") ? soapSigner(message) : restSigner(text);
    }

    private static ClientId soapSigner(byte[] message) {
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(message));
            ClientId client = null;
            ServiceId service = null;
            boolean inBody = false;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (inBody) {
                    boolean response = r.getLocalName().endsWith("Response");
                    return response ? service.provider() : client;
                }
                if (IdentifierXml.XROAD_NAMESPACE.equals(r.getNamespaceURI()) && r.getLocalName().equals("client")) {
                    client = IdentifierXml.read(r, ClientId.class);
                } else if (IdentifierXml.XROAD_NAMESPACE.equals(r.getNamespaceURI())
                        && r.getLocalName().equals("service")) {
                    service = IdentifierXml.read(r, ServiceId.class);
                } else if (r.getLocalName().equals("Body")) {
                    inBody = true;
                }
            }
            throw new IllegalStateException("SOAP message has no body");
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClientId restSigner(String text) {
        String[] lines = text.split("\r\n");
        boolean response = Character.isDigit(lines[0].charAt(0));
        String header = response ? "x-road-service:" : "x-road-client:";
        for (String line : lines) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith(header)) {
                String value = line.substring(header.length()).strip();
                return response ? XRoadIds.parseServicePath(value).provider() : XRoadIds.parseClientPath(value);
            }
        }
        throw new IllegalStateException("REST header part has no " + header);
    }
}
