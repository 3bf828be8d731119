package org.sild.core.management;

import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.management.ManagementRequest.AddressChange;
import org.sild.core.management.ManagementRequest.AuthCertDeletion;
import org.sild.core.management.ManagementRequest.AuthCertReg;
import org.sild.core.management.ManagementRequest.ClientDeletion;
import org.sild.core.management.ManagementRequest.ClientDisable;
import org.sild.core.management.ManagementRequest.ClientEnable;
import org.sild.core.management.ManagementRequest.ClientReg;
import org.sild.core.management.ManagementRequest.ClientRename;
import org.sild.core.management.ManagementRequest.MaintenanceModeDisable;
import org.sild.core.management.ManagementRequest.MaintenanceModeEnable;
import org.sild.core.management.ManagementRequest.OwnerChange;
import org.sild.core.pki.Certificates;
import org.sild.core.xml.XmlValues;

/**
 * The body element of a management request or response in {@code request.xsd}'s shape: the fields
 * of {@link ManagementRequest} as child elements in namespace {@value IdentifierXml#XROAD_NAMESPACE},
 * in schema order, then {@code requestId} in responses.
 *
 * <p>Reading is strict: an unknown, repeated or misplaced element, a missing required one, text
 * between elements or a value that does not fit its type is {@code InvalidXml}; identifiers fail
 * as {@link IdentifierXml} says. A {@code requestId} in a request is {@code InvalidRequest}: the
 * central server assigns it.
 */
final class BodyXml {

    static final String NS = IdentifierXml.XROAD_NAMESPACE;
    static final String PREFIX = "xroad";

    private enum Kind { SERVER, CLIENT, TEXT, CERTIFICATE, BOOLEAN }

    private record Slot(String name, Kind kind, boolean required) {
    }

    private static final Slot SERVER = new Slot("server", Kind.SERVER, true);
    private static final Slot CLIENT = new Slot("client", Kind.CLIENT, true);
    private static final Slot AUTH_CERT = new Slot("authCert", Kind.CERTIFICATE, true);
    private static final String REQUEST_ID = "requestId";

    private BodyXml() {
    }

    private static List<Slot> slots(ManagementRequestType type) {
        return switch (type) {
            case AUTH_CERT_REG -> List.of(SERVER, new Slot("address", Kind.TEXT, false), AUTH_CERT,
                    new Slot("dryRun", Kind.BOOLEAN, false));
            case AUTH_CERT_DELETION -> List.of(SERVER, AUTH_CERT);
            case CLIENT_REG -> List.of(SERVER, CLIENT, new Slot("subsystemName", Kind.TEXT, false));
            case CLIENT_RENAME -> List.of(SERVER, CLIENT, new Slot("subsystemName", Kind.TEXT, true));
            case CLIENT_DELETION, CLIENT_ENABLE, CLIENT_DISABLE, OWNER_CHANGE -> List.of(SERVER, CLIENT);
            case ADDRESS_CHANGE -> List.of(SERVER, new Slot("address", Kind.TEXT, true));
            case MAINTENANCE_MODE_ENABLE -> List.of(SERVER, new Slot("message", Kind.TEXT, false));
            case MAINTENANCE_MODE_DISABLE -> List.of(SERVER);
        };
    }

