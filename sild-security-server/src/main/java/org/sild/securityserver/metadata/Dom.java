package org.sild.securityserver.metadata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
