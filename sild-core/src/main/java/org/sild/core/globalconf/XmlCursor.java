package org.sild.core.globalconf;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.MemberId;
import org.sild.core.xml.SafeXml;

/**
 * A cursor over a hardened StAX reader for the sequence-shaped configuration documents: the root in
 * the X-Road namespace, children unqualified, each element read in schema order.
 *
 * <p>The cursor always rests either on the START_ELEMENT of the next child of the current parent
 * or on the parent's END_ELEMENT. Errors carry the document's fault code and name the element
 * path, for example {@code conf/securityServer[3]/client}. Not thread-safe; one per document.
 */
final class XmlCursor {

    private final XMLStreamReader r;
    private final ErrorCode code;
    private final String document;
    private final Deque<String> path = new ArrayDeque<>();

    private XmlCursor(XMLStreamReader r, ErrorCode code, String document) {
        this.r = r;
        this.code = code;
        this.document = document;
    }

    /** Opens {@code xml} and checks that its root is {@code root} in the X-Road namespace. */
    static XmlCursor open(byte[] xml, String root, ErrorCode code, String document, int maxSize) {
        if (xml.length > maxSize) {
            throw new XRoadException(code, document + " is larger than " + maxSize + " bytes");
        }
        try {
            XMLStreamReader reader = SafeXml.reader(new ByteArrayInputStream(xml));
            var cursor = new XmlCursor(reader, code, document);
            reader.nextTag();
            if (!root.equals(reader.getLocalName()) || !IdentifierXml.XROAD_NAMESPACE.equals(reader.getNamespaceURI())) {
                String ns = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
                throw cursor.error("root element is {" + ns + "}" + reader.getLocalName()
                        + ", expected {" + IdentifierXml.XROAD_NAMESPACE + "}" + root);
            }
            cursor.path.push(root);
            reader.nextTag();
            return cursor;
        } catch (XMLStreamException e) {
            throw new XRoadException(code, document + " is not well-formed XML: " + describe(e));
        }
    }

    XRoadException error(String message) {
        return new XRoadException(code, document + ": " + message);
    }

    /** The element path of the current parent, for messages. */
    String where() {
        var sb = new StringBuilder();
        path.descendingIterator().forEachRemaining(p -> sb.append(sb.isEmpty() ? "" : "/").append(p));
        return sb.toString();
    }

    /** Whether the cursor rests on an unqualified child element {@code name}. */
    boolean at(String name) {
        return r.getEventType() == XMLStreamConstants.START_ELEMENT && name.equals(r.getLocalName())
                && isUnqualified();
    }

    /** Whether the cursor rests on the end of the current parent. */
    boolean atEnd() {
        return r.getEventType() == XMLStreamConstants.END_ELEMENT;
    }

    /** Enters the required child {@code name} (labelled {@code label} in messages); the cursor moves to its first child. */
    void enter(String name, String label) {
        require(name);
        path.push(label);
        next();
    }

    void enter(String name) {
        enter(name, name);
    }

    /** Leaves the current element, which must have no further children. */
    void leave() {
        if (!atEnd()) {
            throw error("unexpected element <" + r.getLocalName() + "> in " + where());
        }
        path.pop();
        next();
    }

    /** The text of the required child {@code name}, stripped. */
    String text(String name) {
        require(name);
        String text;
        try {
            text = r.getElementText().strip();
        } catch (XMLStreamException e) {
            throw error("<" + name + "> in " + where() + " must contain text only");
        }
        next();
        return text;
    }

    Optional<String> optionalText(String name) {
        return at(name) ? Optional.of(text(name)) : Optional.empty();
    }

