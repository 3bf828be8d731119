package org.sild.securityserver.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.Member;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.xml.SafeXml;
import org.sild.runtime.json.Json;

/**
 * The {@code clientList} of an instance (PR-META Annex A, digest 06 §1): every member and every
 * subsystem in its shared parameters, with the member's name and, for subsystems that have one,
 * the subsystem's name. Immutable.
 */
public record ClientList(List<Entry> clients) {

    /** One client: its identifier, its member's name and its own name when it is a named subsystem. */
    public record Entry(ClientId id, String name, Optional<String> subsystemName) {
    }

    public ClientList {
        clients = List.copyOf(clients);
    }

    /** The clients of the instance these shared parameters describe, members each followed by their subsystems. */
    public static ClientList of(SharedParameters parameters) {
        var list = new ArrayList<Entry>();
        for (Member m : parameters.members()) {
            list.add(new Entry(m.id(), m.name(), Optional.empty()));
            for (Member.Subsystem s : m.subsystems()) {
                list.add(new Entry(s.id(), m.name(), s.name()));
            }
        }
        return new ClientList(list);
    }

    /** The XML answer ({@code text/xml}): {@code xroad:clientList} as X-Road's JAXB writes it. */
    public byte[] xml() {
        var out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = SafeXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.setPrefix("ns1", IdentifierXml.NAMESPACE);
            w.setPrefix("ns2", IdentifierXml.XROAD_NAMESPACE);
            w.writeStartElement("ns2", "clientList", IdentifierXml.XROAD_NAMESPACE);
            w.writeNamespace("ns1", IdentifierXml.NAMESPACE);
            w.writeNamespace("ns2", IdentifierXml.XROAD_NAMESPACE);
            for (Entry e : clients) {
                w.writeStartElement("ns2", "member", IdentifierXml.XROAD_NAMESPACE);
                IdentifierXml.write(w, "ns2", "id", IdentifierXml.XROAD_NAMESPACE, e.id());
                text(w, "name", e.name());
                if (e.subsystemName().isPresent()) {
                    text(w, "subsystemName", e.subsystemName().get());
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot write the client list: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement("ns2", name, IdentifierXml.XROAD_NAMESPACE);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    /** The JSON answer ({@code application/json}): snake_case names, absent values left out. */
    public byte[] json() {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode members = root.putArray("member");
        for (Entry e : clients) {
            ObjectNode m = members.addObject();
            ObjectNode id = m.putObject("id");
            id.put("member_class", e.id().memberClass());
            id.put("member_code", e.id().memberCode());
            e.id().subsystemCode().ifPresent(c -> id.put("subsystem_code", c));
            id.put("object_type", e.id().objectType().name());
            id.put("xroad_instance", e.id().instance());
            m.put("name", e.name());
            e.subsystemName().ifPresent(n -> m.put("subsystem_name", n));
        }
        return Json.write(root);
    }
}
