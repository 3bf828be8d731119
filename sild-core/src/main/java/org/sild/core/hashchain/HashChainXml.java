package org.sild.core.hashchain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.hashchain.ChainModel.Chain;
import org.sild.core.hashchain.ChainModel.DataRef;
import org.sild.core.hashchain.ChainModel.HashValue;
import org.sild.core.hashchain.ChainModel.Result;
import org.sild.core.hashchain.ChainModel.Step;
import org.sild.core.hashchain.ChainModel.StepRef;
import org.sild.core.hashchain.ChainModel.Value;
import org.sild.core.xml.SafeXml;
import org.sild.core.xml.XmlValues;

/**
 * Writes hash chain documents byte-stably in X-Road 7's layout, and reads them strictly (the shape of
 * {@code hashchain.xsd}; anything else is {@code MalformedHashChain}).
 */
final class HashChainXml {

    static final String NAMESPACE = "http://cyber.ee/hashchain";
    static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    /** Largest hash chain document accepted. */
    static final int MAX_DOCUMENT_BYTES = 1 << 20;

    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final String NAMESPACES = " xmlns=\"" + DSIG + "\" xmlns:ns2=\"" + NAMESPACE + "\"";

    private HashChainXml() {
    }

    // ---- writing --------------------------------------------------------------------------------------

