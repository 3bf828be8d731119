package org.sild.securityserver.messagelog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.XRoadIds;
import org.sild.core.rest.HttpHeader;
import org.sild.core.rest.RestRequest;
import org.sild.core.rest.RestResponse;
import org.sild.core.soap.RepresentedParty;
import org.sild.core.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A {@link MessageLog} that logs only the metadata of messages whose service provider subsystem is
 * configured not to have bodies logged (X-Road's {@code message-body-logging} with its per-subsystem
 * overrides, digest 05 §1.2), and passes every record on to the log it wraps.
 *
 * <p>The provider (the service's subsystem) decides, on both security servers, as in X-Road: the
 * global {@link MessageLogSettings#bodyLogging()} applies unless the provider is listed in
 * {@link MessageLogSettings#bodyLoggingEnabledFor()} (bodies logged) or
 * {@link MessageLogSettings#bodyLoggingDisabledFor()} (metadata only). X-Road keeps separate lists for
 * local and remote producers; one list serves both here, since a subsystem is either one or the other.
 *
 * <p>Metadata only means: a SOAP envelope keeps its envelope element, its headers in the X-Road
 * namespace and {@code representedParty}, and a body holding one empty element named as the original
 * body's first child; a REST request keeps its verb, the path up to the service code (no service path,
 * no query) and the {@code X-Road-*} headers; a REST response keeps status, reason and the
 * {@code X-Road-*} headers; REST bodies are dropped. The signature is kept as it is, so such records
 * are time-stamped but their signatures no longer verify (as in X-Road).
 *
 * <p>Immutable and thread-safe.
 */
public final class BodyLogging implements MessageLog {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final String XROAD_HEADER_PREFIX = "x-road-";

    private final MessageLog delegate;
    private final boolean bodyLogging;
    private final Set<ClientId> enabledFor;
    private final Set<ClientId> disabledFor;

    /**
     * Logs to {@code delegate} what {@code settings} allow.
     *
     * @throws XRoadException for a listed subsystem that is not {@code INSTANCE/CLASS/MEMBER[/SUBSYSTEM]}
     */
    public BodyLogging(MessageLog delegate, MessageLogSettings settings) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.bodyLogging = settings.bodyLogging();
        this.enabledFor = parse(settings.bodyLoggingEnabledFor());
        this.disabledFor = parse(settings.bodyLoggingDisabledFor());
    }

    /** {@code delegate} itself when every message keeps its body under {@code settings}, else a {@link BodyLogging}. */
    public static MessageLog wrap(MessageLog delegate, MessageLogSettings settings) {
        return settings.bodyLogging() && settings.bodyLoggingDisabledFor().isEmpty() ? delegate
                : new BodyLogging(delegate, settings);
    }

    @Override
    public void append(LogRecord record) {
        delegate.append(logged(record));
    }

    @Override
    public void append(LogRecord record, LinkedWrite linked) {
        delegate.append(logged(record), linked);
    }

    private LogRecord logged(LogRecord record) {
        return logsBody(record.service().provider()) ? record : metadataOnly(record);
    }

    /** Whether messages to services of {@code provider} are logged with their bodies. */
    public boolean logsBody(ClientId provider) {
        if (enabledFor.contains(provider)) {
            return true;
        }
        if (disabledFor.contains(provider)) {
            return false;
        }
        return bodyLogging;
    }

    /** {@code record} with only its metadata kept, as described above. */
    static LogRecord metadataOnly(LogRecord record) {
        byte[] message = switch (record.type()) {
            case SOAP -> soapMetadata(record.message());
            case REST -> record.response() ? restResponseMetadata(record.message()) : restRequestMetadata(record.message());
        };
        return new LogRecord(record.queryId(), record.requestId(), record.client(), record.service(), record.response(),
                record.type(), message, Optional.empty(), record.signature(), record.time());
    }

    static byte[] soapMetadata(byte[] envelope) {
        Document doc;
        try {
            doc = SafeXml.documentBuilder().parse(new ByteArrayInputStream(envelope));
        } catch (SAXException | IOException e) {
            throw failed("the SOAP message to log without body is not well-formed XML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        String soapNs = root.getNamespaceURI();
        for (Element child : children(root)) {
            if (!Objects.equals(child.getNamespaceURI(), soapNs)) {
                continue;
            }
            if ("Header".equals(child.getLocalName())) {
                for (Element header : children(child)) {
                    if (!isKeptHeader(header)) {
                        child.removeChild(header);
                    }
                }
            } else if ("Body".equals(child.getLocalName())) {
                List<Element> content = children(child);
                Optional<Element> first = content.stream().findFirst();
                while (child.getFirstChild() != null) {
                    child.removeChild(child.getFirstChild());
                }
                first.ifPresent(e -> child.appendChild(doc.createElementNS(e.getNamespaceURI(), e.getTagName())));
            }
        }
        return serialize(doc);
    }

    static byte[] restRequestMetadata(byte[] headerPart) {
        RestRequest request = RestRequest.parse(headerPart);
        String path = request.path();
        var out = new ByteArrayOutputStream(512);
        line(out, request.method().name());
        line(out, path.substring(0, path.length() - request.servicePath().length()));
        xroadHeaders(out, request.headers());
        return out.toByteArray();
    }

    static byte[] restResponseMetadata(byte[] headerPart) {
        RestResponse response = RestResponse.parse(headerPart);
        var out = new ByteArrayOutputStream(512);
        line(out, Integer.toString(response.status()));
        line(out, response.reason());
        xroadHeaders(out, response.headers());
        return out.toByteArray();
    }

    private static void xroadHeaders(ByteArrayOutputStream out, List<HttpHeader> headers) {
        for (HttpHeader h : headers) {
            if (h.name().regionMatches(true, 0, XROAD_HEADER_PREFIX, 0, XROAD_HEADER_PREFIX.length())) {
                line(out, h.name() + ":" + h.value());
            }
        }
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(CRLF);
    }

    /** The X-Road header set (everything in the xroad.xsd namespace) and {@code representedParty}. */
    private static boolean isKeptHeader(Element header) {
        String ns = header.getNamespaceURI();
        return IdentifierXml.XROAD_NAMESPACE.equals(ns) || RepresentedParty.NAMESPACE.equals(ns);
    }

    private static List<Element> children(Node parent) {
        var out = new ArrayList<Element>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static byte[] serialize(Document doc) {
        try {
            Transformer t = SafeXml.transformerFactory().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            var out = new ByteArrayOutputStream(1024);
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw failed("cannot write the SOAP message without body: " + e.getMessage());
        }
    }

    private static Set<ClientId> parse(List<String> subsystems) {
        return subsystems.stream().map(XRoadIds::parseClientPath).collect(Collectors.toUnmodifiableSet());
    }

    private static XRoadException failed(String message) {
        return new XRoadException(ErrorCode.LOGGING_FAILED, message);
    }

    @Override
    public String toString() {
        return "BodyLogging[" + (bodyLogging ? "bodies" : "metadata only") + ", enabled for " + enabledFor
                + ", disabled for " + disabledFor + "]";
    }
}
