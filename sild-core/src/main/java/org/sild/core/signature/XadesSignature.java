package org.sild.core.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A parsed X-Road message signature: the XAdES document as produced by X-Road (an
 * {@code asic:XAdESSignatures} wrapper, namespace v1.2.1 or the older v1.1.1) or a bare DSS-style
 * {@code ds:Signature}, with what the verifier and the evidence tools need from it.
 *
 * <p>Parsing is hardened and checks the structure only; {@link SignatureVerifier} checks the
 * cryptography. Structural problems are {@code MalformedSignature}. Immutable (the DOM is never handed
 * out) and safe to share.
 */
public final class XadesSignature {

    /** Largest signature document accepted. */
    public static final int MAX_BYTES = 4 << 20;
    /** Most references, certificates or OCSP responses accepted in one signature. */
    public static final int MAX_ITEMS = 32;

    private final byte[] xml;
    private final Document document;
    private final Element signature;
    private final List<SignedReference> references;
    private final Optional<X509Certificate> signingCertificate;
    private final XadesProperties properties;
    private final byte[] signatureValue;
    private final String signatureMethod;

    /** A {@code ds:Reference} of {@code SignedInfo}. */
    record SignedReference(String uri, Optional<String> type, String digestMethod, byte[] digestValue,
                           boolean hasTransforms) {
        boolean isSignedProperties() {
            return type.filter(Xades.SIGNED_PROPERTIES_TYPE::equals).isPresent();
        }
    }

    private XadesSignature(byte[] xml) {
        if (xml.length > MAX_BYTES) {
            throw malformed("signature is larger than " + MAX_BYTES + " bytes");
        }
        this.xml = xml.clone();
        this.document = parseXml(this.xml);
        this.signature = signatureElement(document.getDocumentElement());
        checkUniqueIds(document.getDocumentElement(), new HashMap<>());
        Element signedInfo = Dom.required(signature, Xades.DSIG, "SignedInfo");
        this.signatureMethod = Dom.required(signedInfo, Xades.DSIG, "SignatureMethod")
                .getAttributeNS(null, "Algorithm");
        this.references = readReferences(signedInfo);
        this.signatureValue = Dom.base64(Dom.required(signature, Xades.DSIG, "SignatureValue"));
        this.signingCertificate = readKeyInfoCertificate(signature);
        this.properties = XadesProperties.read(signature);
    }

    /** Parses signature XML (UTF-8 or as declared). */
    public static XadesSignature parse(byte[] xml) {
        return new XadesSignature(xml);
    }

    /** The signature document, byte for byte as parsed. */
    public byte[] xml() {
        return xml.clone();
    }

    /** The URIs of the data references ({@code /message.xml}, {@code /sig-hashchainresult.xml}, …), in order. */
    public List<String> dataReferences() {
        return references.stream().filter(r -> !r.isSignedProperties()).map(SignedReference::uri).toList();
    }

    /** Whether the signature references {@code uri} ({@code /message.xml}, {@code /sig-hashchainresult.xml}). */
    public boolean references(String uri) {
        return dataReferences().contains(uri);
    }

    /** The certificate in {@code KeyInfo}, if any. */
    public Optional<X509Certificate> signingCertificate() {
        return signingCertificate;
    }

    /** The signed {@code SigningTime}, if present. */
    public Optional<Instant> signingTime() {
        return properties.signingTime();
    }

    /** The raw signature value (what a single time-stamp's imprint is computed over). */
    public byte[] signatureValue() {
        return signatureValue.clone();
    }

    /** The DER time-stamp token the message log embedded ({@code SignatureTimeStamp}), if any. */
    public Optional<byte[]> timeStamp() {
        return properties.timeStamp().map(byte[]::clone);
    }

    /** The DER OCSP responses of {@code RevocationValues}, in document order. */
    public List<byte[]> ocspResponses() {
        return properties.ocspResponses().stream().map(byte[]::clone).toList();
    }

    /** The certificates listed in {@code CompleteCertificateRefs} (with their digests checked), in order. */
    public List<X509Certificate> extraCertificates() {
        return properties.extraCertificates();
    }