    static byte[] writeResult(Result result) {
        var out = new StringBuilder(HEADER);
        out.append("<ns2:HashChainResult URI=\"").append(XmlValues.escapeAttribute(result.uri())).append('"').append(NAMESPACES)
                .append(">\n");
        out.append("    <DigestMethod Algorithm=\"").append(XmlValues.escapeAttribute(result.digestMethod())).append("\"/>\n");
        out.append("    <DigestValue>").append(base64(result.digest())).append("</DigestValue>\n");
        out.append("</ns2:HashChainResult>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] writeChain(Chain chain) {
        var out = new StringBuilder(HEADER);
        out.append("<ns2:HashChain").append(NAMESPACES).append(">\n");
        chain.defaultDigestMethod().ifPresent(m ->
                out.append("    <ns2:DefaultDigestMethod Algorithm=\"").append(XmlValues.escapeAttribute(m)).append("\"/>\n"));
        for (Step step : chain.steps()) {
            out.append("    <ns2:HashStep id=\"").append(XmlValues.escapeAttribute(step.id())).append("\">\n");
            for (Value value : step.values()) {
                writeValue(out, value);
            }
            out.append("    </ns2:HashStep>\n");
        }
        out.append("</ns2:HashChain>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeValue(StringBuilder out, Value value) {
        // The builder never writes per-value digest methods or transforms: the chain default covers them.
        switch (value) {
            case HashValue v -> out.append("        <ns2:HashValue>\n")
                    .append("            <DigestValue>").append(base64(v.digest())).append("</DigestValue>\n")
                    .append("        </ns2:HashValue>\n");
            case StepRef v -> out.append("        <ns2:StepRef URI=\"").append(XmlValues.escapeAttribute(v.uri())).append("\"/>\n");
            case DataRef v -> out.append("        <ns2:DataRef URI=\"").append(XmlValues.escapeAttribute(v.uri())).append("\">\n")
                    .append("            <DigestValue>").append(base64(v.digest())).append("</DigestValue>\n")
                    .append("        </ns2:DataRef>\n");
        }
    }

    private static String base64(byte[] value) {
        return Base64.getEncoder().encodeToString(value);
    }

    // ---- reading --------------------------------------------------------------------------------------

    static Result readResult(byte[] xml) {
        return parse(xml, "HashChainResult", r -> {
            String uri = required(r, "URI");
            noOtherAttributes(r, "URI");
            nextStart(r, DSIG, "DigestMethod");
            String method = readDigestMethod(r);
            nextStart(r, DSIG, "DigestValue");
            byte[] digest = readBase64(r);
            nextEnd(r);
            return new Result(uri, method, digest);
        });
    }

    static Chain readChain(byte[] xml) {
        return parse(xml, "HashChain", r -> {
            noOtherAttributes(r);
            Optional<String> defaultMethod = Optional.empty();
            var steps = new ArrayList<Step>();
            int event = nextTag(r);
            if (event == XMLStreamConstants.START_ELEMENT && is(r, NAMESPACE, "DefaultDigestMethod")) {
                defaultMethod = Optional.of(readDigestMethod(r));
                event = nextTag(r);
            }
            while (event == XMLStreamConstants.START_ELEMENT) {
                expect(r, NAMESPACE, "HashStep");
                steps.add(readStep(r));
                event = nextTag(r);
            }
            return new Chain(defaultMethod, List.copyOf(steps));
        });
    }

    private static Step readStep(XMLStreamReader r) throws XMLStreamException {
        String id = r.getAttributeValue(null, "id");
        if (id == null) {
            throw malformed("<HashStep> has no id attribute");
        }
        noOtherAttributes(r, "id");
        var values = new ArrayList<Value>();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            if (!NAMESPACE.equals(r.getNamespaceURI())) {
                throw malformed("<HashStep id=\"" + id + "\"> contains unexpected element <" + r.getLocalName() + ">");
            }
            values.add(switch (r.getLocalName()) {
                case "HashValue" -> readHashValue(r);
                case "StepRef" -> readStepRef(r);
                case "DataRef" -> readDataRef(r);
                default -> throw malformed("<HashStep id=\"" + id + "\"> contains unexpected element <"
                        + r.getLocalName() + ">");
            });
        }
        return new Step(id, List.copyOf(values));
    }

    private static HashValue readHashValue(XMLStreamReader r) throws XMLStreamException {
        noOtherAttributes(r);
        var digested = readDigested(r, "HashValue");
        return new HashValue(digested.method(), digested.digest());
    }

    private static StepRef readStepRef(XMLStreamReader r) throws XMLStreamException {
        String uri = required(r, "URI");
        noOtherAttributes(r, "URI");
        Optional<String> method = Optional.empty();
        if (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            expect(r, DSIG, "DigestMethod");
            method = Optional.of(readDigestMethod(r));
            nextEnd(r);
        }
        return new StepRef(method, uri);
    }

    private static DataRef readDataRef(XMLStreamReader r) throws XMLStreamException {
        String uri = required(r, "URI");
        noOtherAttributes(r, "URI");
        var digested = readDigested(r, "DataRef");
        return new DataRef(digested.method(), digested.transforms(), uri, digested.digest());
    }

    private record Digested(Optional<String> method, List<String> transforms, byte[] digest) {
    }

    /** Reads {@code ds:DigestMethod? ds:Transforms? ds:DigestValue} and the parent's end tag. */
    private static Digested readDigested(XMLStreamReader r, String parent) throws XMLStreamException {
        Optional<String> method = Optional.empty();
        List<String> transforms = List.of();
        nextStartAny(r, parent);
        if (is(r, DSIG, "DigestMethod")) {
            method = Optional.of(readDigestMethod(r));
            nextStartAny(r, parent);
        }
        if (is(r, DSIG, "Transforms")) {
            transforms = readTransforms(r);
            nextStartAny(r, parent);
        }
        expect(r, DSIG, "DigestValue");
        byte[] digest = readBase64(r);
        nextEnd(r);
        return new Digested(method, transforms, digest);
    }

    private static List<String> readTransforms(XMLStreamReader r) throws XMLStreamException {
        noOtherAttributes(r);
        var algorithms = new ArrayList<String>();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            expect(r, DSIG, "Transform");
            algorithms.add(required(r, "Algorithm"));
            noOtherAttributes(r, "Algorithm");
            nextEnd(r);
        }
        if (algorithms.isEmpty()) {
            throw malformed("<Transforms> must contain at least one <Transform>");
        }
        return List.copyOf(algorithms);
    }

    /** Reads a {@code DigestMethod}-typed element (Algorithm attribute, no content) through its end tag. */
    private static String readDigestMethod(XMLStreamReader r) throws XMLStreamException {
        String algorithm = required(r, "Algorithm");
        noOtherAttributes(r, "Algorithm");
        nextEnd(r);
        return algorithm;
    }

