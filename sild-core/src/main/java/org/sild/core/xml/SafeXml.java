package org.sild.core.xml;

import java.io.InputStream;
import java.io.Reader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.TransformerConfigurationException;

/**
 * Hardened XML parsers: no DTDs, no external entities, no entity expansion, bounded depth.
 *
 * <p>Every XML parser in Sild comes from here. The JDK's own implementations are used, never one
 * found on the class path (a library such as Woodstox would otherwise take over StAX in some
 * deployments and tests but not in others). The factories are created per call because the
 * JDK's factories are not thread-safe to configure; readers are cheap to create.
 */
public final class SafeXml {

    /** Deepest element nesting accepted in any document. */
    public static final int MAX_DEPTH = 100;

    private static final XMLInputFactory INPUT = newInputFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();
    private static final DocumentBuilderFactory DOM = newDocumentBuilderFactory();

    private SafeXml() {
    }

    /** A StAX reader over {@code in} (encoding from the XML declaration or the BOM) that refuses DTDs. */
    public static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        return guard(INPUT.createXMLStreamReader(in));
    }

    /** A StAX reader over {@code in} with a known encoding, refusing DTDs. */
    public static XMLStreamReader reader(InputStream in, String encoding) throws XMLStreamException {
        return guard(INPUT.createXMLStreamReader(in, encoding));
    }

    /** A StAX reader over characters, refusing DTDs. */
    public static XMLStreamReader reader(Reader in) throws XMLStreamException {
        return guard(INPUT.createXMLStreamReader(in));
    }

    /** The shared StAX output factory (thread-safe once configured). */
    public static XMLOutputFactory outputFactory() {
        return OUTPUT;
    }

    /**
     * A namespace-aware DOM builder that refuses DOCTYPE declarations and external resources. The
     * hardened factory is configured once (looking it up and configuring it costs more than parsing
     * a small document); each call gets its own builder, which is not thread-safe.
     */
    public static DocumentBuilder documentBuilder() {
        try {
            DocumentBuilder builder;
            synchronized (DOM) {
                builder = DOM.newDocumentBuilder();
            }
            builder.setEntityResolver((publicId, systemId) -> {
                throw new org.xml.sax.SAXException("external entities are not allowed: " + systemId);
            });
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot configure a hardened XML parser", e);
        }
    }

    private static DocumentBuilderFactory newDocumentBuilderFactory() {
        try {
            var f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setAttribute("jdk.xml.maxElementDepth", MAX_DEPTH);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot configure a hardened XML parser", e);
        }
    }

    /** A transformer factory that resolves no external stylesheets or DTDs. */
    public static TransformerFactory transformerFactory() {
        try {
            var f = TransformerFactory.newDefaultInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            return f;
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("cannot configure a hardened XML transformer", e);
        }
    }

    private static XMLInputFactory newInputFactory() {
        var f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        // The JDK's parser reports CDATA sections as plain characters unless asked; rewriting keeps them.
        f.setProperty("http://java.sun.com/xml/stream/properties/report-cdata-event", true);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entities are not allowed: " + systemId);
        });
        return f;
    }

    private static XMLStreamReader guard(XMLStreamReader reader) {
        return new StreamReaderDelegate(reader) {
            private int depth;

            @Override
            public int next() throws XMLStreamException {
                int event = super.next();
                if (event == XMLStreamConstants.START_ELEMENT && ++depth > MAX_DEPTH) {
                    throw new XMLStreamException("element depth exceeds the limit of " + MAX_DEPTH, getLocation());
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
                if (event == XMLStreamConstants.DTD) {
                    throw new XMLStreamException("DOCTYPE declarations are not allowed", getLocation());
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new XMLStreamException("entity references are not allowed: &" + getLocalName() + ";",
                            getLocation());
                }
                return event;
            }

            // The delegate's own nextTag and getElementText would bypass the checks in next().
            @Override
            public int nextTag() throws XMLStreamException {
                int event = next();
                while ((event == XMLStreamConstants.CHARACTERS && isWhiteSpace())
                        || (event == XMLStreamConstants.CDATA && isWhiteSpace())
                        || event == XMLStreamConstants.SPACE
                        || event == XMLStreamConstants.COMMENT
                        || event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
                    event = next();
                }
                if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
                    throw new XMLStreamException("expected an element, found event " + event, getLocation());
                }
                return event;
            }

            @Override
            public String getElementText() throws XMLStreamException {
                if (getEventType() != XMLStreamConstants.START_ELEMENT) {
                    throw new XMLStreamException("not at the start of an element", getLocation());
                }
                var text = new StringBuilder();
                int event = next();
                while (event != XMLStreamConstants.END_ELEMENT) {
                    switch (event) {
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
                             XMLStreamConstants.SPACE -> text.append(getText());
                        case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> { }
                        case XMLStreamConstants.START_ELEMENT ->
                                throw new XMLStreamException("element <" + getLocalName()
                                        + "> inside a text-only element", getLocation());
                        default -> throw new XMLStreamException("unexpected event " + event + " in text",
                                getLocation());
                    }
                    event = next();
                }
                return text.toString();
            }
        };
    }
}
