package org.sild.core.soap;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.XRoadId;

/**
 * One pass of StAX over a SOAP envelope, collecting the X-Road headers and the body's wrapper
 * name, with X-Road's checks and fault codes (its {@code SaxSoapParserImpl}): errors inside an
 * element are raised as soon as it is read, missing pieces once the envelope is complete.
 * Single use, not thread-safe.
 */
final class EnvelopeReader {

    static final String ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
    static final String ENCODING_NS = "http://schemas.xmlsoap.org/soap/encoding/";
    static final String XROAD_NS = IdentifierXml.XROAD_NAMESPACE;

    static final QName ENVELOPE = new QName(ENVELOPE_NS, "Envelope");
    static final QName HEADER = new QName(ENVELOPE_NS, "Header");
    static final QName BODY = new QName(ENVELOPE_NS, "Body");
    static final QName FAULT = new QName(ENVELOPE_NS, "Fault");

    /** What the envelope turned out to be. */
    sealed interface Result permits Message, Fault { }

    record Message(SoapHeader header, QName bodyElement, boolean rpcEncoded) implements Result { }

    record Fault(SoapFault fault) implements Result { }

    private final XMLStreamReader r;
    private final int maxHeaderElements;

    private boolean headerSeen;
    private boolean bodySeen;
    private ClientId client;
    private ServiceId service;
    private SecurityServerId securityServer;
    private String id;
    private String userId;
    private String issue;
    private String protocolVersion;
    private RequestHash requestHash;
    private RepresentedParty representedParty;
    private SecurityToken securityToken;
    private final List<QName> otherHeaders = new ArrayList<>();
    private QName bodyElement;
    private SoapFault fault;

    private EnvelopeReader(XMLStreamReader r, int maxHeaderElements) {
        this.r = r;
        this.maxHeaderElements = maxHeaderElements;
    }

    /** Reads the whole document from {@code r}, which is positioned at its start. */
    static Result read(XMLStreamReader r, int maxHeaderElements) throws XMLStreamException {
        return new EnvelopeReader(r, maxHeaderElements).run();
    }

    private Result run() throws XMLStreamException {
        if (!toRootElement()) {
            throw invalidSoap("the message contains no XML element");
        }
        QName root = r.getName();
        if (SOAP12_NS.equals(root.getNamespaceURI())) {
            throw invalidSoap("SOAP 1.2 envelope (" + SOAP12_NS + ") is not supported; X-Road uses SOAP 1.1");
        }
        if (!ENVELOPE.equals(root)) {
            throw invalidSoap("root element " + root + " is not a SOAP 1.1 Envelope");
        }
        boolean rpcEncoded = ENCODING_NS.equals(r.getAttributeValue(ENVELOPE_NS, "encodingStyle"));
        while (nextChild()) {
            QName name = r.getName();
            if (HEADER.equals(name)) {
                if (headerSeen) {
                    throw invalidSoap("the envelope has more than one Header");
                }
                headerSeen = true;
                readHeader();
            } else if (BODY.equals(name)) {
                if (bodySeen) {
                    throw invalidSoap("the envelope has more than one Body");
                }
                bodySeen = true;
                readBody();
            } else {
                skipElement();
            }
        }
        while (r.hasNext()) {
            r.next(); // lets the parser reject anything but comments and whitespace after the root
        }
        if (fault != null) {
            return new Fault(fault);
        }
        SoapHeader header = completeHeader();
        return new Message(header, completeBody(header.service()), rpcEncoded);
    }

    private void readHeader() throws XMLStreamException {
        int count = 0;
        while (nextChild()) {
            if (++count > maxHeaderElements) {
                throw invalidSoap("SOAP Header has more than " + maxHeaderElements + " elements");
            }
            QName name = r.getName();
            String ns = name.getNamespaceURI();
            if (XROAD_NS.equals(ns)) {
                readXRoadHeader(name);
            } else if (RepresentedParty.NAMESPACE.equals(ns) && "representedParty".equals(name.getLocalPart())) {
                requireFirst(name, representedParty);
                representedParty = readRepresentedParty(name);
            } else if (SecurityToken.NAMESPACE.equals(ns) && "securityToken".equals(name.getLocalPart())) {
                requireFirst(name, securityToken);
                Optional<String> type = Optional.ofNullable(r.getAttributeValue(null, "tokenType"));
                securityToken = new SecurityToken(text(name), type);
            } else {
                otherHeaders.add(name);
                skipElement();
            }
        }
    }

