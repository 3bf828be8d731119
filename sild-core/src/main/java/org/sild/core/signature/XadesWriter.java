package org.sild.core.signature;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.OctetStreamData;
import javax.xml.crypto.URIDereferencer;
import javax.xml.crypto.URIReferenceException;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes one X-Road XAdES signature ({@code asic:XAdESSignatures/ds:Signature}) over one document
 * ({@code /message.xml} or {@code /sig-hashchainresult.xml}), signing with the JDK's XML-DSig
 * implementation through a {@link SigningKey}. Stateless.
 */
final class XadesWriter {

    private static final DateTimeFormatter SIGNING_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Everything about the signer that goes into a signature. */
    record Signer(SigningKey key, SignatureAlgorithm algorithm, X509Certificate certificate,
                  List<X509Certificate> extraCertificates, List<byte[]> ocspResponses) {
    }

    private XadesWriter() {
    }

    /** The signature XML (UTF-8) over {@code document}, whose bytes the reference {@code documentName} denotes. */
    static byte[] write(Signer signer, String documentName, byte[] document, String mimeType, Instant signingTime) {
        try {
            Document doc = SafeXml.documentBuilder().newDocument();
            Element root = doc.createElementNS(Xades.ASIC, "asic:XAdESSignatures");
            root.setAttributeNS(Xades.XMLNS, "xmlns:asic", Xades.ASIC);
            root.setAttributeNS(Xades.XMLNS, "xmlns:ds", Xades.DSIG);
            root.setAttributeNS(Xades.XMLNS, "xmlns:xades", Xades.XADES);
            root.setAttributeNS(Xades.XMLNS, "xmlns:xsi", Xades.XSI);
            doc.appendChild(root);

            var props = new Properties(doc, signer.algorithm().digest());
            Element signedProperties = props.signedProperties(signer.certificate(), signingTime, mimeType);
            Element qualifying = props.xades("QualifyingProperties");
            qualifying.setAttributeNS(null, "Target", "#" + Xades.SIGNATURE_ID);
            qualifying.appendChild(signedProperties);
            qualifying.appendChild(props.unsignedProperties(signer.extraCertificates(), signer.ocspResponses()));

            XMLSignatureFactory fac = XMLSignatureFactory.getInstance("DOM");
            DigestMethod digest = fac.newDigestMethod(signer.algorithm().digest().uri(), null);
            Reference document0 = fac.newReference(documentName, digest, null, null, Xades.REFERENCE_ID + 0);
            Reference properties1 = fac.newReference("#" + Xades.SIGNED_PROPERTIES_ID, digest, null,
                    Xades.SIGNED_PROPERTIES_TYPE, Xades.REFERENCE_ID + 1);
            SignedInfo signedInfo = fac.newSignedInfo(
                    fac.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE, (C14NMethodParameterSpec) null),
                    fac.newSignatureMethod(signer.algorithm().uri(), null), List.of(document0, properties1));
            KeyInfoFactory kif = fac.getKeyInfoFactory();
            KeyInfo keyInfo = kif.newKeyInfo(List.of(kif.newX509Data(List.of(signer.certificate()))));
            XMLSignature signature = fac.newXMLSignature(signedInfo, keyInfo,
                    List.of(fac.newXMLObject(List.of(new DOMStructure(qualifying)), null, null, null)),
                    Xades.SIGNATURE_ID, Xades.SIGNATURE_VALUE_ID);

            DOMSignContext context = new DOMSignContext(JcaBridge.placeholderKey(signer.algorithm()), root);
            context.setDefaultNamespacePrefix("ds");
            context.setIdAttributeNS(signedProperties, null, "Id");
            context.setURIDereferencer(documentDereferencer(fac.getURIDereferencer(), Map.of(documentName, document)));
            context.setProperty(JcaBridge.PROVIDER_PROPERTY,
                    JcaBridge.provider(signer.key(), signer.algorithm(), signer.certificate().getPublicKey()));
            signature.sign(context);
            return serialize(doc);
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE,
                    "creating the XML signature failed: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /**
     * Resolves the signed documents ({@code /message.xml}, {@code /sig-hashchainresult.xml}) to their bytes
     * and same-document references ({@code #signed-properties}) through the JDK; nothing else, so a
     * signature can never make us fetch a file or a URL.
     */
    static URIDereferencer documentDereferencer(URIDereferencer sameDocument, Map<String, byte[]> documents) {
        return (reference, context) -> {
            String uri = reference.getURI();
            if (uri != null && documents.containsKey(uri)) {
                return new OctetStreamData(new ByteArrayInputStream(documents.get(uri)), uri, null);
            }
            if (uri != null && uri.startsWith("#")) {
                return sameDocument.dereference(reference, context);
            }
            throw new URIReferenceException("cannot resolve " + uri);
        };
    }

    /** The document as UTF-8 XML with an XML declaration, as X-Road writes signature documents. */
    static byte[] serialize(Document doc) {
        try {
            var out = new ByteArrayOutputStream();
            SafeXml.transformerFactory().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE, "serializing the signature failed");
        }
    }

    /** Builds the XAdES property elements of one signature. */
    private static final class Properties {
        private final Document doc;
        private final DigestAlgorithm digest;

        Properties(Document doc, DigestAlgorithm digest) {
            this.doc = doc;
            this.digest = digest;
        }

        Element xades(String name) {
            return doc.createElementNS(Xades.XADES, "xades:" + name);
        }

        private Element xades(Element parent, String name) {
            return (Element) parent.appendChild(xades(name));
        }

        private Element ds(Element parent, String name) {
            return (Element) parent.appendChild(doc.createElementNS(Xades.DSIG, "ds:" + name));
        }

        private static Element text(Element e, String text) {
            e.setTextContent(text);
            return e;
        }

        Element signedProperties(X509Certificate certificate, Instant signingTime, String mimeType)
                throws CertificateEncodingException {
            Element signed = xades("SignedProperties");
            signed.setAttributeNS(null, "Id", Xades.SIGNED_PROPERTIES_ID);
            Element sigProps = xades(signed, "SignedSignatureProperties");
            text(xades(sigProps, "SigningTime"), SIGNING_TIME.format(signingTime));
            certId(xades(xades(sigProps, "SigningCertificate"), "Cert"), certificate);

            Element policyId = xades(xades(sigProps, "SignaturePolicyIdentifier"), "SignaturePolicyId");
            Element sigPolicyId = xades(policyId, "SigPolicyId");
            Element identifier = text(xades(sigPolicyId, "Identifier"), Xades.POLICY_IDENTIFIER);
            identifier.setAttributeNS(null, "Qualifier", Xades.POLICY_QUALIFIER);
            text(xades(sigPolicyId, "Description"), Xades.POLICY_DESCRIPTION);
            digestAlgAndValue(xades(policyId, "SigPolicyHash"), DigestAlgorithm.SHA512, Xades.POLICY_SHA512);
            text(xades(xades(xades(policyId, "SigPolicyQualifiers"), "SigPolicyQualifier"), "SPURI"),
                    Xades.POLICY_SPURI);

            Element format = xades(xades(signed, "SignedDataObjectProperties"), "DataObjectFormat");
            format.setAttributeNS(null, "ObjectReference", "#" + Xades.REFERENCE_ID + 0);
            text(xades(format, "MimeType"), mimeType);
            return signed;
        }

        Element unsignedProperties(List<X509Certificate> extraCertificates, List<byte[]> ocspResponses)
                throws CertificateEncodingException {
            Element unsigned = xades("UnsignedProperties");
            Element props = xades(unsigned, "UnsignedSignatureProperties");
            if (!extraCertificates.isEmpty()) {
                Element refs = xades(props, "CompleteCertificateRefs");
                refs.setAttributeNS(null, "Id", Xades.COMPLETE_CERTIFICATE_REFS_ID);
                Element certRefs = xades(refs, "CertRefs");
                for (int i = 0; i < extraCertificates.size(); i++) {
                    Element cert = xades(certRefs, "Cert");
                    cert.setAttributeNS(null, "URI", "#" + Xades.ENCAPSULATED_CERT_ID + (i + 1));
                    certId(cert, extraCertificates.get(i));
                }
                Element values = xades(props, "CertificateValues");
                for (int i = 0; i < extraCertificates.size(); i++) {
                    Element value = text(xades(values, "EncapsulatedX509Certificate"),
                            base64(extraCertificates.get(i).getEncoded()));
                    value.setAttributeNS(null, "Id", Xades.ENCAPSULATED_CERT_ID + (i + 1));
                }
            }
            Element ocspValues = xades(xades(props, "RevocationValues"), "OCSPValues");
            for (int i = 0; i < ocspResponses.size(); i++) {
                Element value = text(xades(ocspValues, "EncapsulatedOCSPValue"), base64(ocspResponses.get(i)));
                value.setAttributeNS(null, "Id", Xades.OCSP_RESPONSE_ID + (i + 1));
            }
            return unsigned;
        }

        /** {@code CertDigest} and {@code IssuerSerial} of {@code certificate}, as X-Road writes them. */
        private void certId(Element parent, X509Certificate certificate) throws CertificateEncodingException {
            digestAlgAndValue(xades(parent, "CertDigest"), digest, base64(digest.digest(certificate.getEncoded())));
            Element issuerSerial = xades(parent, "IssuerSerial");
            text(ds(issuerSerial, "X509IssuerName"), certificate.getIssuerX500Principal().getName());
            text(ds(issuerSerial, "X509SerialNumber"), certificate.getSerialNumber().toString());
        }

        private void digestAlgAndValue(Element parent, DigestAlgorithm algorithm, String value) {
            ds(parent, "DigestMethod").setAttributeNS(null, "Algorithm", algorithm.uri());
            text(ds(parent, "DigestValue"), value);
        }

        private static String base64(byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
    }
}
