package org.sild.core.soap;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.COMMENT;
import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.PROCESSING_INSTRUCTION;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.xml.SafeXml;
import org.sild.core.xml.XmlValues;

/**
 * The provider security server's rewrite of a service response: every {@code requestHash} header
 * the information system supplied is dropped (with the whitespace before it) and a fresh one is
 * inserted immediately after the {@code id} header, indented like {@code id} and with {@code id}'s
 * namespace prefix (X-Road's {@code ResponseSoapParserImpl}).
 *
 * <p>The copy is streaming and driven by StAX events, but it writes each event's own source text
 * (tags with their attribute layout, references such as {@code &#34;}, CDATA sections, comments,
 * line ends, the XML declaration, a byte order mark) after checking that the text says exactly
 * what the event says. Where that check fails the copy continues by serialising events, which
 * keeps the document equal in meaning but not in bytes. Output uses the input's charset.
 *
 * <p>Memory stays bounded by the parser's read-ahead and the largest text node. Stateless and
 * thread-safe.
 */
public final class ResponseRewriter {

    private static final QName ID = new QName(EnvelopeReader.XROAD_NS, "id");
    private static final QName REQUEST_HASH = new QName(EnvelopeReader.XROAD_NS, "requestHash");

    private ResponseRewriter() {
    }

    /**
     * Copies the SOAP envelope {@code soap} (bytes in {@code charset}) to {@code out} with
     * {@code hash} as its only {@code requestHash}.
     *
     * @throws XRoadException {@code InvalidSoap} for malformed XML, {@code MissingHeaderField} when
     *     the header has no {@code id}
     * @throws IOException when {@code out} fails
     */
    public static void insertRequestHash(InputStream soap, Charset charset, RequestHash hash, OutputStream out)
            throws IOException {
        rewrite(soap, charset, hash, out, true);
    }

    /** The rewrite; without {@code preserveSource} every event is serialised (the fallback, for tests). */
    static void rewrite(InputStream soap, Charset charset, RequestHash hash, OutputStream out, boolean preserveSource)
            throws IOException {
        var decoded = XmlText.reader(soap, charset);
        var tape = new SourceTape(decoded);
        var writer = new OutputStreamWriter(out, charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        XMLStreamReader reader = null;
        try {
            reader = SafeXml.reader(tape);
            // The UTF-16 encoder writes its own byte order mark.
            if (decoded.hadBom() && !charset.equals(StandardCharsets.UTF_16)) {
                writer.write('\uFEFF');
            }
            var copy = new Copy(reader, tape, writer, hash, charset);
            if (!preserveSource) {
                copy.semantic();
            }
            copy.run();
            writer.flush();
        } catch (XMLStreamException e) {
            throw new XRoadException(ErrorCode.INVALID_SOAP, "malformed SOAP response: " + SoapParser.describe(e), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    // in-memory or caller-owned stream: nothing to release
                }
            }
        }
    }

    /** One copy run. */
    private static final class Copy {
        private final XMLStreamReader r;
        private final SourceTape tape;
        private final Writer out;
        private final RequestHash hash;
        private final Charset charset;

        private boolean raw = true;
        private long pos;
        private final List<String[]> pending = new ArrayList<>(); // {"c" or "t", text}
        private final Deque<Frame> open = new ArrayDeque<>();
        private int dropDepth;
        private String idIndent = "";
        private String idPrefix = "";
        private boolean idDeclaresPrefix;
        private boolean inserted;

        private record Frame(String qname, QName name, boolean selfClosed, boolean headerId) { }

        Copy(XMLStreamReader r, SourceTape tape, Writer out, RequestHash hash, Charset charset) {
            this.r = r;
            this.tape = tape;
            this.out = out;
            this.hash = hash;
            this.charset = charset;
        }

