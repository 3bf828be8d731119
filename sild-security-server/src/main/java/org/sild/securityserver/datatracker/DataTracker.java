package org.sild.securityserver.datatracker;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import org.sild.core.rest.RestRequest;
import org.sild.core.soap.SoapMessage;
import org.sild.core.xml.SafeXml;
import org.sild.runtime.json.Json;
import org.sild.securityserver.messagelog.LinkedWrite;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Personal data usage recording on the provider security server: the server proxy asks it, for
 * every exchange, whether the service is declared ({@link #rest}, {@link #soap}; one map lookup
 * when the provider declares nothing) and, for a declared one, gets a {@link Usage} that finds the
 * subjects and {@linkplain Usage#record records} them before the response is completed.
 *
 * <p>Bodies are read only when the declaration's locator needs them, and only up to
 * {@link DataTrackerSettings#maxBodyBytes()}. Thread-safe; counters are for metrics and tests.
 */
public final class DataTracker {

    /** A spooled request body: its size and a way to read it again. */
    public record RequestBody(long size, Supplier<InputStream> open) {
        public RequestBody {
            Objects.requireNonNull(open, "open");
        }
    }

    private final Declarations declarations;
    private final UsageStore store;
    private final DataTrackerSettings settings;
    private final Clock clock;
    final AtomicLong withoutSubject = new AtomicLong();
    final AtomicLong bodyTooLarge = new AtomicLong();

    public DataTracker(Declarations declarations, UsageStore store, DataTrackerSettings settings, Clock clock) {
        this.declarations = Objects.requireNonNull(declarations, "declarations");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Declarations declarations() {
        return declarations;
    }

    /**
     * Publishes the two counters of exchanges whose person could not be recorded:
     * {@code sild.datatracker.exchanges.without.subject} and {@code sild.datatracker.bodies.too.large}.
     */
    public DataTracker bindMetrics(MeterRegistry registry) {
        FunctionCounter.builder("sild.datatracker.exchanges.without.subject", withoutSubject, AtomicLong::get)
                .description("exchanges with a declared service in which no data subject was found").register(registry);
        FunctionCounter.builder("sild.datatracker.bodies.too.large", bodyTooLarge, AtomicLong::get)
                .description("bodies too large to search for a data subject (data-tracker.max-body-bytes)")
                .register(registry);
        return this;
    }

    /** Exchanges with a declared service in which no subject was found. */
    public long exchangesWithoutSubject() {
        return withoutSubject.get();
    }

    /** Bodies not searched for a subject because they were larger than the limit. */
    public long bodiesTooLarge() {
        return bodyTooLarge.get();
    }

    /** The usage of a REST exchange, when its service or endpoint is declared. */
    public Optional<Usage> rest(RestRequest rest, Optional<RequestBody> body) {
        Optional<Declarations.Match> match = declarations.find(rest.service().provider(),
                rest.service().serviceCode(), rest.method().name(), rest.servicePath());
        if (match.isEmpty()) {
            return Optional.empty();
        }
        PersonalDataDeclaration d = match.get().declaration();
        SubjectLocator locator = d.locator();
        List<String> found = switch (locator.kind()) {
            case PATH -> Optional.ofNullable(match.get().pathVariables().get(locator.name())).stream().toList();
            case QUERY -> QueryString.values(rest.query(), locator.name());
            case HEADER -> rest.headers().stream().filter(h -> h.is(locator.name())).map(h -> h.value()).toList();
            case JSON_POINTER -> body.flatMap(b -> bounded(b.size(), b.open()))
                    .map(bytes -> jsonValues(bytes, locator.name())).orElse(List.of());
            default -> List.of();
        };
        var context = new Usage.Context(rest.client(), rest.service(), Optional.of(endpointOf(d, rest)),
                rest.userId(), rest.issue(), rest.messageId(), Optional.of(rest.requestId()), PduInfo.fromRest(
                rest.headers()));
        return Optional.of(new Usage(this, d, context, found));
    }

    /** The usage of a SOAP exchange, when its service is declared. */
    public Optional<Usage> soap(SoapMessage soap, Optional<String> requestId) {
        var header = soap.header();
        Optional<Declarations.Match> match = declarations.find(header.service().provider(),
                header.service().serviceCode());
        if (match.isEmpty()) {
            return Optional.empty();
        }
        PersonalDataDeclaration d = match.get().declaration();
        Document document = parse(soap.bytes());
        Optional<Element> soapHeader = child(document.getDocumentElement(), "Header");
        Optional<Element> soapBody = child(document.getDocumentElement(), "Body");
        List<String> found = soapBody.map(b -> xpathValues(b, d.locator())).orElse(List.of());
        var context = new Usage.Context(header.client(), header.service(), Optional.empty(), header.userId(),
                header.issue(), header.id(), requestId.filter(r -> !r.isEmpty()), PduInfo.fromSoapHeader(soapHeader));
        return Optional.of(new Usage(this, d, context, found));
    }

    LinkedWrite write(List<UsageRecord> records) {
        return store.write(records);
    }

    Clock clock() {
        return clock;
    }

    int maxBodyBytes() {
        return settings.maxBodyBytes();
    }

    /** The declared endpoint, or for a service-level declaration the request's method and path. */
    private static String endpointOf(PersonalDataDeclaration d, RestRequest rest) {
        return d.endpoint().map(PersonalDataDeclaration.Endpoint::toString)
                .orElse(rest.method().name() + " " + (rest.servicePath().isEmpty() ? "/" : rest.servicePath()));
    }

    /** The body's bytes when it is within the limit (else counted, and none). */
    private Optional<byte[]> bounded(long size, Supplier<InputStream> open) {
        if (size > settings.maxBodyBytes()) {
            bodyTooLarge.incrementAndGet();
            return Optional.empty();
        }
        try (InputStream in = open.get()) {
            return Optional.of(in.readNBytes(settings.maxBodyBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values at {@code pointer} in a JSON document; none when it is not JSON. */
    static List<String> jsonValues(byte[] json, String pointer) {
        Object tree;
        try {
            tree = Json.read(json, Object.class);
        } catch (RuntimeException e) {
            return List.of();
        }
        return JsonPointer.parse(pointer).values(tree);
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilder builder = SafeXml.documentBuilder();
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            // The proxy has parsed this envelope already; it cannot be malformed here.
            throw new IllegalStateException("cannot re-read the SOAP envelope: " + e.getMessage(), e);
        }
    }

    private static Optional<Element> child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The text of each node the locator's XPath selects in the SOAP body (or its string value). */
    static List<String> xpathValues(Element body, SubjectLocator locator) {
        XPathExpression expression = SubjectLocator.compile(locator.name(), locator.namespaces());
        var values = new ArrayList<String>();
        try {
            NodeList nodes = (NodeList) expression.evaluate(body, XPathConstants.NODESET);
            for (int i = 0; i < nodes.getLength(); i++) {
                values.add(nodes.item(i).getTextContent());
            }
        } catch (XPathExpressionException e) {
            try {
                values.add((String) expression.evaluate(body, XPathConstants.STRING));
            } catch (XPathExpressionException notAString) {
                return List.of();
            }
        }
        return values;
    }
}
