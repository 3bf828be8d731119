package org.sild.core.signature;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.sild.core.xml.XmlValues;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small, strict DOM navigation for the signature document; missing parts are {@code MalformedSignature}. */
final class Dom {

    private Dom() {
    }

    static boolean is(Node n, String ns, String localName) {
        return n instanceof Element && ns.equals(n.getNamespaceURI()) && localName.equals(n.getLocalName());
    }

    static List<Element> children(Element parent) {
        var out = new ArrayList<Element>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Element> children(Element parent, String ns, String localName) {
        return children(parent).stream().filter(e -> is(e, ns, localName)).toList();
    }

    static Optional<Element> optional(Element parent, String ns, String localName) {
        List<Element> found = children(parent, ns, localName);
        if (found.size() > 1) {
            throw XadesSignature.malformed("<" + parent.getLocalName() + "> has more than one <" + localName + ">");
        }
        return found.stream().findFirst();
    }

    static Element required(Element parent, String ns, String localName) {
        return optional(parent, ns, localName).orElseThrow(() ->
                XadesSignature.malformed("<" + parent.getLocalName() + "> has no <" + localName + ">"));
    }

    /** The element's text as base64 (XML whitespace, including line breaks, ignored). */
    static byte[] base64(Element e) {
        String text = e.getTextContent();
        try {
            return XmlValues.decodeBase64(text);
        } catch (IllegalArgumentException ex) {
            throw XadesSignature.malformed("<" + e.getLocalName() + "> is not valid base64");
        }
    }
}