    /**
     * This signature with the DER time-stamp token {@code timeStampDer} embedded as
     * {@code xades:SignatureTimeStamp/xades:EncapsulatedTimeStamp}, the first child of
     * {@code UnsignedSignatureProperties}, as X-Road's message log embeds a single time-stamp. The unsigned
     * properties are not covered by the signature, so it stays valid. A signature that already has a
     * time-stamp, or has no unsigned signature properties, is {@code MalformedSignature}.
     */
    public byte[] withSignatureTimeStamp(byte[] timeStampDer) {
        if (properties.timeStamp().isPresent()) {
            throw malformed("signature already has a SignatureTimeStamp");
        }
        Document copy = (Document) document.cloneNode(true);
        Element signatureCopy = signatureElement(copy.getDocumentElement());
        Element unsigned = Dom.children(signatureCopy, Xades.DSIG, "Object").stream()
                .flatMap(o -> Dom.children(o, Xades.XADES, "QualifyingProperties").stream())
                .flatMap(q -> Dom.optional(q, Xades.XADES, "UnsignedProperties").stream())
                .flatMap(u -> Dom.optional(u, Xades.XADES, "UnsignedSignatureProperties").stream())
                .findFirst().orElseThrow(() -> malformed("signature has no xades:UnsignedSignatureProperties"));
        String prefix = unsigned.getPrefix() == null ? "" : unsigned.getPrefix() + ":";
        Element timeStamp = copy.createElementNS(Xades.XADES, prefix + "SignatureTimeStamp");
        Element encapsulated = copy.createElementNS(Xades.XADES, prefix + "EncapsulatedTimeStamp");
        encapsulated.setTextContent(base64(timeStampDer));
        timeStamp.appendChild(encapsulated);
        unsigned.insertBefore(timeStamp, unsigned.getFirstChild());
        return XadesWriter.serialize(copy);
    }

    Document document() {
        return document;
    }

    Element signatureElement() {
        return signature;
    }

    String signatureMethod() {
        return signatureMethod;
    }

    List<SignedReference> signedReferences() {
        return references;
    }

    XadesProperties properties() {
        return properties;
    }

    private static Document parseXml(byte[] xml) {
        try {
            return SafeXml.documentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw malformed("signature is not well-formed, safe XML");
        }
    }

    private static Element signatureElement(Element root) {
        if (Dom.is(root, Xades.DSIG, "Signature")) {
            return root;
        }
        boolean wrapper = "XAdESSignatures".equals(root.getLocalName())
                && (Xades.ASIC.equals(root.getNamespaceURI()) || Xades.ASIC_OLD.equals(root.getNamespaceURI()));
        if (!wrapper) {
            throw malformed("root element must be asic:XAdESSignatures or ds:Signature, found <"
                    + root.getNodeName() + ">");
        }
        List<Element> children = Dom.children(root);
        if (children.size() != 1 || !Dom.is(children.get(0), Xades.DSIG, "Signature")) {
            throw malformed("asic:XAdESSignatures must contain exactly one ds:Signature");
        }
        return children.get(0);
    }

    /** Duplicate Ids would let a reference point at another element than the one we read. */
    private static void checkUniqueIds(Element e, Map<String, Element> seen) {
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            if ("Id".equals(a.getLocalName()) || "Id".equals(a.getNodeName())) {
                if (seen.put(a.getNodeValue(), e) != null) {
                    throw malformed("Id '" + a.getNodeValue() + "' appears more than once");
                }
            }
        }
        for (Element child : Dom.children(e)) {
            checkUniqueIds(child, seen);
        }
    }

    private static List<SignedReference> readReferences(Element signedInfo) {
        var out = new ArrayList<SignedReference>();
        for (Element ref : Dom.children(signedInfo, Xades.DSIG, "Reference")) {
            if (out.size() >= MAX_ITEMS) {
                throw malformed("SignedInfo has more than " + MAX_ITEMS + " references");
            }
            if (!ref.hasAttributeNS(null, "URI")) {
                throw malformed("a ds:Reference has no URI");
            }
            Optional<String> type = ref.hasAttributeNS(null, "Type")
                    ? Optional.of(ref.getAttributeNS(null, "Type")) : Optional.empty();
            String method = Dom.required(ref, Xades.DSIG, "DigestMethod").getAttributeNS(null, "Algorithm");
            byte[] value = Dom.base64(Dom.required(ref, Xades.DSIG, "DigestValue"));
            boolean transforms = Dom.optional(ref, Xades.DSIG, "Transforms").isPresent();
            out.add(new SignedReference(ref.getAttributeNS(null, "URI"), type, method, value, transforms));
        }
        if (out.isEmpty()) {
            throw malformed("SignedInfo has no references");
        }
        return List.copyOf(out);
    }

    private static Optional<X509Certificate> readKeyInfoCertificate(Element signature) {
        return Dom.optional(signature, Xades.DSIG, "KeyInfo")
                .flatMap(k -> Dom.optional(k, Xades.DSIG, "X509Data"))
                .flatMap(d -> Dom.optional(d, Xades.DSIG, "X509Certificate"))
                .map(c -> certificate(Dom.base64(c), "KeyInfo"));
    }

    static X509Certificate certificate(byte[] der, String where) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw malformed("the certificate in " + where + " cannot be parsed");
        }
    }

    static XRoadException malformed(String message) {
        return new XRoadException(ErrorCode.MALFORMED_SIGNATURE, message);
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