    private void readXRoadHeader(QName name) throws XMLStreamException {
        switch (name.getLocalPart()) {
            case "client" -> {
                requireFirst(name, client);
                client = identifier(ClientId.class, "a client (MEMBER or SUBSYSTEM)");
            }
            case "service" -> {
                requireFirst(name, service);
                service = identifier(ServiceId.class, "a SERVICE");
            }
            case "securityServer" -> {
                requireFirst(name, securityServer);
                securityServer = identifier(SecurityServerId.class, "a SERVER");
            }
            case "id" -> {
                requireFirst(name, id);
                id = text(name);
            }
            case "userId" -> {
                requireFirst(name, userId);
                userId = text(name);
            }
            case "issue" -> {
                requireFirst(name, issue);
                issue = text(name);
            }
            case "protocolVersion" -> {
                requireFirst(name, protocolVersion);
                String version = text(name);
                if (!SoapHeader.isSupportedProtocolVersion(version)) {
                    throw new XRoadException(ErrorCode.INVALID_PROTOCOL_VERSION,
                            "invalid protocol version '" + version + "' (supported: 4.x)");
                }
                protocolVersion = version;
            }
            case "requestHash" -> {
                requireFirst(name, requestHash);
                Optional<String> algorithm = Optional.ofNullable(r.getAttributeValue(null, "algorithmId"));
                requestHash = new RequestHash(algorithm, text(name));
            }
            default -> {
                otherHeaders.add(name);
                skipElement();
            }
        }
    }

    private <T extends XRoadId> T identifier(Class<T> kind, String expected) throws XMLStreamException {
        String wrapper = r.getLocalName();
        XRoadId read = IdentifierXml.read(r);
        if (!kind.isInstance(read)) {
            throw new XRoadException(ErrorCode.INVALID_XML, "header <" + wrapper + "> must be " + expected
                    + " identifier, found objectType " + read.objectType());
        }
        return kind.cast(read);
    }

    private RepresentedParty readRepresentedParty(QName wrapper) throws XMLStreamException {
        String partyClass = null;
        String partyCode = null;
        while (nextChild()) {
            QName name = r.getName();
            boolean ours = RepresentedParty.NAMESPACE.equals(name.getNamespaceURI());
            if (ours && "partyClass".equals(name.getLocalPart())) {
                requireFirst(name, partyClass);
                partyClass = text(name);
            } else if (ours && "partyCode".equals(name.getLocalPart())) {
                requireFirst(name, partyCode);
                partyCode = text(name);
            } else {
                throw new XRoadException(ErrorCode.INVALID_XML, "unexpected element " + name + " in " + wrapper);
            }
        }
        if (partyCode == null) {
            throw new XRoadException(ErrorCode.INVALID_XML, wrapper + " has no partyCode");
        }
        return new RepresentedParty(Optional.ofNullable(partyClass), partyCode);
    }

    private void readBody() throws XMLStreamException {
        while (nextChild()) {
            QName name = r.getName();
            if (bodyElement != null || fault != null) {
                throw new XRoadException(ErrorCode.INVALID_BODY,
                        "SOAP Body must have exactly one child element, found another one: " + name);
            }
            if (FAULT.equals(name)) {
                fault = readFault();
            } else {
                bodyElement = name;
                skipElement();
            }
        }
    }

    private SoapFault readFault() throws XMLStreamException {
        String code = "";
        String string = "";
        String actor = null;
        String detail = null;
        while (nextChild()) {
            switch (r.getLocalName()) {
                case "faultcode" -> code = directText().strip();
                case "faultstring" -> string = directText();
                case "faultactor" -> actor = directText();
                case "detail" -> detail = readDetail();
                default -> skipElement();
            }
        }
        return new SoapFault(code, string, Optional.ofNullable(actor), Optional.ofNullable(detail));
    }

    private String readDetail() throws XMLStreamException {
        var direct = new StringBuilder();
        String faultDetail = null;
        while (true) {
            int event = r.next();
            if (event == START_ELEMENT) {
                if (faultDetail == null && "faultDetail".equals(r.getLocalName())) {
                    faultDetail = directText();
                } else {
                    skipElement();
                }
            } else if (event == END_ELEMENT) {
                break;
            } else if (event == CHARACTERS || event == CDATA || event == SPACE) {
                direct.append(r.getText());
            }
        }
        if (faultDetail != null && !faultDetail.isEmpty()) {
            return faultDetail;
        }
        return direct.toString().isBlank() ? null : direct.toString().strip();
    }

