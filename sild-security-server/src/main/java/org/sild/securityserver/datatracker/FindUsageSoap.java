package org.sild.securityserver.datatracker;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import org.sild.core.soap.AnswerEnvelope;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * SOAP {@code findUsage} of {@code dumonitor.wsdl}: reads the request's page and writes
 * {@code findUsageResponse}. The WSDL's schema has no {@code elementFormDefault}, so only the global
 * elements ({@code findUsage}, {@code findUsageResponse}) are in its namespace; the local ones
 * ({@code offset}, {@code limit}, {@code usage}, {@code logtime}, {@code action}, {@code receiver})
 * are unqualified, i.e. in no namespace. Stateless.
 */
final class FindUsageSoap {

    /** The WSDL's target namespace. */
    static final String NAMESPACE = "http://dumonitor.x-road.eu/producer";
    private static final String PREFIX = "dum";

    private FindUsageSoap() {
    }

    /** The requested page: offset and limit (capped at {@link FindUsageQuery#MAX_LIMIT}, also the default). */
    record Page(int offset, int limit) {
    }

    /** The request envelope as a DOM (the server proxy has already parsed and verified it). */
    static Document parse(byte[] envelope) {
        return AnswerEnvelope.parse(envelope);
    }

    /** The {@code findUsage} body's offset and limit ({@code InvalidRequest} for another body or a bad number). */
    static Page page(Document request) {
        Element call = children(AnswerEnvelope.body(request)).stream().findFirst()
                .filter(e -> "findUsage".equals(e.getLocalName()))
                .orElseThrow(() -> FindUsageQuery.invalid("the findUsage request has no findUsage element in its body"));
        int offset = number(call, "offset").orElse(0);
        int limit = Math.min(number(call, "limit").orElse(FindUsageQuery.MAX_LIMIT), FindUsageQuery.MAX_LIMIT);
        return new Page(offset, limit);
    }

    /** The envelope with its body replaced by {@code findUsageResponse} listing {@code entries}, as UTF-8. */
    static byte[] response(Document request, List<FindUsageEntry> entries) {
        Element body = AnswerEnvelope.emptyBody(request);
        Element response = request.createElementNS(NAMESPACE, PREFIX + ":findUsageResponse");
        response.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + PREFIX, NAMESPACE);
        if (body.lookupNamespaceURI(null) != null) {
            // The unqualified children must not fall into a default namespace of the envelope.
            response.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", "");
        }
        body.appendChild(response);
        for (FindUsageEntry e : entries) {
            Element usage = request.createElementNS(null, "usage");
            field(usage, "logtime", e.logtime().toString());
            field(usage, "action", e.action());
            field(usage, "receiver", e.receiver());
            response.appendChild(usage);
        }
        return AnswerEnvelope.serialize(request);
    }

    private static void field(Element parent, String name, String value) {
        Element e = parent.getOwnerDocument().createElementNS(null, name);
        e.setTextContent(value);
        parent.appendChild(e);
    }

    private static Optional<Integer> number(Element call, String name) {
        Optional<String> text = children(call).stream().filter(e -> name.equals(e.getLocalName())).findFirst()
                .map(e -> e.getTextContent().strip()).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get();
        try {
            var n = new BigInteger(value.startsWith("+") ? value.substring(1) : value);   // xsd:integer allows +
            if (n.signum() < 0) {
                throw FindUsageQuery.invalid(name + " must not be negative: " + value);
            }
            return Optional.of(n.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue());
        } catch (NumberFormatException e) {
            throw FindUsageQuery.invalid(name + " '" + value + "' is not an integer");
        }
    }

    private static List<Element> children(Node parent) {
        var list = new ArrayList<Element>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }
}
