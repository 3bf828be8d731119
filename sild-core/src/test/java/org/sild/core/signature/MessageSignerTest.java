package org.sild.core.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.hashchain.Digest;
import org.sild.core.hashchain.HashChainFiles;
import org.sild.core.xml.SafeXml;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

class MessageSignerTest extends SignatureTestSupport {

    private static final List<SignatureAlgorithm> MAIN = List.of(
            SignatureAlgorithm.RSA_SHA512, SignatureAlgorithm.RSA_PSS_SHA512, SignatureAlgorithm.ECDSA_SHA512);

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void aSingleMessageSignatureVerifiesWithTheJdkAndWithSantuario(SignatureAlgorithm algorithm) {
        TestCredentials.Credential c = credentialFor(algorithm);
        byte[] message = soap("single");
        SignatureData data = signer(c, algorithm).sign(MessageParts.of(message));

        assertThat(data.hasHashChain()).isFalse();
        VerifiedSignature v = verifier().verify(data, MessageParts.of(message), SIGNER, SIGNING_TIME);
        assertThat(v.signer()).isEqualTo(SIGNER.member());
        assertThat(v.signingCertificate()).isEqualTo(c.certificate());
        assertThat(v.signingTime()).contains(SIGNING_TIME);
        assertThat(v.extraCertificates()).containsExactly(TestCredentials.INTERMEDIATE);
        assertThat(v.ocspResponses()).hasSize(2);
        assertThat(evidence).singleElement().satisfies(e -> {
            assertThat(e.signingCertificate()).isEqualTo(c.certificate());
            assertThat(e.verificationTime()).isEqualTo(SIGNING_TIME);
            assertThat(e.signer()).isEqualTo(SIGNER.member());
        });
        assertThat(SantuarioCheck.valid(data.signatureXml(), Map.of("/message.xml", message), c.certificate()))
                .isTrue();
    }

    @Test
    void theSignatureHasXRoadsXadesProfile() {
        SignatureData data = signer(SignatureAlgorithm.RSA_SHA512).sign(MessageParts.of(soap("profile")));
        String xml = new String(data.signatureXml(), StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>"
                        + "<asic:XAdESSignatures xmlns:asic=\"http://uri.etsi.org/02918/v1.2.1#\"")
                .contains("<ds:Signature Id=\"signature\"",
                        "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>",
                        "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha512\"/>",
                        "<ds:Reference Id=\"signature-reference-0\" URI=\"/message.xml\">",
                        "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha512\"/>",
                        "<ds:Reference Id=\"signature-reference-1\" "
                                + "Type=\"http://uri.etsi.org/01903#SignedProperties\" URI=\"#signed-properties\">",
                        "<ds:SignatureValue Id=\"signature-value\">",
                        "<xades:QualifyingProperties Target=\"#signature\">",
                        "<xades:SignedProperties Id=\"signed-properties\">",
                        "<xades:SigningTime>2025-03-01T10:15:30.123Z</xades:SigningTime>",
                        "<ds:X509IssuerName>" + TestCredentials.INTERMEDIATE.getSubjectX500Principal().getName()
                                + "</ds:X509IssuerName>",
                        "<xades:Identifier Qualifier=\"OIDAsURN\">urn:oid:1.3.6.1.4.1.3516.16.2</xades:Identifier>",
                        "<xades:Description>Profile for High Performance Digital Signatures (version 1.2)"
                                + "</xades:Description>",
                        "BuO0EDNfkxSVlUbxCzmQPzX1AUF1/xx9ytWHk3/6SAOePxQiniEfDYk+90QeYb3lWpV3Izhuz9fKaYyE+lTcXw==",
                        "<xades:SPURI>https://repo.cyber.ee/dsig-profile-1.2.pdf</xades:SPURI>",
                        "<xades:DataObjectFormat ObjectReference=\"#signature-reference-0\">"
                                + "<xades:MimeType>text/xml</xades:MimeType>",
                        "<xades:CompleteCertificateRefs Id=\"complete-certificate-refs\">",
                        "<xades:Cert URI=\"#encapsulated-cert-1\">",
                        "<xades:EncapsulatedX509Certificate Id=\"encapsulated-cert-1\">",
                        "<xades:EncapsulatedOCSPValue Id=\"ocsp-response-1\">");
        assertThat(XadesSignature.parse(data.signatureXml()).dataReferences()).containsExactly("/message.xml");
    }

