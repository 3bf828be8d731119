package org.sild.core.id;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.xml.SafeXml;

/**
 * Reads and writes identifiers in their XML form: an element with the namespace-qualified
 * attribute {@code id:objectType} and child elements from {@value #NAMESPACE} in fixed order.
 *
 * <pre>{@code
 * <xrd:client id:objectType="SUBSYSTEM">
 *   <id:xRoadInstance>EE</id:xRoadInstance><id:memberClass>GOV</id:memberClass>
 *   <id:memberCode>123</id:memberCode><id:subsystemCode>sub</id:subsystemCode>
 * </xrd:client>
 * }</pre>
 *
 * <p>Structural errors (no or unknown {@code objectType}, unknown or repeated or misordered
 * children, nested markup) are {@code InvalidXml}; children that do not fit the declared type are
 * {@code InvalidClientIdentifier} for clients and {@code InvalidXml} otherwise.
 */
public final class IdentifierXml {

    /** Namespace of the identifier elements and of {@code objectType}. */
    public static final String NAMESPACE = "http://x-road.eu/xsd/identifiers";
    /** Conventional prefix for {@link #NAMESPACE}. */
    public static final String PREFIX = "id";
    /** Namespace of X-Road message headers ({@code client}, {@code service}, ...). */
    public static final String XROAD_NAMESPACE = "http://x-road.eu/xsd/xroad.xsd";

    /** Child elements in the only order the schema allows. */
    enum Field { xRoadInstance, memberClass, memberCode, subsystemCode, groupCode, serviceCode, serviceVersion, serverCode }

    private IdentifierXml() {
    }

