package org.sild.core.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.hashchain.Digest;
import org.sild.core.id.MemberId;
import org.sild.core.xml.SafeXml;
import org.sild.testing.KeyType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SignatureVerifierTest extends SignatureTestSupport {

    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String XADES = "http://uri.etsi.org/01903/v1.3.2#";

    private final byte[] message = soap("verifier");
    private final TestCredentials.Credential credential = TestCredentials.rsa();
    private final SignatureData signed = signer(credential, SignatureAlgorithm.RSA_SHA512)
            .sign(MessageParts.of(message));

    private void verify(SignatureData data) {
        verifier().verify(data, MessageParts.of(message), SIGNER, SIGNING_TIME);
    }

    private static byte[] edit(byte[] xml, Consumer<Document> change) {
        try {
            Document doc = SafeXml.documentBuilder().parse(new ByteArrayInputStream(xml));
            change.accept(doc);
            var out = new ByteArrayOutputStream();
            SafeXml.transformerFactory().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element first(Document doc, String ns, String name) {
        return (Element) doc.getElementsByTagNameNS(ns, name).item(0);
    }

    private SignatureData edited(Consumer<Document> change) {
        return SignatureData.of(edit(signed.signatureXml(), change));
    }

    @Test
    void acceptsTheSignatureAndIgnoresTheSubsystem() {
        VerifiedSignature v = verifier().verify(signed, MessageParts.of(message), SIGNER.member(), SIGNING_TIME);
        assertThat(v.signer()).isEqualTo(new MemberId("EE", "COM", "1234"));
        assertThat(v.unverifiedParts()).isEmpty();
        assertThat(v.signature().references("/message.xml")).isTrue();
    }

    @Test
    void refusesDocumentsThatAreNotSignatures() {
        for (String xml : List.of("not xml", "<a/>", "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>",
                "<asic:XAdESSignatures xmlns:asic='http://uri.etsi.org/02918/v1.2.1#'/>")) {
            assertFault(() -> verify(SignatureData.of(xml.getBytes(StandardCharsets.UTF_8))),
                    ErrorCode.MALFORMED_SIGNATURE);
        }
        assertFault(() -> verify(SignatureData.of(new byte[XadesSignature.MAX_BYTES + 1])),
                ErrorCode.MALFORMED_SIGNATURE).hasMessageContaining("larger");
    }

    @Test
    void refusesTwoSignaturesInOneWrapperAndDuplicateIds() {
        assertFault(() -> verify(edited(doc -> {
            Element sig = first(doc, DS, "Signature");
            sig.getParentNode().appendChild(sig.cloneNode(true));
        })), ErrorCode.MALFORMED_SIGNATURE).hasMessageContaining("exactly one");
        assertFault(() -> verify(edited(doc -> first(doc, XADES, "EncapsulatedOCSPValue")
                .setAttribute("Id", "signed-properties"))), ErrorCode.MALFORMED_SIGNATURE)
                .hasMessageContaining("more than once");
    }

    @Test
    void refusesUnknownAndMissingReferences() {
        assertFault(() -> verify(edited(doc -> first(doc, DS, "Reference").setAttribute("URI", "/foobar.xml"))),
                ErrorCode.MALFORMED_SIGNATURE).hasMessageContaining("/foobar.xml");
        assertFault(() -> verify(edited(doc -> {
            Element ref = (Element) doc.getElementsByTagNameNS(DS, "Reference").item(1);
            ref.getParentNode().removeChild(ref);
        })), ErrorCode.MALFORMED_SIGNATURE).hasMessageContaining("SignedProperties");
        assertFault(() -> verify(edited(doc -> first(doc, DS, "Reference")
                .setAttribute("URI", "/sig-hashchainresult.xml"))), ErrorCode.MALFORMED_SIGNATURE)
                .hasMessageContaining("no hash chain");
        assertFault(() -> verify(edited(doc -> first(doc, DS, "Reference").setAttribute("URI", "/attachment1"))),
                ErrorCode.MALFORMED_SIGNATURE).hasMessageContaining("/message.xml");
    }

    @Test
    void attachmentsMustBeCoveredBySignature() {
        var withAttachment = new MessageParts(message, List.of(Digest.of(DigestAlgorithm.SHA512, new byte[] {1})));
        assertFault(() -> verifier().verify(signed, withAttachment, SIGNER, SIGNING_TIME),
                ErrorCode.MALFORMED_SIGNATURE).hasMessageContaining("attachment 1 is not covered");
    }

    @Test
    void theSigningCertificateMustBeThereAndBeASigningCertificate() {
        assertFault(() -> verify(edited(doc -> {
            Element keyInfo = first(doc, DS, "KeyInfo");
            keyInfo.getParentNode().removeChild(keyInfo);
        })), ErrorCode.MALFORMED_SIGNATURE).hasMessageContaining("signing certificate");

        TestCredentials.Credential auth = TestCredentials.withSubject(KeyType.RSA_2048, "C=EE,O=COM,CN=1234", false);
        SignatureData byAuthCert = signer(auth, SignatureAlgorithm.RSA_SHA512).sign(MessageParts.of(message));
        assertFault(() -> verify(byAuthCert), ErrorCode.MALFORMED_SIGNATURE)
                .hasMessageContaining("not a signing certificate");
    }

    @Test
    void keyInfoMustHoldTheSignedSigningCertificate() {
        // Another certificate for the same key: the signature value still verifies, the signed digest does not.
        TestCredentials.Credential twin = TestCredentials.twin(credential);
        String twinBase64 = Base64.getEncoder().encodeToString(encoded(twin));
        assertFault(() -> verify(edited(doc -> first(doc, DS, "X509Certificate").setTextContent(twinBase64))),
                ErrorCode.MALFORMED_SIGNATURE).hasMessageContaining("SigningCertificate");
    }

    @Test
    void theCertificateMustNameTheExpectedMember() {
        assertFault(() -> verifier().verify(signed, MessageParts.of(message), new MemberId("EE", "COM", "9999"),
                SIGNING_TIME), ErrorCode.INCORRECT_CERTIFICATE).hasMessageContaining("EE/COM/9999");
        var noProfile = SignatureVerifier.builder().profiles(cert -> Optional.empty())
                .certificateCheck(evidence::add).build();
        assertFault(() -> noProfile.verify(signed, MessageParts.of(message), SIGNER, SIGNING_TIME),
                ErrorCode.INCORRECT_CERTIFICATE).hasMessageContaining("no certificate profile");
        var basic = SignatureVerifier.builder()
                .profiles(cert -> CertificateProfiles.standard()
                        .byClassName("ee.ria.xroad.common.certificateprofile.impl.BasicCertificateProfileInfoProvider"))
                .certificateCheck(evidence::add).build();
        assertFault(() -> basic.verify(signed, MessageParts.of(message), SIGNER, SIGNING_TIME),
                ErrorCode.INCORRECT_CERTIFICATE).hasMessageContaining("business category");
        assertThat(evidence).isEmpty();
    }

    @Test
    void refusesUnsupportedSignatureMethods() {
        assertFault(() -> verify(edited(doc -> first(doc, DS, "SignatureMethod")
                .setAttribute("Algorithm", "http://www.w3.org/2000/09/xmldsig#rsa-sha1"))),
                ErrorCode.MALFORMED_SIGNATURE).hasMessageContaining("rsa-sha1");
    }

    @Test
    void ocspResponsesMustBePresentAndTheCertificateCheckDecides() {
        MessageSigner noOcsp = MessageSigner.builder().signingKey(credential.signingKey())
                .certificate(credential.certificate()).extraCertificates(List.of(TestCredentials.INTERMEDIATE)).build();
        assertFault(() -> verify(noOcsp.sign(MessageParts.of(message))), ErrorCode.MALFORMED_SIGNATURE)
                .hasMessageContaining("OCSP");

        var revoked = SignatureVerifier.builder().profiles(cert -> Optional.of(CertificateProfiles.ejbca()))
                .certificateCheck(e -> {
                    throw new XRoadException(ErrorCode.CERT_VALIDATION, "OCSP response indicates certificate status is REVOKED");
                }).build();
        assertFault(() -> revoked.verify(signed, MessageParts.of(message), SIGNER, SIGNING_TIME),
                ErrorCode.CERT_VALIDATION).hasMessageContaining("REVOKED");
    }

    @Test
    void thePkiCheckRefusesRevokedCertificatesStaleOcspAndExpiredCertificates() {
        MessageSigner revoked = MessageSigner.builder().signingKey(credential.signingKey())
                .certificate(credential.certificate()).extraCertificates(List.of(TestCredentials.INTERMEDIATE))
                .ocspResponses(List.of(
                        TestCredentials.PKI.ocsp(credential.certificate()).revoked(TestCredentials.NOW).build(),
                        TestCredentials.PKI.ocsp(TestCredentials.INTERMEDIATE).build()))
                .build();
        assertFault(() -> verify(revoked.sign(MessageParts.of(message))),
                ErrorCode.INVALID_CERT_PATH, ErrorCode.CERT_VALIDATION).hasMessageContaining("REVOKED");
        // The OCSP responses are from NOW; two hours later they are older than the freshness limit.
        assertFault(() -> verifier().verify(signed, MessageParts.of(message), SIGNER,
                TestCredentials.NOW.plus(java.time.Duration.ofHours(2))),
                ErrorCode.INVALID_CERT_PATH, ErrorCode.INCORRECT_VALIDATION_INFO);
        assertFault(() -> verifier().verify(signed, MessageParts.of(message), SIGNER,
                TestCredentials.NOW.plus(java.time.Duration.ofDays(400))), ErrorCode.CERT_VALIDITY_TIME);
    }

    @Test
    void acceptsTheTimeStampTheMessageLogInserts() {
        byte[] token = {0x30, 0x03, 0x02, 0x01, 0x05};
        SignatureData stamped = edited(doc -> {
            Element props = first(doc, XADES, "UnsignedSignatureProperties");
            Element ts = doc.createElementNS(XADES, "xades:SignatureTimeStamp");
            Element encapsulated = doc.createElementNS(XADES, "xades:EncapsulatedTimeStamp");
            encapsulated.setTextContent(Base64.getEncoder().encodeToString(token));
            ts.appendChild(encapsulated);
            props.insertBefore(ts, props.getFirstChild());
        });
        VerifiedSignature v = verifier().verify(stamped, MessageParts.of(message), SIGNER, SIGNING_TIME);
        assertThat(v.signature().timeStamp()).hasValueSatisfying(t -> assertThat(t).isEqualTo(token));
        assertThat(XadesSignature.parse(signed.signatureXml()).timeStamp()).isEmpty();

        // The same insertion through the API the message log uses.
        byte[] withTimeStamp = XadesSignature.parse(signed.signatureXml()).withSignatureTimeStamp(token);
        assertThat(new String(withTimeStamp, StandardCharsets.UTF_8)).contains(
                "<xades:UnsignedSignatureProperties><xades:SignatureTimeStamp><xades:EncapsulatedTimeStamp>"
                        + Base64.getEncoder().encodeToString(token) + "</xades:EncapsulatedTimeStamp>");
        VerifiedSignature again = verifier().verify(SignatureData.of(withTimeStamp), MessageParts.of(message),
                SIGNER, SIGNING_TIME);
        assertThat(again.signature().timeStamp()).hasValueSatisfying(t -> assertThat(t).isEqualTo(token));
        assertFault(() -> XadesSignature.parse(withTimeStamp).withSignatureTimeStamp(token),
                ErrorCode.MALFORMED_SIGNATURE).hasMessageContaining("already");
    }

    @Test
    void evidenceModeAcceptsMissingAttachmentsAsUnverified() {
        var parts = new MessageParts(message, List.of(Digest.of(DigestAlgorithm.SHA512, new byte[] {7}),
                Digest.of(DigestAlgorithm.SHA512, new byte[] {8})));
        SignatureData data = signer(credential, SignatureAlgorithm.RSA_SHA512).sign(parts);
        var lenient = SignatureVerifier.builder().profiles(cert -> Optional.of(CertificateProfiles.ejbca()))
                .certificateCheck(evidence::add).evidence(uri -> Optional.empty()).build();
        VerifiedSignature v = lenient.verify(data, MessageParts.of(message), SIGNER, SIGNING_TIME);
        assertThat(v.unverifiedParts()).containsOnlyKeys("/attachment1", "/attachment2")
                .containsEntry("/attachment2", Digest.of(DigestAlgorithm.SHA512, new byte[] {8}));
        assertFault(() -> verifier().verify(data, MessageParts.of(message), SIGNER, SIGNING_TIME),
                ErrorCode.MALFORMED_SIGNATURE, ErrorCode.INVALID_REFERENCE);
    }

    @Test
    void exposesWhatTheTimeStampingAndEvidenceToolsNeed() {
        XadesSignature parsed = XadesSignature.parse(signed.signatureXml());
        assertThat(parsed.signingCertificate()).contains(credential.certificate());
        assertThat(parsed.signingTime()).contains(SIGNING_TIME);
        assertThat(parsed.signatureValue()).hasSize(256);
        assertThat(parsed.extraCertificates()).containsExactly(TestCredentials.INTERMEDIATE);
        assertThat(parsed.ocspResponses()).hasSize(2);
        assertThat(parsed.xml()).isEqualTo(signed.signatureXml());
        assertThatThrownBy(() -> parsed.dataReferences().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static byte[] encoded(TestCredentials.Credential c) {
        try {
            return c.certificate().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