    @Test
    void ecdsaSignatureValuesAreRawRAndS() {
        SignatureData data = signer(SignatureAlgorithm.ECDSA_SHA256).sign(MessageParts.of(soap("ec")));
        assertThat(XadesSignature.parse(data.signatureXml()).signatureValue()).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void aBatchIsOneSignatureWithAChainPerMessage(int n) {
        for (SignatureAlgorithm algorithm : MAIN) {
            TestCredentials.Credential c = credentialFor(algorithm);
            var messages = new ArrayList<MessageParts>();
            for (int i = 0; i < n; i++) {
                messages.add(MessageParts.of(soap(algorithm + "-" + i)));
            }
            List<SignatureData> batch = signer(c, algorithm).signBatch(messages);
            assertThat(batch).hasSize(n);
            for (int i = 0; i < n; i++) {
                SignatureData data = batch.get(i);
                assertThat(data.hasHashChain()).isEqualTo(n > 1);
                assertThat(data.signatureXml()).isEqualTo(batch.get(0).signatureXml());
                verifier().verify(data, messages.get(i), SIGNER, SIGNING_TIME);
                assertThat(SantuarioCheck.valid(data.signatureXml(), documents(data, messages.get(i)),
                        c.certificate())).isTrue();
                if (n > 1) {
                    MessageParts other = messages.get((i + 1) % n);
                    assertFault(() -> verifier().verify(data, other, SIGNER, SIGNING_TIME),
                            ErrorCode.MALFORMED_SIGNATURE, ErrorCode.INVALID_HASH_CHAIN_REF);
                }
            }
        }
    }

    @Test
    void messagesWithAttachmentsAreSignedThroughAHashChain() {
        for (SignatureAlgorithm algorithm : MAIN) {
            TestCredentials.Credential c = credentialFor(algorithm);
            var withAttachments = new MessageParts(soap("att"), List.of(sha512("first"), sha512("second")));
            var plain = MessageParts.of(soap("plain"));
            for (List<MessageParts> batch : List.of(List.of(withAttachments), List.of(plain, withAttachments))) {
                SignatureData data = signer(c, algorithm).signBatch(batch).get(batch.size() - 1);
                assertThat(data.hasHashChain()).isTrue();
                assertThat(new String(data.signatureXml(), StandardCharsets.UTF_8))
                        .contains("URI=\"/sig-hashchainresult.xml\"", "application/hash-chain-result");
                assertThat(new String(data.hashChain().orElseThrow(), StandardCharsets.UTF_8))
                        .contains("/attachment1", "/attachment2");
                verifier().verify(data, withAttachments, SIGNER, SIGNING_TIME);
                assertThat(SantuarioCheck.valid(data.signatureXml(), documents(data, withAttachments),
                        c.certificate())).isTrue();

                var wrongAttachment = new MessageParts(soap("att"), List.of(sha512("first"), sha512("changed")));
                assertFault(() -> verifier().verify(data, wrongAttachment, SIGNER, SIGNING_TIME),
                        ErrorCode.MALFORMED_SIGNATURE, ErrorCode.INVALID_HASH_CHAIN);
                var missing = new MessageParts(soap("att"), List.of(sha512("first")));
                assertFault(() -> verifier().verify(data, missing, SIGNER, SIGNING_TIME),
                        ErrorCode.MALFORMED_SIGNATURE, ErrorCode.INVALID_REFERENCE);
                var extra = new MessageParts(soap("att"),
                        List.of(sha512("first"), sha512("second"), sha512("third")));
                assertFault(() -> verifier().verify(data, extra, SIGNER, SIGNING_TIME),
                        ErrorCode.MALFORMED_SIGNATURE, ErrorCode.HASH_CHAIN_UNUSED_INPUTS);
            }
        }
    }

    @Test
    void aTamperedMessageFailsBothVerifiers() {
        for (SignatureAlgorithm algorithm : MAIN) {
            TestCredentials.Credential c = credentialFor(algorithm);
            byte[] message = soap("tamper");
            SignatureData single = signer(c, algorithm).sign(MessageParts.of(message));
            List<SignatureData> batch = signer(c, algorithm).signBatch(
                    List.of(MessageParts.of(message), MessageParts.of(soap("other"))));
            for (int i = 0; i < message.length; i += 37) {
                byte[] tampered = message.clone();
                tampered[i] ^= 0x01;
                MessageParts parts = MessageParts.of(tampered);
                assertFault(() -> verifier().verify(single, parts, SIGNER, SIGNING_TIME),
                        ErrorCode.INVALID_SIGNATURE_VALUE);
                assertThat(SantuarioCheck.valid(single.signatureXml(), Map.of("/message.xml", tampered),
                        c.certificate())).isFalse();
                assertFault(() -> verifier().verify(batch.get(0), parts, SIGNER, SIGNING_TIME),
                        ErrorCode.MALFORMED_SIGNATURE, ErrorCode.INVALID_HASH_CHAIN_REF);
            }
            // The hash chain result is signed: changing it fails both verifiers.
            byte[] result = batch.get(0).hashChainResult().orElseThrow();
            byte[] tamperedResult = new String(result, StandardCharsets.UTF_8).replace("STEP0", "STEP1")
                    .getBytes(StandardCharsets.UTF_8);
            var forged = SignatureData.batch(batch.get(0).signatureXml(), tamperedResult,
                    batch.get(0).hashChain().orElseThrow());
            assertFault(() -> verifier().verify(forged, MessageParts.of(message), SIGNER, SIGNING_TIME),
                    ErrorCode.MALFORMED_SIGNATURE, ErrorCode.MALFORMED_HASH_CHAIN);
            assertThat(SantuarioCheck.valid(forged.signatureXml(), documents(forged, MessageParts.of(message)),
                    c.certificate())).isFalse();
        }
    }

    @Test
    void aTamperedSignedPartOrSignatureValueFailsBothVerifiers() {
        for (SignatureAlgorithm algorithm : MAIN) {
            TestCredentials.Credential c = credentialFor(algorithm);
            byte[] message = soap("signed parts");
            SignatureData data = signer(c, algorithm).sign(MessageParts.of(message));
            List<byte[]> variants = tamperedSignedParts(data.signatureXml());
            assertThat(variants).hasSizeGreaterThan(25);
            for (byte[] variant : variants) {
                assertThat(SantuarioCheck.valid(variant, Map.of("/message.xml", message), c.certificate()))
                        .as(new String(variant, StandardCharsets.UTF_8)).isFalse();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifier().verify(
                        SignatureData.of(variant), MessageParts.of(message), SIGNER, SIGNING_TIME))
                        .isInstanceOf(XRoadException.class);
            }
        }
    }