    /**
     * Reads the identifier whose wrapper element the reader is positioned on (START_ELEMENT) and
     * leaves the reader on the wrapper's END_ELEMENT.
     */
    public static XRoadId read(XMLStreamReader r) throws XMLStreamException {
        String wrapper = r.getLocalName();
        String typeText = r.getAttributeValue(NAMESPACE, "objectType");
        if (typeText == null) {
            throw invalidXml("<" + wrapper + "> has no id:objectType attribute (namespace " + NAMESPACE + ")");
        }
        ObjectType type;
        try {
            type = ObjectType.valueOf(typeText.strip());
        } catch (IllegalArgumentException e) {
            throw invalidXml("<" + wrapper + "> has unknown id:objectType '" + typeText + "'");
        }
        var values = new EnumMap<Field, String>(Field.class);
        Field last = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = r.getLocalName();
            if (!NAMESPACE.equals(r.getNamespaceURI())) {
                throw invalidXml("<" + wrapper + "> contains <" + name + "> outside namespace " + NAMESPACE);
            }
            Field field;
            try {
                field = Field.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw invalidXml("<" + wrapper + "> contains unknown element <id:" + name + ">");
            }
            if (values.containsKey(field)) {
                throw invalidXml("<" + wrapper + "> repeats <id:" + name + ">");
            }
            if (last != null && field.ordinal() < last.ordinal()) {
                throw invalidXml("<" + wrapper + ">: <id:" + name + "> must come before <id:" + last + ">");
            }
            String text;
            try {
                text = r.getElementText();
            } catch (XMLStreamException e) {
                throw invalidXml("<" + wrapper + ">: <id:" + name + "> must contain text only");
            }
            values.put(field, text);
            last = field;
        }
        return build(wrapper, type, values);
    }

    /** Reads an identifier and checks that it is of the expected kind. */
    public static <T extends XRoadId> T read(XMLStreamReader r, Class<T> expected) throws XMLStreamException {
        String wrapper = r.getLocalName();
        XRoadId id = read(r);
        if (!expected.isInstance(id)) {
            ErrorCode code = expected == ClientId.class ? ErrorCode.INVALID_CLIENT_IDENTIFIER : ErrorCode.INVALID_XML;
            throw new XRoadException(code, "<" + wrapper + "> must be a " + kindName(expected)
                    + " identifier, found " + id.objectType());
        }
        return expected.cast(id);
    }

    /**
     * Writes {@code id} as element {@code prefix:localName} in {@code namespace}. The caller's writer
     * must already have {@link #PREFIX} bound to {@link #NAMESPACE}, or the element declares it.
     */
    public static void write(XMLStreamWriter w, String prefix, String localName, String namespace, XRoadId id)
            throws XMLStreamException {
        w.writeStartElement(prefix, localName, namespace);
        String idPrefix = w.getNamespaceContext().getPrefix(NAMESPACE);
        if (idPrefix == null) {
            idPrefix = PREFIX;
            w.writeNamespace(PREFIX, NAMESPACE);
        }
        w.writeAttribute(idPrefix, NAMESPACE, "objectType", id.objectType().name());
        for (Map.Entry<Field, String> e : fields(id).entrySet()) {
            w.writeStartElement(idPrefix, e.getKey().name(), NAMESPACE);
            w.writeCharacters(e.getValue());
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    /** A standalone element {@code xrd:localName} with its namespace declarations. */
    public static String toXml(String localName, XRoadId id) {
        var out = new StringWriter();
        try {
            XMLStreamWriter w = SafeXml.outputFactory().createXMLStreamWriter(out);
            w.setPrefix("xrd", XROAD_NAMESPACE);
            w.setPrefix(PREFIX, NAMESPACE);
            w.writeStartElement("xrd", localName, XROAD_NAMESPACE);
            w.writeNamespace("xrd", XROAD_NAMESPACE);
            w.writeNamespace(PREFIX, NAMESPACE);
            w.writeAttribute(PREFIX, NAMESPACE, "objectType", id.objectType().name());
            for (Map.Entry<Field, String> e : fields(id).entrySet()) {
                w.writeStartElement(PREFIX, e.getKey().name(), NAMESPACE);
                w.writeCharacters(e.getValue());
                w.writeEndElement();
            }
            w.writeEndElement();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /** Parses a standalone identifier element (an XML document whose root is the identifier). */
    public static XRoadId parse(String xml) {
        try {
            XMLStreamReader r = SafeXml.reader(new StringReader(xml));
            r.nextTag();
            XRoadId id = read(r);
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    throw invalidXml("content after the identifier element");
                }
            }
            return id;
        } catch (XMLStreamException e) {
            throw new XRoadException(ErrorCode.INVALID_XML, "malformed identifier XML: " + e.getMessage(), e);
        }
    }

    static Map<Field, String> fields(XRoadId id) {
        var m = new EnumMap<Field, String>(Field.class);
        switch (id) {
            case MemberId c -> putMember(m, c);
            case SubsystemId c -> {
                putMember(m, c.member());
                m.put(Field.subsystemCode, c.subsystem());
            }
            case ServiceId s -> {
                putMember(m, s.provider().member());
                s.provider().subsystemCode().ifPresent(v -> m.put(Field.subsystemCode, v));
                m.put(Field.serviceCode, s.serviceCode());
                s.serviceVersion().ifPresent(v -> m.put(Field.serviceVersion, v));
            }
            case SecurityServerId s -> {
                putMember(m, s.owner());
                m.put(Field.serverCode, s.serverCode());
            }
            case GlobalGroupId g -> {
                m.put(Field.xRoadInstance, g.instance());
                m.put(Field.groupCode, g.groupCode());
            }
            case LocalGroupId g -> m.put(Field.groupCode, g.groupCode());
            case CentralServiceId c -> {
                m.put(Field.xRoadInstance, c.instance());
                m.put(Field.serviceCode, c.serviceCode());
            }
        }
        return m;
    }

    private static void putMember(Map<Field, String> m, MemberId member) {
        m.put(Field.xRoadInstance, member.instance());
        m.put(Field.memberClass, member.memberClass());
        m.put(Field.memberCode, member.memberCode());
    }

    private static XRoadId build(String wrapper, ObjectType type, EnumMap<Field, String> v) {
        List<Field> required = switch (type) {
            case MEMBER -> List.of(Field.xRoadInstance, Field.memberClass, Field.memberCode);
            case SUBSYSTEM -> List.of(Field.xRoadInstance, Field.memberClass, Field.memberCode, Field.subsystemCode);
            case SERVICE -> List.of(Field.xRoadInstance, Field.memberClass, Field.memberCode, Field.serviceCode);
            case SERVER -> List.of(Field.xRoadInstance, Field.memberClass, Field.memberCode, Field.serverCode);
            case GLOBALGROUP -> List.of(Field.xRoadInstance, Field.groupCode);
            case LOCALGROUP -> List.of(Field.groupCode);
            case CENTRALSERVICE -> List.of(Field.xRoadInstance, Field.serviceCode);
        };
        List<Field> optional = type == ObjectType.SERVICE
                ? List.of(Field.subsystemCode, Field.serviceVersion) : List.of();
        ErrorCode code = type == ObjectType.MEMBER || type == ObjectType.SUBSYSTEM
                ? ErrorCode.INVALID_CLIENT_IDENTIFIER : ErrorCode.INVALID_XML;
        for (Field f : required) {
            if (!v.containsKey(f)) {
                throw new XRoadException(code, "<" + wrapper + "> of type " + type + " lacks <id:" + f + ">");
            }
        }
        for (Field f : v.keySet()) {
            if (!required.contains(f) && !optional.contains(f)) {
                throw new XRoadException(code, "<" + wrapper + "> of type " + type + " must not have <id:" + f + ">");
            }
        }
        try {
            var member = required.contains(Field.memberCode)
                    ? new MemberId(v.get(Field.xRoadInstance), v.get(Field.memberClass), v.get(Field.memberCode))
                    : null;
            return switch (type) {
                case MEMBER -> member;
                case SUBSYSTEM -> member.subsystem(v.get(Field.subsystemCode));
                case SERVICE -> new ServiceId(
                        v.containsKey(Field.subsystemCode) ? member.subsystem(v.get(Field.subsystemCode)) : member,
                        v.get(Field.serviceCode), Optional.ofNullable(v.get(Field.serviceVersion)));
                case SERVER -> new SecurityServerId(member, v.get(Field.serverCode));
                case GLOBALGROUP -> new GlobalGroupId(v.get(Field.xRoadInstance), v.get(Field.groupCode));
                case LOCALGROUP -> new LocalGroupId(v.get(Field.groupCode));
                case CENTRALSERVICE -> new CentralServiceId(v.get(Field.xRoadInstance), v.get(Field.serviceCode));
            };
        } catch (XRoadException e) {
            throw new XRoadException(code, "<" + wrapper + ">: " + e.getMessage(), e);
        }
    }

    private static String kindName(Class<?> kind) {
        if (kind == ClientId.class) {
            return "client (MEMBER or SUBSYSTEM)";
        }
        return kind.getSimpleName().replace("Id", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static XRoadException invalidXml(String message) {
        return new XRoadException(ErrorCode.INVALID_XML, message);
    }
}
