package org.sild.securityserver.envmonitor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.xml.SafeXml;

/**
 * The XML of {@code getSecurityServerMetrics}: the output fields of a request and the response
 * envelope with its metric set (monitoring.xsd). Stateless.
 */
final class MetricsXml {

    /** The environmental monitoring namespace ({@code m}). */
    static final String NAMESPACE = "http://x-road.eu/xsd/monitoring";
    /** At most this many output fields are accepted. */
    static final int MAX_OUTPUT_FIELDS = 200;
    private static final int MAX_FIELD_LENGTH = 256;

    private MetricsXml() {
    }

    /** Every {@code m:outputField} of the request's body, in order ({@code Client.InvalidRequest} past the bounds). */
    static List<String> outputFields(byte[] envelope) {
        var fields = new ArrayList<String>();
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(envelope));
            boolean inBody = false;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                inBody |= r.getLocalName().equals("Body");
                if (inBody && NAMESPACE.equals(r.getNamespaceURI()) && r.getLocalName().equals("outputField")) {
                    String field = r.getElementText().strip();
                    if (fields.size() >= MAX_OUTPUT_FIELDS || field.length() > MAX_FIELD_LENGTH) {
                        throw invalid("More than " + MAX_OUTPUT_FIELDS + " output fields or one longer than "
                                + MAX_FIELD_LENGTH + " characters");
                    }
                    fields.add(field);
                }
            }
        } catch (XMLStreamException e) {
            throw invalid("Cannot read the request: " + e.getMessage());
        }
        return fields;
    }

    private static XRoadException invalid(String message) {
        return new XRoadException(ErrorCode.INVALID_REQUEST, message);
    }

    /** The {@code m:getSecurityServerMetricsResponse} element holding {@code top}. */
    static byte[] responseBody(Metric.Set top) {
        var out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = SafeXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartElement("m", "getSecurityServerMetricsResponse", NAMESPACE);
            w.writeNamespace("m", NAMESPACE);
            write(w, top);
            w.writeEndElement();
            w.close();
        } catch (XMLStreamException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot write the metrics: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void write(XMLStreamWriter w, Metric metric) throws XMLStreamException {
        switch (metric) {
            case Metric.Set s -> {
                w.writeStartElement("m", "metricSet", NAMESPACE);
                text(w, "name", s.name());
                for (Metric m : s.metrics()) {
                    write(w, m);
                }
                w.writeEndElement();
            }
            case Metric.Numeric n -> {
                w.writeStartElement("m", "numericMetric", NAMESPACE);
                text(w, "name", n.name());
                text(w, "value", n.value().toPlainString());
                w.writeEndElement();
            }
            case Metric.Text t -> {
                w.writeStartElement("m", "stringMetric", NAMESPACE);
                text(w, "name", t.name());
                text(w, "value", t.value());
                w.writeEndElement();
            }
            case Metric.Histogram h -> {
                w.writeStartElement("m", "histogramMetric", NAMESPACE);
                text(w, "name", h.name());
                text(w, "updated", h.updated().toString());
                text(w, "min", Long.toString(h.min()));
                text(w, "max", Long.toString(h.max()));
                text(w, "mean", decimal(h.mean()));
                text(w, "median", decimal(h.median()));
                text(w, "stddev", decimal(h.stddev()));
                w.writeEndElement();
            }
        }
    }

    /** An {@code xs:decimal}: plain digits, never an exponent. */
    private static String decimal(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement("m", name, NAMESPACE);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
