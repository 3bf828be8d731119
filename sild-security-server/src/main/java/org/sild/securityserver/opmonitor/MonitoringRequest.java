package org.sild.securityserver.opmonitor;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.xml.SafeXml;

/**
 * The body of a monitoring request as read from its SOAP envelope: the time window, the client
 * filter and the output fields ({@code om:} elements of op-monitoring.xsd, wherever in the body).
 *
 * <p>Immutable.
 */
record MonitoringRequest(Optional<Long> recordsFrom, Optional<Long> recordsTo, Optional<ClientId> client,
        List<String> outputFields) {

    /** At most this many output fields are accepted (the schema's field list is far shorter). */
    static final int MAX_OUTPUT_FIELDS = 200;

    MonitoringRequest {
        outputFields = List.copyOf(outputFields);
    }

    /** Reads {@code envelope} ({@code Client.InvalidRequest} when the values are not what the schema says). */
    static MonitoringRequest read(byte[] envelope) {
        Optional<Long> from = Optional.empty();
        Optional<Long> to = Optional.empty();
        Optional<ClientId> client = Optional.empty();
        var fields = new ArrayList<String>();
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(envelope));
            boolean inBody = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (r.getLocalName().equals("Body")) {
                    inBody = true;
                }
                if (!inBody || !MonitoringServices.NAMESPACE.equals(r.getNamespaceURI())) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "recordsFrom" -> from = Optional.of(number(r));
                    case "recordsTo" -> to = Optional.of(number(r));
                    case "client" -> client = Optional.of(IdentifierXml.read(r, ClientId.class));
                    case "outputField" -> {
                        if (fields.size() >= MAX_OUTPUT_FIELDS) {
                            throw OperationalDataQuery.invalid("More than " + MAX_OUTPUT_FIELDS + " output fields");
                        }
                        fields.add(r.getElementText().strip());
                    }
                    default -> {
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw OperationalDataQuery.invalid("Cannot read the request: " + e.getMessage());
        } catch (XRoadException e) {
            throw e.code().segments().get(0).equalsIgnoreCase("Client") ? e
                    : OperationalDataQuery.invalid("Invalid client in search criteria: " + e.getMessage());
        }
        return new MonitoringRequest(from, to, client, fields);
    }

    private static long number(XMLStreamReader r) throws XMLStreamException {
        String name = r.getLocalName();
        String text = r.getElementText().strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw OperationalDataQuery.invalid("Invalid " + name + " '" + text + "': not an integer");
        }
    }
}