    private SoapHeader completeHeader() {
        if (!headerSeen) {
            throw new XRoadException(ErrorCode.MISSING_HEADER, "malformed SOAP message: header missing");
        }
        requirePresent("protocolVersion", protocolVersion);
        requirePresent("client", client);
        requirePresent("id", id);
        if (service == null) {
            throw new XRoadException(ErrorCode.MISSING_HEADER_FIELD, "message header must contain service id");
        }
        var b = SoapHeader.builder().client(client).service(service).id(id).protocolVersion(protocolVersion);
        Optional.ofNullable(userId).ifPresent(b::userId);
        Optional.ofNullable(issue).ifPresent(b::issue);
        Optional.ofNullable(requestHash).ifPresent(b::requestHash);
        Optional.ofNullable(securityServer).ifPresent(b::securityServer);
        Optional.ofNullable(representedParty).ifPresent(b::representedParty);
        Optional.ofNullable(securityToken).ifPresent(b::securityToken);
        otherHeaders.forEach(b::otherHeader);
        return b.build();
    }

    private QName completeBody(ServiceId header) {
        if (!bodySeen) {
            throw new XRoadException(ErrorCode.MISSING_BODY, "malformed SOAP message: body missing");
        }
        if (bodyElement == null) {
            throw new XRoadException(ErrorCode.INVALID_BODY, "SOAP Body must have exactly one child element, found none");
        }
        // X-Road checks a prefix, so that requests (getX) and responses (getXResponse) both pass.
        if (!bodyElement.getLocalPart().startsWith(header.serviceCode())) {
            throw new XRoadException(ErrorCode.INCONSISTENT_HEADERS, "service code '" + header.serviceCode()
                    + "' in the header does not match body element <" + bodyElement.getLocalPart() + ">");
        }
        return bodyElement;
    }

    /** Text-only content of the current element; any child element is {@code InvalidXml}. */
    private String text(QName element) throws XMLStreamException {
        var text = new StringBuilder();
        while (true) {
            int event = r.next();
            switch (event) {
                case CHARACTERS, CDATA, SPACE -> text.append(r.getText());
                case END_ELEMENT -> {
                    return text.toString();
                }
                case START_ELEMENT -> throw new XRoadException(ErrorCode.INVALID_XML,
                        "header " + element + " must contain text only, found element " + r.getName());
                default -> { } // comments and processing instructions
            }
        }
    }

    /** The text directly inside the current element; child elements are skipped. */
    private String directText() throws XMLStreamException {
        var text = new StringBuilder();
        while (true) {
            int event = r.next();
            if (event == START_ELEMENT) {
                skipElement();
            } else if (event == END_ELEMENT) {
                return text.toString();
            } else if (event == CHARACTERS || event == CDATA || event == SPACE) {
                text.append(r.getText());
            }
        }
    }

    private boolean toRootElement() throws XMLStreamException {
        while (r.hasNext()) {
            if (r.next() == START_ELEMENT) {
                return true;
            }
        }
        return false;
    }

    /** Moves to the next child element of the current one (true) or to its end (false). */
    private boolean nextChild() throws XMLStreamException {
        while (true) {
            int event = r.next();
            if (event == START_ELEMENT) {
                return true;
            }
            if (event == END_ELEMENT) {
                return false;
            }
        }
    }

    /** From a START_ELEMENT to its matching END_ELEMENT. */
    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == START_ELEMENT) {
                depth++;
            } else if (event == END_ELEMENT) {
                depth--;
            }
        }
    }

    private static void requireFirst(QName name, Object existing) {
        if (existing != null) {
            throw new XRoadException(ErrorCode.DUPLICATE_HEADER_FIELD, "SOAP header contains duplicate field " + name);
        }
    }

    private static void requirePresent(String field, Object value) {
        if (value == null) {
            throw new XRoadException(ErrorCode.MISSING_HEADER_FIELD, "required header field '" + field + "' is missing");
        }
    }

    static XRoadException invalidSoap(String message) {
        return new XRoadException(ErrorCode.INVALID_SOAP, message);
    }
}