    boolean bool(String name) {
        String t = text(name);
        return switch (t) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw error("<" + name + "> in " + where() + " is '" + t + "', not a boolean");
        };
    }

    Optional<Boolean> optionalBool(String name) {
        return at(name) ? Optional.of(bool(name)) : Optional.empty();
    }

    /** An {@code xs:integer} or {@code xs:int} that must fit an int. */
    int integer(String name) {
        String t = text(name);
        try {
            return new BigInteger(t.startsWith("+") ? t.substring(1) : t).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw error("<" + name + "> in " + where() + " is '" + t + "', not an integer in the int range");
        }
    }

    byte[] base64(String name) {
        String t = text(name);
        return Certificates.decodeBase64(t, code, document + ": <" + name + "> in " + where());
    }

    Instant dateTime(String name) {
        String t = text(name);
        try {
            return DirectoryEntries.parseDate(t);
        } catch (XRoadException e) {
            throw error("<" + name + "> in " + where() + " is '" + t + "', not an xs:dateTime");
        }
    }

    /** A client identifier child {@code name} ({@code id:objectType} MEMBER or SUBSYSTEM). */
    ClientId clientId(String name) {
        require(name);
        ClientId id;
        try {
            id = IdentifierXml.read(r, ClientId.class);
        } catch (XRoadException e) {
            throw error("<" + name + "> in " + where() + ": " + e.getMessage());
        } catch (XMLStreamException e) {
            throw error("<" + name + "> in " + where() + ": " + describe(e));
        }
        next();
        return id;
    }

    /**
     * A global group member. X-Road reads these leniently: an identifier typed MEMBER that carries a
     * {@code subsystemCode} (as in X-Road's own test configurations) denotes that subsystem.
     */
    ClientId groupMember(String name) {
        require(name);
        String type = r.getAttributeValue(IdentifierXml.NAMESPACE, "objectType");
        if (!"MEMBER".equals(type) && !"SUBSYSTEM".equals(type)) {
            throw error("<" + name + "> in " + where() + " has id:objectType '" + type + "', expected MEMBER or SUBSYSTEM");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        path.push(name);
        next();
        while (!atEnd()) {
            String field = r.getLocalName();
            boolean known = IdentifierXml.NAMESPACE.equals(r.getNamespaceURI())
                    && List.of("xRoadInstance", "memberClass", "memberCode", "subsystemCode").contains(field);
            if (!known || fields.containsKey(field)) {
                throw error("unexpected element <" + field + "> in " + where());
            }
            try {
                fields.put(field, r.getElementText().strip());
            } catch (XMLStreamException e) {
                throw error("<" + field + "> in " + where() + " must contain text only");
            }
            next();
        }
        String where = where();
        path.pop();
        next();
        if ("SUBSYSTEM".equals(type) && !fields.containsKey("subsystemCode")) {
            throw error(where + " is a SUBSYSTEM without <id:subsystemCode>");
        }
        try {
            var member = new MemberId(fields.get("xRoadInstance"), fields.get("memberClass"), fields.get("memberCode"));
            String subsystem = fields.get("subsystemCode");
            return subsystem == null ? member : member.subsystem(subsystem);
        } catch (XRoadException e) {
            throw error(where + ": " + e.getMessage());
        }
    }

    /** An attribute of the element the cursor rests on. */
    Optional<String> attribute(String name) {
        return Optional.ofNullable(r.getAttributeValue(null, name));
    }

    /** Skips the element the cursor rests on, whatever it contains. */
    void skip() {
        int depth = 0;
        try {
            while (true) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            throw error("not well-formed XML in " + where() + ": " + describe(e));
        }
        next();
    }

    /** Skips the trailing {@code xs:any} extension elements of the current parent. */
    void skipExtensions() {
        while (!atEnd()) {
            skip();
        }
    }

    /** After the root has been left: checks nothing but comments and whitespace follow. */
    void finish() {
        try {
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    throw error("content after the root element");
                }
            }
        } catch (XMLStreamException e) {
            throw error("not well-formed XML after the root element: " + describe(e));
        }
    }

    /** Leaves the root element and checks the rest of the document. */
    void close() {
        if (!atEnd()) {
            throw error("unexpected element <" + r.getLocalName() + "> in " + where());
        }
        path.pop();
        finish();
    }

    private void require(String name) {
        if (!at(name)) {
            if (atEnd()) {
                throw error("missing <" + name + "> in " + where());
            }
            String found = r.getLocalName();
            String ns = r.getNamespaceURI();
            throw error("expected <" + name + "> in " + where() + ", found <"
                    + (ns == null || ns.isEmpty() ? found : "{" + ns + "}" + found) + ">");
        }
    }

    private boolean isUnqualified() {
        String ns = r.getNamespaceURI();
        return ns == null || ns.isEmpty();
    }

    private void next() {
        try {
            r.nextTag();
        } catch (XMLStreamException e) {
            throw error("not well-formed XML in " + where() + ": " + describe(e));
        }
    }

    private static String describe(XMLStreamException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // The JDK prefixes "ParseError at [row,col]" on a line of its own; keep the message and the line.
        String last = m.substring(m.lastIndexOf('\n') + 1).replaceFirst("^Message: ", "").strip();
        return e.getLocation() == null ? last : last + " (line " + e.getLocation().getLineNumber() + ")";
    }
}