    @Test
    void aSigningFunctionSignsAWholeBatchInOneOperation() {
        TestCredentials.Credential c = TestCredentials.rsa();
        SigningKey software = c.signingKey();
        var calls = new AtomicInteger();
        SigningKey token = new SigningKey() {
            @Override
            public String keyAlgorithm() {
                return "RSA";
            }

            @Override
            public byte[] sign(SignatureAlgorithm algorithm, byte[] data) {
                calls.incrementAndGet();
                return software.sign(algorithm, data);
            }
        };
        MessageSigner signer = MessageSigner.builder().signingKey(token).certificate(c.certificate())
                .extraCertificates(List.of(TestCredentials.INTERMEDIATE)).ocspResponses(c.ocsp()).build();
        assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA512);
        var messages = List.of(MessageParts.of(soap("a")), MessageParts.of(soap("b")), MessageParts.of(soap("c")));
        List<SignatureData> batch = signer.signBatch(messages);
        assertThat(calls).hasValue(1);
        for (int i = 0; i < messages.size(); i++) {
            verifier().verify(batch.get(i), messages.get(i), SIGNER, SIGNING_TIME);
        }
    }

    @Test
    void theDigestIsSelectable() {
        TestCredentials.Credential c = TestCredentials.ec();
        MessageSigner signer = MessageSigner.builder().signingKey(c.signingKey()).certificate(c.certificate())
                .extraCertificates(List.of(TestCredentials.INTERMEDIATE)).ocspResponses(c.ocsp())
                .digest(DigestAlgorithm.SHA256).build();
        assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
        SignatureData data = signer.sign(MessageParts.of(soap("sha256")));
        assertThat(new String(data.signatureXml(), StandardCharsets.UTF_8))
                .contains("URI=\"/message.xml\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>",
                        "<xades:CertDigest><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>");
        verifier().verify(data, MessageParts.of(soap("sha256")), SIGNER, SIGNING_TIME);

        var wrongDigest = new MessageParts(soap("x"), List.of(sha512("attachment")));
        assertFault(() -> signer.sign(wrongDigest), ErrorCode.CANNOT_CREATE_SIGNATURE);
    }

    @Test
    void keysCertificatesAndAlgorithmsMustFit() {
        TestCredentials.Credential rsa = TestCredentials.rsa();
        assertFault(() -> MessageSigner.builder().signingKey(rsa.signingKey()).certificate(rsa.certificate())
                .signatureAlgorithm(SignatureAlgorithm.ECDSA_SHA512).build(), ErrorCode.UNSUPPORTED_SIGN_ALGORITHM);
        TestCredentials.Credential ec = TestCredentials.ec();
        assertFault(() -> MessageSigner.builder().signingKey(rsa.signingKey()).certificate(ec.certificate()).build(),
                ErrorCode.UNSUPPORTED_SIGN_ALGORITHM);
        assertFault(() -> signer(SignatureAlgorithm.RSA_SHA512).signBatch(List.of()),
                ErrorCode.CANNOT_CREATE_SIGNATURE);
    }

    private static Digest sha512(String text) {
        return Digest.of(DigestAlgorithm.SHA512, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, byte[]> documents(SignatureData data, MessageParts message) {
        return data.hashChainResult()
                .map(r -> Map.of(HashChainFiles.SIGNATURE.resultName(), r))
                .orElseGet(() -> Map.of("/message.xml", message.message()));
    }

    /**
     * One variant per text and attribute value inside SignedInfo, SignedProperties and SignatureValue,
     * each with one character changed.
     */
    private static List<byte[]> tamperedSignedParts(byte[] xml) {
        var out = new ArrayList<byte[]>();
        Document original = parse(xml);
        List<String> paths = new ArrayList<>();
        collect(signedRoots(original), paths);
        for (String path : paths) {
            Document doc = parse(xml);
            Node target = find(doc, path);
            String value = target.getNodeValue();
            int at = value.length() / 2;
            char replacement = value.charAt(at) == 'A' ? 'B' : 'A';
            target.setNodeValue(value.substring(0, at) + replacement + value.substring(at + 1));
            out.add(serialize(doc));
        }
        return out;
    }

    private static List<Element> signedRoots(Document doc) {
        var roots = new ArrayList<Element>();
        for (String name : List.of("SignedInfo", "SignatureValue")) {
            roots.add((Element) doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", name).item(0));
        }
        roots.add((Element) doc.getElementsByTagNameNS("http://uri.etsi.org/01903/v1.3.2#", "SignedProperties")
                .item(0));
        return roots;
    }

    private static void collect(List<Element> roots, List<String> paths) {
        for (Element root : roots) {
            if (root.getLocalName().equals("SignatureValue")) {
                // Only the value is signed-over data here; the element's Id is not covered by the signature.
                walk(root.getFirstChild(), paths);
            } else {
                walk(root, paths);
            }
        }
    }

    private static void walk(Node n, List<String> paths) {
        if (n instanceof Element e) {
            NamedNodeMap attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr a = (Attr) attributes.item(i);
                if (!a.getName().startsWith("xmlns") && !a.getValue().isEmpty()) {
                    paths.add(pathOf(e) + "@" + a.getName());
                }
            }
        } else if (n.getNodeType() == Node.TEXT_NODE && !n.getNodeValue().isBlank()) {
            paths.add(pathOf(n.getParentNode()) + "#text" + indexAmongSiblings(n));
        }
        for (Node child = n.getFirstChild(); child != null; child = child.getNextSibling()) {
            walk(child, paths);
        }
    }

    private static String pathOf(Node n) {
        return n.getParentNode() == null || n.getParentNode().getNodeType() == Node.DOCUMENT_NODE ? "/"
                : pathOf(n.getParentNode()) + "/" + indexAmongSiblings(n);
    }

    private static int indexAmongSiblings(Node n) {
        int i = 0;
        for (Node s = n.getParentNode().getFirstChild(); s != n; s = s.getNextSibling()) {
            i++;
        }
        return i;
    }

    private static Node find(Document doc, String path) {
        String[] attr = path.split("@", 2);
        String[] text = attr[0].split("#text", 2);
        Node n = doc.getDocumentElement();
        for (String step : text[0].split("/")) {
            if (!step.isEmpty()) {
                n = n.getChildNodes().item(Integer.parseInt(step));
            }
        }
        if (attr.length == 2) {
            return ((Element) n).getAttributeNode(attr[1]);
        }
        return n.getChildNodes().item(Integer.parseInt(text[1]));
    }

    private static Document parse(byte[] xml) {
        try {
            return SafeXml.documentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] serialize(Document doc) {
        try {
            var out = new ByteArrayOutputStream();
            SafeXml.transformerFactory().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
