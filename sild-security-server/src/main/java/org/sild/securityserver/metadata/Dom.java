package org.sild.securityserver.metadata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.sild.core.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** DOM reading and writing for metaservice documents, through the hardened parser. Stateless. */
final class Dom {

    private Dom() {
    }

    /** Parses {@code xml}; {@code what} names it in the {@code InvalidXml} fault. */
    static Document parse(byte[] xml, String what) {
        try {
            return SafeXml.documentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new XRoadException(ErrorCode.INVALID_XML, what + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The document as UTF-8 bytes with an XML declaration. */
    static byte[] serialize(Document doc) {
        try {
            Transformer t = SafeXml.transformerFactory().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "no");
            var out = new ByteArrayOutputStream();
            doc.setXmlStandalone(true);
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot serialise XML: " + e.getMessage(), e);
        }
    }

    /** The child elements of {@code parent}. */
    static List<Element> children(Node parent) {
        var list = new ArrayList<Element>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }

    /** The first child element of {@code parent} with this namespace and local name. */
    static Optional<Element> child(Node parent, String namespace, String localName) {
        return children(parent).stream()
                .filter(e -> namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())).findFirst();
    }

    /** The prefix bound to {@code namespace} at {@code scope}, or {@code fallback}, declared on {@code target} if new. */
    static String prefix(Element scope, Element target, String namespace, String fallback) {
        String bound = scope.lookupPrefix(namespace);
        if (bound != null) {
            return bound;
        }
        target.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + fallback, namespace);
        return fallback;
    }
}