    /** Writes {@code request} as element {@code xroad:<name>}, with {@code requestId} when given. */
    static void write(XMLStreamWriter w, String name, ManagementRequest request, Optional<Long> requestId)
            throws XMLStreamException {
        w.writeStartElement(PREFIX, name, NS);
        IdentifierXml.write(w, PREFIX, "server", NS, request.server());
        switch (request) {
            case AuthCertReg r -> {
                if (r.address().isPresent()) {
                    text(w, "address", r.address().get());
                }
                text(w, "authCert", Base64.getEncoder().encodeToString(Certificates.encoded(r.authCert())));
                if (r.dryRun().isPresent()) {
                    text(w, "dryRun", r.dryRun().get().toString());
                }
            }
            case AuthCertDeletion r ->
                    text(w, "authCert", Base64.getEncoder().encodeToString(Certificates.encoded(r.authCert())));
            case ClientReg r -> {
                IdentifierXml.write(w, PREFIX, "client", NS, r.client());
                if (r.subsystemName().isPresent()) {
                    text(w, "subsystemName", r.subsystemName().get());
                }
            }
            case ClientDeletion r -> IdentifierXml.write(w, PREFIX, "client", NS, r.client());
            case OwnerChange r -> IdentifierXml.write(w, PREFIX, "client", NS, r.client());
            case AddressChange r -> text(w, "address", r.address());
            case ClientEnable r -> IdentifierXml.write(w, PREFIX, "client", NS, r.client());
            case ClientDisable r -> IdentifierXml.write(w, PREFIX, "client", NS, r.client());
            case ClientRename r -> {
                IdentifierXml.write(w, PREFIX, "client", NS, r.client());
                text(w, "subsystemName", r.subsystemName());
            }
            case MaintenanceModeEnable r -> {
                if (r.message().isPresent()) {
                    text(w, "message", r.message().get());
                }
            }
            case MaintenanceModeDisable r -> {
                // Only the server.
            }
        }
        if (requestId.isPresent()) {
            text(w, REQUEST_ID, requestId.get().toString());
        }
        w.writeEndElement();
    }

    /**
     * Reads the fields of a {@code type} body whose wrapper element the reader is on, leaving it on
     * the wrapper's END_ELEMENT. With {@code response}, {@code requestId} is required and returned.
     */
    static Read read(XMLStreamReader r, ManagementRequestType type, boolean response) throws XMLStreamException {
        String wrapper = r.getLocalName();
        var values = new HashMap<String, Object>();
        int event = nextTag(r, wrapper);
        for (Slot slot : slots(type)) {
            if (event == START_ELEMENT && isField(r, slot.name())) {
                values.put(slot.name(), value(r, slot, wrapper));
                event = nextTag(r, wrapper);
            } else if (slot.required()) {
                throw invalidXml("<" + wrapper + "> lacks <" + slot.name() + ">" + found(r, event));
            }
        }
        Optional<Long> requestId = Optional.empty();
        if (event == START_ELEMENT && isField(r, REQUEST_ID)) {
            if (!response) {
                throw new XRoadException(ErrorCode.INVALID_REQUEST,
                        "<" + wrapper + "> carries a <requestId>; the central server assigns it in the response");
            }
            requestId = Optional.of(requestId(text(r, wrapper, REQUEST_ID)));
            event = nextTag(r, wrapper);
        } else if (response) {
            throw invalidXml("<" + wrapper + "> lacks <requestId>" + found(r, event));
        }
        if (event == START_ELEMENT) {
            throw invalidXml("<" + wrapper + "> has an unexpected element" + found(r, event));
        }
        return new Read(build(type, values, wrapper), requestId);
    }

    /** What {@link #read} found: the request fields and, in a response, the request id. */
    record Read(ManagementRequest request, Optional<Long> requestId) {
    }

    private static ManagementRequest build(ManagementRequestType type, Map<String, Object> v, String wrapper) {
        var server = (SecurityServerId) v.get("server");
        return switch (type) {
            case AUTH_CERT_REG -> new AuthCertReg(server, optional(v, "address"), cert(v),
                    Optional.ofNullable((Boolean) v.get("dryRun")));
            case AUTH_CERT_DELETION -> new AuthCertDeletion(server, cert(v));
            case CLIENT_REG -> new ClientReg(server, client(v), optional(v, "subsystemName"));
            case CLIENT_DELETION -> new ClientDeletion(server, client(v));
            case OWNER_CHANGE -> {
                if (!(client(v) instanceof MemberId owner)) {
                    throw new XRoadException(ErrorCode.INVALID_CLIENT_IDENTIFIER, "<" + wrapper
                            + ">: the new owner in <client> must be a MEMBER, found " + client(v).objectType());
                }
                yield new OwnerChange(server, owner);
            }
            case ADDRESS_CHANGE -> new AddressChange(server, (String) v.get("address"));
            case CLIENT_ENABLE -> new ClientEnable(server, client(v));
            case CLIENT_DISABLE -> new ClientDisable(server, client(v));
            case CLIENT_RENAME -> new ClientRename(server, client(v), (String) v.get("subsystemName"));
            case MAINTENANCE_MODE_ENABLE -> new MaintenanceModeEnable(server, optional(v, "message"));
            case MAINTENANCE_MODE_DISABLE -> new MaintenanceModeDisable(server);
        };
    }