        void run() throws XMLStreamException, IOException {
            declaration();
            while (r.hasNext()) {
                switch (r.next()) {
                    case CHARACTERS, SPACE -> pending.add(new String[] {"t", r.getText()});
                    case CDATA -> pending.add(new String[] {"c", r.getText()});
                    case START_ELEMENT -> startElement();
                    case END_ELEMENT -> endElement();
                    case COMMENT -> comment();
                    case PROCESSING_INSTRUCTION -> processingInstruction();
                    case END_DOCUMENT -> endDocument();
                    default -> { } // DTDs and entity references are refused by SafeXml
                }
                if (raw) {
                    tape.release(pos);
                }
            }
            if (!inserted) {
                throw new XRoadException(ErrorCode.MISSING_HEADER_FIELD,
                        "the response has no id header to insert the requestHash after");
            }
        }

        private void declaration() throws IOException {
            if (raw && tape.startsWith(0, "<?xml") && SourceTape.isSpace(tape.at(5))) {
                long end = tape.after(5, "?>");
                if (end > 0) {
                    emit(tape.text(0, end));
                    pos = end;
                    return;
                }
            }
            if (raw && !tape.startsWith(0, "<?xml")) {
                return; // the source has no declaration
            }
            semantic();
            // A declaration naming the output charset is right whatever the source declared.
            emit("<?xml version=\"1.0\" encoding=\"" + charset.name() + "\"?>");
        }

        private void startElement() throws IOException {
            QName name = r.getName();
            boolean headerChild = open.size() == 2 && EnvelopeReader.HEADER.equals(open.peek().name())
                    && EnvelopeReader.ENVELOPE.equals(open.peekLast().name());
            boolean blank = pendingIsBlank();
            String text = resolveText();
            if (dropDepth > 0) {
                dropDepth++;
                open.push(new Frame(qname(), name, consumeStart(false), false));
                return;
            }
            if (headerChild && REQUEST_HASH.equals(name)) {
                if (!blank) {
                    emit(text);
                }
                dropDepth = 1;
                open.push(new Frame(qname(), name, consumeStart(false), false));
                return;
            }
            emit(text);
            prologSpace();
            boolean headerId = headerChild && ID.equals(name) && !inserted;
            if (headerId) {
                idIndent = blank ? text : "";
                idPrefix = r.getPrefix() == null ? "" : r.getPrefix();
                idDeclaresPrefix = declaresOwnPrefix();
            }
            open.push(new Frame(qname(), name, consumeStart(true), headerId));
        }

        private void endElement() throws IOException {
            String text = resolveText();
            Frame frame = open.pop();
            String source = frame.selfClosed() ? "" : endTag(frame.qname());
            if (dropDepth > 0) {
                dropDepth--;
                return;
            }
            emit(text);
            emit(source);
            if (frame.headerId()) {
                emit(idIndent + requestHashElement());
                inserted = true;
            }
        }

        /** Consumes (and maybe writes) the current start tag; returns whether it closed itself. */
        private boolean consumeStart(boolean write) throws IOException {
            if (raw && tape.at(pos) == '<') {
                long end = tape.tagEnd(pos);
                if (end > 0) {
                    String source = tape.text(pos, end);
                    RawTag tag = RawTag.parse(source);
                    if (tag != null && tag.matches(r)) {
                        pos = end;
                        if (write) {
                            emit(source);
                        }
                        return tag.selfClosing();
                    }
                }
            }
            semantic();
            if (write) {
                emit(RawTag.serialize(r));
            }
            return false;
        }

        private String endTag(String qname) {
            if (raw && tape.startsWith(pos, "</" + qname)) {
                long p = tape.skipWhitespace(pos + 2 + qname.length());
                if (tape.at(p) == '>') {
                    String source = tape.text(pos, p + 1);
                    pos = p + 1;
                    return source;
                }
            }
            semantic();
            return "</" + qname + ">";
        }

