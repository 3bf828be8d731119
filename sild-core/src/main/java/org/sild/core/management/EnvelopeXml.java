package org.sild.core.management;

import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.IdentifierXml;
import org.sild.core.soap.SoapHeader;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapParser;
import org.sild.core.xml.SafeXml;

/**
 * Writes management SOAP envelopes (X-Road header, one body element) and reads their body element
 * back from a message {@link SoapParser} has already validated.
 */
final class EnvelopeXml {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String TEXT_XML = "text/xml; charset=UTF-8";
    static final SoapParser PARSER = new SoapParser(SoapLimits.withMaxSoapBytes(ManagementPackage.MAX_BYTES));

    private EnvelopeXml() {
    }

    /**
     * A UTF-8 envelope with {@code header}'s client, service, userId, id, issue and protocolVersion,
     * and {@code request} as body element {@code element} (plus {@code requestId} in a response).
     */
    static byte[] write(SoapHeader header, String element, ManagementRequest request, Optional<Long> requestId) {
        var out = new ByteArrayOutputStream(4096);
        try {
            XMLStreamWriter w = SafeXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.setPrefix("SOAP-ENV", SOAP_NS);
            w.setPrefix(IdentifierXml.PREFIX, IdentifierXml.NAMESPACE);
            w.setPrefix(BodyXml.PREFIX, BodyXml.NS);
            w.writeStartElement("SOAP-ENV", "Envelope", SOAP_NS);
            w.writeNamespace("SOAP-ENV", SOAP_NS);
            w.writeNamespace(IdentifierXml.PREFIX, IdentifierXml.NAMESPACE);
            w.writeNamespace(BodyXml.PREFIX, BodyXml.NS);
            w.writeStartElement("SOAP-ENV", "Header", SOAP_NS);
            IdentifierXml.write(w, BodyXml.PREFIX, "client", BodyXml.NS, header.client());
            IdentifierXml.write(w, BodyXml.PREFIX, "service", BodyXml.NS, header.service());
            if (header.userId().isPresent()) {
                headerField(w, "userId", header.userId().get());
            }
            headerField(w, "id", header.id());
            if (header.issue().isPresent()) {
                headerField(w, "issue", header.issue().get());
            }
            headerField(w, "protocolVersion", header.protocolVersion());
            w.writeEndElement();
            w.writeStartElement("SOAP-ENV", "Body", SOAP_NS);
            BodyXml.write(w, element, request, requestId);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to memory cannot fail: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void headerField(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(BodyXml.PREFIX, name, BodyXml.NS);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    /**
     * Reads the single body element of {@code soap} as a {@code type} body.
     *
     * @throws XRoadException {@code InvalidXml} when the body holds anything besides that element
     */
    static BodyXml.Read readBody(SoapMessage soap, ManagementRequestType type, boolean response) {
        // The SOAP parser has decoded this text once already; decode it the same way (charset, BOM).
        String text = new String(soap.bytes(), soap.charset());
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        XMLStreamReader r = null;
        try {
            r = SafeXml.reader(new java.io.StringReader(text));
            r.nextTag();
            while (r.nextTag() == START_ELEMENT) {
                if (SOAP_NS.equals(r.getNamespaceURI()) && "Body".equals(r.getLocalName())) {
                    r.nextTag();
                    BodyXml.Read read = BodyXml.read(r, type, response);
                    if (r.nextTag() == START_ELEMENT) {
                        throw BodyXml.invalidXml("the SOAP Body has more than one element (found <"
                                + r.getLocalName() + ">)");
                    }
                    return read;
                }
                skipElement(r);
            }
            throw BodyXml.invalidXml("the SOAP message has no Body");
        } catch (XMLStreamException e) {
            throw BodyXml.invalidXml("malformed management message: " + e.getMessage());
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // Nothing but memory was in use.
                }
            }
        }
    }

    private static void skipElement(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == START_ELEMENT) {
                depth++;
            } else if (event == javax.xml.stream.XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /**
     * Reads at most {@link ManagementPackage#MAX_BYTES} from {@code in}.
     *
     * @throws XRoadException {@code InvalidMessage} when there is more, {@code IOError} when reading fails
     */
    static byte[] readBounded(InputStream in, String what) {
        try {
            byte[] bytes = in.readNBytes(ManagementPackage.MAX_BYTES + 1);
            if (bytes.length > ManagementPackage.MAX_BYTES) {
                throw new XRoadException(ErrorCode.INVALID_MESSAGE, what + " is larger than the limit of "
                        + ManagementPackage.MAX_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot read " + what + ": " + e.getMessage(), e);
        }
    }
}