    private static Object value(XMLStreamReader r, Slot slot, String wrapper) throws XMLStreamException {
        return switch (slot.kind()) {
            case SERVER -> IdentifierXml.read(r, SecurityServerId.class);
            case CLIENT -> IdentifierXml.read(r, ClientId.class);
            case TEXT -> text(r, wrapper, slot.name());
            case CERTIFICATE -> {
                byte[] der;
                try {
                    der = XmlValues.decodeBase64(text(r, wrapper, slot.name()));
                } catch (IllegalArgumentException e) {
                    throw invalidXml("<" + wrapper + ">: <" + slot.name() + "> is not valid base64: " + e.getMessage());
                }
                yield Certificates.parseDer(der);
            }
            case BOOLEAN -> {
                String text = text(r, wrapper, slot.name()).strip();
                yield switch (text) {
                    case "true", "1" -> Boolean.TRUE;
                    case "false", "0" -> Boolean.FALSE;
                    default -> throw invalidXml("<" + wrapper + ">: <" + slot.name() + "> '" + text
                            + "' is not a boolean");
                };
            }
        };
    }

    private static long requestId(String text) {
        String t = text.strip();
        try {
            return new BigInteger(t).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalidXml("<requestId> '" + t + "' is not an integer of at most 64 bits");
        }
    }

    private static String text(XMLStreamReader r, String wrapper, String field) {
        try {
            return r.getElementText();
        } catch (XMLStreamException e) {
            throw invalidXml("<" + wrapper + ">: <" + field + "> must contain text only");
        }
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        requireXmlChars(name, value);
        w.writeStartElement(PREFIX, name, NS);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    /** XML 1.0 cannot carry most control characters; refuse them rather than write a broken document. */
    private static void requireXmlChars(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                throw new XRoadException(ErrorCode.INVALID_REQUEST, "<" + name + "> contains the character U+"
                        + String.format("%04X", (int) c) + ", which XML cannot carry");
            }
        }
    }

    private static int nextTag(XMLStreamReader r, String wrapper) {
        try {
            return r.nextTag();
        } catch (XMLStreamException e) {
            throw invalidXml("<" + wrapper + "> must contain elements only: " + e.getMessage());
        }
    }

    private static boolean isField(XMLStreamReader r, String name) {
        return NS.equals(r.getNamespaceURI()) && name.equals(r.getLocalName());
    }

    private static String found(XMLStreamReader r, int event) {
        if (event != START_ELEMENT) {
            return "";
        }
        String ns = r.getNamespaceURI();
        return " (found <" + (NS.equals(ns) ? "" : "{" + (ns == null ? "" : ns) + "}") + r.getLocalName() + ">)";
    }

    private static Optional<String> optional(Map<String, Object> v, String name) {
        return Optional.ofNullable((String) v.get(name));
    }

    private static X509Certificate cert(Map<String, Object> v) {
        return (X509Certificate) v.get("authCert");
    }

    private static ClientId client(Map<String, Object> v) {
        return (ClientId) v.get("client");
    }

    static XRoadException invalidXml(String message) {
        return new XRoadException(ErrorCode.INVALID_XML, message);
    }
}