        private void comment() throws IOException {
            String text = resolveText();
            prologSpace();
            String expected = r.getText();
            String source = null;
            if (raw && tape.startsWith(pos, "<!--")) {
                long end = tape.after(pos + 4, "-->");
                if (end > 0) {
                    var inner = new StringBuilder();
                    SourceTape.appendNormalizedLines(inner, tape.text(pos + 4, end - 3));
                    if (inner.toString().equals(expected)) {
                        source = tape.text(pos, end);
                        pos = end;
                    }
                }
            }
            if (source == null) {
                semantic();
                source = "<!--" + expected + "-->";
            }
            if (dropDepth == 0) {
                emit(text);
                emit(source);
            }
        }

        private void processingInstruction() throws IOException {
            String text = resolveText();
            prologSpace();
            String target = r.getPITarget();
            String data = r.getPIData() == null ? "" : r.getPIData();
            String source = null;
            if (raw && tape.startsWith(pos, "<?" + target)) {
                long end = tape.after(pos + 2 + target.length(), "?>");
                int next = tape.at(pos + 2 + target.length());
                if (end > 0 && (SourceTape.isSpace(next) || next == '?')) {
                    source = tape.text(pos, end);
                    pos = end;
                }
            }
            if (source == null) {
                semantic();
                source = "<?" + target + (data.isEmpty() ? "" : " " + data) + "?>";
            }
            if (dropDepth == 0) {
                emit(text);
                emit(source);
            }
        }

        private void endDocument() throws IOException {
            emit(resolveText());
            if (raw) {
                tape.drain();
                String rest = tape.text(pos, tape.end());
                if (rest.isBlank()) {
                    emit(rest);
                }
                pos = tape.end();
            }
        }

        /** Whitespace outside the root element, which StAX does not report. */
        private void prologSpace() throws IOException {
            if (raw && open.isEmpty()) {
                long end = tape.skipWhitespace(pos);
                emit(tape.text(pos, end));
                pos = end;
            }
        }

        /** The pending character data in its source form (or serialised), consuming it. */
        private String resolveText() {
            if (pending.isEmpty()) {
                return "";
            }
            var meaning = new StringBuilder();
            pending.forEach(segment -> meaning.append(segment[1]));
            String result = null;
            if (raw) {
                long end = tape.textEnd(pos);
                if (end >= 0) {
                    String source = tape.text(pos, end);
                    if (meaning.toString().equals(SourceTape.unescapeText(source))) {
                        result = source;
                        pos = end;
                    }
                }
                if (result == null) {
                    semantic();
                }
            }
            if (result == null) {
                var serialised = new StringBuilder();
                for (String[] segment : pending) {
                    serialised.append(segment[0].equals("c") && !segment[1].contains("]]>")
                            ? "<![CDATA[" + segment[1] + "]]>" : XmlValues.escapeText(segment[1]));
                }
                result = serialised.toString();
            }
            pending.clear();
            return result;
        }

        private boolean pendingIsBlank() {
            return pending.stream().allMatch(s -> s[0].equals("t") && s[1].isBlank());
        }

        private boolean declaresOwnPrefix() {
            for (int i = 0; i < r.getNamespaceCount(); i++) {
                String p = r.getNamespacePrefix(i) == null ? "" : r.getNamespacePrefix(i);
                if (p.equals(idPrefix)) {
                    return true;
                }
            }
            return false;
        }

        private String requestHashElement() {
            String q = RawTag.qualified(idPrefix, REQUEST_HASH.getLocalPart());
            String declaration = !idDeclaresPrefix ? ""
                    : " xmlns" + (idPrefix.isEmpty() ? "" : ":" + idPrefix) + "=\"" + EnvelopeReader.XROAD_NS + "\"";
            String algorithm = hash.algorithmId().map(a -> " algorithmId=\"" + XmlValues.escapeAttribute(a) + "\"").orElse("");
            return "<" + q + declaration + algorithm + ">" + XmlValues.escapeText(hash.value()) + "</" + q + ">";
        }

        private String qname() {
            return RawTag.qualified(r.getPrefix(), r.getLocalName());
        }

        void semantic() {
            if (raw) {
                raw = false;
                tape.stopRecording();
            }
        }

        private void emit(String s) throws IOException {
            if (!s.isEmpty()) {
                out.write(s);
            }
        }
    }
}
