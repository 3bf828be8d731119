package org.sild.configurationproxy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.EncodedCertificate;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Replaces the {@code source} entries of shared parameters (version 3 and later) with one naming the
 * proxy, as X-Road's configuration proxy does: clients anchored to the proxy then take the proxy,
 * not the central server, as the extra location of the instance, and learn every proxy signing
 * certificate (as internal and external verification certificates, which X-Road 7.4 clients
 * require) before a rotated key signs. Everything else in the file stays as published: the
 * document is edited as a tree, not rebuilt from a model, so extension elements survive.
 *
 * <p>Stateless and thread-safe.
 */
final class SharedSourcesRewriter {

    private static final String SOURCE = "source";

    private SharedSourcesRewriter() {
    }

    /**
     * {@code xml} (shared parameters of configuration {@code version} ≥ 3) with its sources replaced by
     * {@code address} and {@code certificates}.
     *
     * @throws XRoadException {@code MalformedGlobalConf} when the file is not shared parameters
     */
    static byte[] rewrite(byte[] xml, int version, String address, List<X509Certificate> certificates) {
        Document document = parse(xml);
        Element root = document.getDocumentElement();
        Element instance = firstChild(root).filter(e -> e.getLocalName().equals("instanceIdentifier"))
                .orElseThrow(() -> malformed("the shared parameters do not start with <instanceIdentifier>"));
        var existing = new ArrayList<Element>();
        for (Node n = instance.getNextSibling(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (!isSource(e)) {
                    break;
                }
                existing.add(e);
            }
        }
        Node insertBefore = existing.isEmpty() ? instance.getNextSibling() : existing.getFirst();
        root.insertBefore(source(document, address, certificates), insertBefore);
        existing.forEach(root::removeChild);
        byte[] rewritten = serialize(document);
        // What the proxy serves must read back as what it meant to write.
        SharedParameters check = SharedParameters.parse(rewritten, version);
        if (check.sources().size() != 1 || !check.sources().getFirst().address().equals(address)) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "the rewritten shared parameters do not name "
                    + address + " as their only source");
        }
        return rewritten;
    }

    private static Element source(Document document, String address, List<X509Certificate> certificates) {
        Element source = document.createElementNS(null, SOURCE);
        append(document, source, "address", address);
        for (String kind : List.of("internalVerificationCert", "externalVerificationCert")) {
            for (X509Certificate cert : certificates) {
                append(document, source, kind, EncodedCertificate.of(cert).base64());
            }
        }
        return source;
    }

    private static void append(Document document, Element parent, String name, String text) {
        Element child = document.createElementNS(null, name);
        child.setTextContent(text);
        parent.appendChild(child);
    }

    private static boolean isSource(Element e) {
        return e.getNamespaceURI() == null && SOURCE.equals(e.getLocalName());
    }

    private static Optional<Element> firstChild(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static Document parse(byte[] xml) {
        try {
            return SafeXml.documentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw malformed("the shared parameters are not well-formed XML: " + e.getMessage());
        }
    }

    private static byte[] serialize(Document document) {
        try {
            Transformer transformer = SafeXml.transformerFactory().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.STANDALONE, "yes");
            var out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot write the rewritten shared parameters: "
                    + e.getMessage(), e);
        }
    }

    private static XRoadException malformed(String message) {
        return new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF, message);
    }
}