    private static byte[] readBase64(XMLStreamReader r) throws XMLStreamException {
        noOtherAttributes(r);
        String name = r.getLocalName();
        String text;
        try {
            text = r.getElementText();
        } catch (XMLStreamException e) {
            throw malformed("<" + name + "> must contain base64 text only");
        }
        return decodeBase64(text, name);
    }

    /** Strict base64 after removing XML whitespace (line breaks are common in signed documents). */
    static byte[] decodeBase64(String text, String where) {
        try {
            return XmlValues.decodeBase64(text);
        } catch (IllegalArgumentException e) {
            throw malformed("<" + where + "> is not valid base64");
        }
    }

    @FunctionalInterface
    private interface Body<T> {
        T read(XMLStreamReader r) throws XMLStreamException;
    }

    private static <T> T parse(byte[] xml, String rootName, Body<T> body) {
        if (xml.length > MAX_DOCUMENT_BYTES) {
            throw malformed("hash chain document is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(xml));
            try {
                if (nextTag(r) != XMLStreamConstants.START_ELEMENT) {
                    throw malformed("document has no root element");
                }
                expect(r, NAMESPACE, rootName);
                T value = body.read(r);
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.START_ELEMENT
                            || (event == XMLStreamConstants.CHARACTERS && !r.isWhiteSpace())) {
                        throw malformed("content after the <" + rootName + "> element");
                    }
                }
                return value;
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw malformed("not a well-formed hash chain document: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Next START_ELEMENT or END_ELEMENT; text other than whitespace is an error (element-only content). */
    private static int nextTag(XMLStreamReader r) throws XMLStreamException {
        while (true) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
                    return event;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> {
                    if (!r.isWhiteSpace()) {
                        throw malformed("unexpected text '" + abbreviate(r.getText().strip()) + "'");
                    }
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> { }
                case XMLStreamConstants.END_DOCUMENT -> throw malformed("document ends unexpectedly");
                default -> throw malformed("unexpected XML event " + event);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static void nextStart(XMLStreamReader r, String ns, String name) throws XMLStreamException {
        if (nextTag(r) != XMLStreamConstants.START_ELEMENT) {
            throw malformed("missing <" + name + ">");
        }
        expect(r, ns, name);
    }

    private static void nextStartAny(XMLStreamReader r, String parent) throws XMLStreamException {
        if (nextTag(r) != XMLStreamConstants.START_ELEMENT) {
            throw malformed("<" + parent + "> has no <DigestValue>");
        }
    }

    private static void nextEnd(XMLStreamReader r) throws XMLStreamException {
        if (nextTag(r) != XMLStreamConstants.END_ELEMENT) {
            throw malformed("unexpected element <" + r.getLocalName() + ">");
        }
    }

    private static boolean is(XMLStreamReader r, String ns, String name) {
        return ns.equals(r.getNamespaceURI()) && name.equals(r.getLocalName());
    }

    private static void expect(XMLStreamReader r, String ns, String name) {
        if (!is(r, ns, name)) {
            throw malformed("expected <" + name + "> in namespace " + ns + ", found <" + r.getLocalName()
                    + "> in namespace " + r.getNamespaceURI());
        }
    }

    private static String required(XMLStreamReader r, String attribute) {
        String value = r.getAttributeValue(null, attribute);
        if (value == null) {
            throw malformed("<" + r.getLocalName() + "> has no " + attribute + " attribute");
        }
        return value;
    }

    private static void noOtherAttributes(XMLStreamReader r, String... allowed) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String name = r.getAttributeLocalName(i);
            String ns = r.getAttributeNamespace(i);
            boolean ok = (ns == null || ns.isEmpty()) && List.of(allowed).contains(name);
            if (!ok) {
                throw malformed("<" + r.getLocalName() + "> has unexpected attribute " + name);
            }
        }
    }

    static XRoadException malformed(String message) {
        return new XRoadException(ErrorCode.MALFORMED_HASH_CHAIN, message);
    }
}
