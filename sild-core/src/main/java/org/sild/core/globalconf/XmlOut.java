package org.sild.core.globalconf;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.XRoadId;
import org.sild.core.xml.SafeXml;

/**
 * Writes the configuration documents: root {@code tns:NAME} in the X-Road namespace with the
 * identifiers namespace bound to {@code id}, unqualified children indented by four spaces.
 *
 * <p>Not thread-safe; one per document.
 */
final class XmlOut {

    static final String TNS = "tns";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final XMLStreamWriter w;
    private int depth;

    XmlOut(String root) {
        try {
            w = SafeXml.outputFactory().createXMLStreamWriter(bytes, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.setPrefix(TNS, IdentifierXml.XROAD_NAMESPACE);
            w.setPrefix(IdentifierXml.PREFIX, IdentifierXml.NAMESPACE);
            w.writeStartElement(TNS, root, IdentifierXml.XROAD_NAMESPACE);
            w.writeNamespace(TNS, IdentifierXml.XROAD_NAMESPACE);
            w.writeNamespace(IdentifierXml.PREFIX, IdentifierXml.NAMESPACE);
            depth = 1;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    XmlOut start(String name) {
        try {
            indent();
            w.writeStartElement(name);
            depth++;
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    XmlOut attribute(String name, String value) {
        try {
            w.writeAttribute(name, value);
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    XmlOut end() {
        try {
            depth--;
            indent();
            w.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    XmlOut text(String name, String value) {
        try {
            indent();
            w.writeStartElement(name);
            w.writeCharacters(value);
            w.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    XmlOut text(String name, Optional<String> value) {
        value.ifPresent(v -> text(name, v));
        return this;
    }

    XmlOut text(String name, long value) {
        return text(name, Long.toString(value));
    }

    XmlOut text(String name, boolean value) {
        return text(name, Boolean.toString(value));
    }

    XmlOut text(String name, Instant value) {
        return text(name, value.toString());
    }

    XmlOut base64(String name, byte[] value) {
        return text(name, Certificates.base64(value));
    }

    /** An identifier element {@code name} with {@code id:objectType} and {@code id:} children. */
    XmlOut id(String name, XRoadId id) {
        try {
            indent();
            IdentifierXml.write(w, "", name, "", id);
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    /** Closes the root and returns the document. */
    byte[] finish() {
        try {
            depth = 0;
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
            bytes.write('\n');
            return bytes.toByteArray();
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    private void indent() throws XMLStreamException {
        w.writeCharacters("\n" + "    ".repeat(depth));
    }

    private static IllegalStateException failed(XMLStreamException e) {
        return new IllegalStateException("writing XML to memory failed", e);
    }
}
