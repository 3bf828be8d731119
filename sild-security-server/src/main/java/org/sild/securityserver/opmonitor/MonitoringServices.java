package org.sild.securityserver.opmonitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.soap.AnswerEnvelope;
import org.sild.core.soap.SoapMessage;
import org.sild.core.xml.SafeXml;
import org.sild.runtime.json.Json;

/**
 * The two operational monitoring services the security server answers itself (digest 06 §3.3,
 * §3.5): {@code getSecurityServerOperationalData} and {@code getSecurityServerHealthData}, both
 * addressed to the server owner member.
 *
 * <p>Access is not checked by ACL; the data is filtered: the owner (naming this server in the
 * {@code securityServer} header) and the monitoring client of global configuration see every
 * record, any other client only the records where it is the client or the provider. Thread-safe.
 */
public final class MonitoringServices {

    /** The operational monitoring namespace ({@code om}). */
    public static final String NAMESPACE = "http://x-road.eu/xsd/op-monitoring.xsd";
    public static final String OPERATIONAL_DATA = "getSecurityServerOperationalData";
    public static final String HEALTH_DATA = "getSecurityServerHealthData";
    /** The fixed content id of the records attachment. */
    public static final String RECORDS_CID = "operational-monitoring-data.json.gz";

    private static final Set<String> CODES = Set.of(OPERATIONAL_DATA, HEALTH_DATA);

    /** An answer: the response envelope (request headers echoed, no request hash yet) and, for operational data, the gzipped JSON records. */
    public record Answer(byte[] envelope, Optional<byte[]> records) {
    }

    private final OpMonitor monitor;
    private final OperationalDataQuery query;

    /** The services over {@code monitor}, which must be {@link OpMonitor#enabled() enabled}. */
    public MonitoringServices(OpMonitor monitor) {
        if (!monitor.enabled()) {
            throw new IllegalArgumentException("operational monitoring is off");
        }
        this.monitor = monitor;
        this.query = new OperationalDataQuery(monitor.store(), monitor.settings());
    }

    /** Whether {@code service} is one of these services of the server {@code self} (provider = its owner, no version). */
    public static boolean claims(ServiceId service, SecurityServerId self) {
        return CODES.contains(service.serviceCode()) && service.provider().equals(self.owner());
    }

    /**
     * Answers {@code request} (already verified, addressed to a service {@link #claims claimed}) on the
     * server {@code self}, with the monitoring client of global configuration if there is one.
     *
     * @throws XRoadException {@code Client.InvalidRequest} for an invalid request
     */
    public Answer answer(SoapMessage request, SecurityServerId self, Optional<ClientId> monitoringClient) {
        ClientId caller = request.header().client();
        MonitoringRequest body = MonitoringRequest.read(request.bytes());
        if (request.header().service().serviceCode().equals(HEALTH_DATA)) {
            return new Answer(envelope(request, healthXml(body.client())), Optional.empty());
        }
        boolean owner = request.header().securityServer().isPresent() && caller.equals(self.owner());
        boolean privileged = owner || monitoringClient.filter(caller::equals).isPresent();
        long from = body.recordsFrom().orElseThrow(() -> OperationalDataQuery.invalid("Missing recordsFrom"));
        long to = body.recordsTo().orElseThrow(() -> OperationalDataQuery.invalid("Missing recordsTo"));
        var result = query.run(new OperationalDataQuery.Criteria(from, to, body.client(), body.outputFields()),
                monitor.now().getEpochSecond(), privileged, caller);
        String xml = operationalXml(result.records().size(), result.nextRecordsFrom());
        return new Answer(envelope(request, xml), Optional.of(gzip(Map.of("records", result.records()))));
    }

    private static String operationalXml(int count, Optional<Long> next) {
        return write(w -> {
            w.writeStartElement("om", OPERATIONAL_DATA + "Response", NAMESPACE);
            w.writeNamespace("om", NAMESPACE);
            text(w, "recordsCount", Integer.toString(count));
            text(w, "records", "cid:" + RECORDS_CID);
            if (next.isPresent()) {
                text(w, "nextRecordsFrom", next.get().toString());
            }
            w.writeEndElement();
        });
    }

    private String healthXml(Optional<ClientId> provider) {
        List<HealthStatistics.ServiceHealth> services = monitor.health().snapshot(monitor.now(), provider);
        return write(w -> {
            w.writeStartElement("om", HEALTH_DATA + "Response", NAMESPACE);
            w.writeNamespace("om", NAMESPACE);
            w.writeNamespace(IdentifierXml.PREFIX, IdentifierXml.NAMESPACE);
            text(w, "monitoringStartupTimestamp", Long.toString(monitor.health().startup().toEpochMilli()));
            text(w, "statisticsPeriodSeconds", Long.toString(monitor.health().period().toSeconds()));
            w.writeStartElement("om", "servicesEvents", NAMESPACE);
            for (HealthStatistics.ServiceHealth s : services) {
                w.writeStartElement("om", "serviceEvents", NAMESPACE);
                IdentifierXml.write(w, "om", "service", NAMESPACE, s.service());
                if (s.lastSuccessful().isPresent()) {
                    text(w, "lastSuccessfulRequestTimestamp", s.lastSuccessful().get().toString());
                }
                if (s.lastUnsuccessful().isPresent()) {
                    text(w, "lastUnsuccessfulRequestTimestamp", s.lastUnsuccessful().get().toString());
                }
                if (s.serviceType().isPresent()) {
                    text(w, "serviceType", s.serviceType().get());
                }
                w.writeStartElement("om", "lastPeriodStatistics", NAMESPACE);
                text(w, "successfulRequestCount", Integer.toString(s.successfulCount()));
                text(w, "unsuccessfulRequestCount", Integer.toString(s.unsuccessfulCount()));
                if (s.successfulCount() > 0) {
                    figures(w, "request", "Duration", s.duration());
                    figures(w, "request", "Size", s.requestSize());
                    figures(w, "response", "Size", s.responseSize());
                }
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private static void figures(XMLStreamWriter w, String what, String measure, HealthStatistics.Figures f)
            throws XMLStreamException {
        text(w, what + "Min" + measure, Long.toString(f.min()));
        text(w, what + "Average" + measure, Double.toString(f.average()));
        text(w, what + "Max" + measure, Long.toString(f.max()));
        text(w, what + measure + "StdDev", Double.toString(f.stdDev()));
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement("om", name, NAMESPACE);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private interface XmlWork {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String write(XmlWork work) {
        var out = new StringWriter();
        try {
            XMLStreamWriter w = SafeXml.outputFactory().createXMLStreamWriter(out);
            work.write(w);
            w.close();
        } catch (XMLStreamException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot write the monitoring response: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** The request's envelope with its body replaced by {@code bodyXml}: every header echoed as the request had it. */
    private static byte[] envelope(SoapMessage request, String bodyXml) {
        return AnswerEnvelope.withBody(request.bytes(), bodyXml.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(Object json) {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(Json.write(json));
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot compress the records: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
