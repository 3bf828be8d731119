package org.sild.core.multipart;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class MultipartReaderTest {

    /** Reads every part as (headers, body text). */
    static List<String[]> readAll(String raw, String boundary) {
        return readAll(raw.getBytes(ISO_8859_1), boundary, MultipartLimits.DEFAULTS);
    }

    static List<String[]> readAll(byte[] raw, String boundary, MultipartLimits limits) {
        var reader = MultipartReader.of(new ByteArrayInputStream(raw), boundary, limits);
        var out = new ArrayList<String[]>();
        for (var p = reader.next(); p.isPresent(); p = reader.next()) {
            out.add(new String[] {headerText(p.get().headers()), body(p.get())});
        }
        return out;
    }

    static String headerText(MimeHeaders headers) {
        var b = new StringBuilder();
        headers.fields().forEach(h -> b.append(h.name()).append('=').append(h.value()).append(';'));
        return b.toString();
    }

    static String body(BodyPart part) {
        try {
            return new String(part.body().readAllBytes(), ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsCrlfPartsWithPreambleAndEpilogue() {
        var parts = readAll("This is the preamble.\r\n--b1\r\nContent-Type: text/plain\r\nContent-ID: <x>\r\n\r\n"
                + "hello\r\nworld\r\n--b1\r\n\r\nsecond\r\n--b1--\r\nthe epilogue\r\n", "b1");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).containsExactly("Content-Type=text/plain;Content-ID=<x>;", "hello\r\nworld");
        assertThat(parts.get(1)).containsExactly("", "second");
    }

    @Test
    void readsBareLfLineEnds() {
        var parts = readAll("--b1\nContent-Type: text/xml\n\n<a/>\n\n--b1\ncontent-type: x/y\n\nz\n--b1--", "b1");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).containsExactly("Content-Type=text/xml;", "<a/>\n");
        assertThat(parts.get(1)).containsExactly("content-type=x/y;", "z");
    }

    @Test
    void acceptsTransportPaddingAfterBoundaries() {
        var parts = readAll("--b1 \t\r\n\r\na\r\n--b1  \r\n\r\nb\r\n--b1--  \r\n", "b1");
        assertThat(parts).extracting(p -> p[1]).containsExactly("a", "b");
    }

    @Test
    void boundaryLikeLinesAreContent() {
        String body = "--b1x\r\n--b\r\n---b1\r\n --b1\r\n--b1-x\r\n\r--b1\r\nx--b1\r\n--b1\tz";
        var parts = readAll("--b1\r\n\r\n" + body + "\r\n--b1--", "b1");
        assertThat(parts).extracting(p -> p[1]).containsExactly(body);
    }

    @Test
    void emptyBodiesInEveryForm() {
        // normal empty body; headers ended by the blank line doubling as the delimiter's line break;
        // a delimiter directly after the headers (no blank line at all).
        var parts = readAll("--b\r\nA: 1\r\n\r\n\r\n--b\r\nB: 2\r\n\r\n--b\r\nC: 3\r\n--b\r\n\r\n\r\n--b--", "b");
        assertThat(parts).extracting(p -> p[0] + "|" + p[1]).containsExactly("A=1;|", "B=2;|", "C=3;|", "|");
    }

    @Test
    void bodyKeepsItsOwnTrailingLineEnds() {
        assertThat(readAll("--b\r\n\r\nx\r\n\r\n--b--", "b").get(0)[1]).isEqualTo("x\r\n");
        assertThat(readAll("--b\r\n\r\nx\r\r\n--b--", "b").get(0)[1]).isEqualTo("x\r");
        assertThat(readAll("--b\n\nx\n\n--b--", "b").get(0)[1]).isEqualTo("x\n");
    }

    @Test
    void closeDelimiterFirstMeansNoParts() {
        assertThat(readAll("preamble\r\n--b--\r\n", "b")).isEmpty();
        assertThat(readAll("--b--", "b")).isEmpty();
    }

    @Test
    void unfoldsContinuationLinesAndKeepsSpelling() {
        var parts = readAll("--b\r\nX-Long: one\r\n  two\r\n\tthree\r\ncOnTeNt-TyPe :  text/plain \r\n\r\nx\r\n--b--", "b");
        assertThat(parts.get(0)[0]).isEqualTo("X-Long=one  two\tthree;cOnTeNt-TyPe=text/plain;");
    }

    @Test
    void lookupIsCaseInsensitiveAndContentTypeIsParsed() {
        var reader = MultipartReader.of(bytes("--b\r\ncontent-type: Text/XML; Charset=utf-8\r\nX-A: 1\r\nx-a: 2\r\n\r\n"
                + "x\r\n--b\r\n\r\ny\r\n--b--"), ContentType.parse("multipart/mixed; boundary=b"));
        var first = reader.next().orElseThrow();
        assertThat(first.contentType().orElseThrow().mediaType()).isEqualTo("text/xml");
        assertThat(first.mediaType()).isEqualTo("text/xml");
        assertThat(first.headers().first("CONTENT-TYPE")).contains("Text/XML; Charset=utf-8");
        assertThat(first.headers().all("X-a")).containsExactly("1", "2");
        var second = reader.next().orElseThrow();
        assertThat(second.contentType()).isEmpty();
        assertThat(second.mediaType()).isEqualTo("text/plain");
        assertThat(second.index()).isEqualTo(1);
        assertThat(reader.next()).isEmpty();
        assertThat(reader.next()).isEmpty();
        assertThat(reader.partCount()).isEqualTo(2);
    }

    @Test
    void decodesUtf8HeadersAndKeepsLatin1Bytes() {
        byte[] utf8 = "--b\r\nX-Name: tõde 日本\r\n\r\nx\r\n--b--".getBytes(UTF_8);
        var reader = MultipartReader.of(new ByteArrayInputStream(utf8), "b");
        assertThat(reader.next().orElseThrow().headers().first("x-name")).contains("tõde 日本");
        byte[] latin1 = "--b\r\nX-Name: tõde\r\n\r\nx\r\n--b--".getBytes(ISO_8859_1);
        reader = MultipartReader.of(new ByteArrayInputStream(latin1), "b");
        assertThat(reader.next().orElseThrow().headers().first("x-name")).contains("tõde");
    }

    @Test
    void unreadPartsAreSkippedAndStaleBodiesFail() throws IOException {
        var reader = MultipartReader.of(bytes("--b\r\n\r\nfirst part body\r\n--b\r\n\r\nsecond\r\n--b--"), "b");
        var first = reader.next().orElseThrow();
        assertThat(first.body().read()).isEqualTo('f');
        var second = reader.next().orElseThrow();
        assertThatThrownBy(() -> first.body().read()).isInstanceOf(IOException.class)
                .hasMessageContaining("part 1");
        assertThat(new String(second.body().readAllBytes(), UTF_8)).isEqualTo("second");
        assertThat(second.body().read()).isEqualTo(-1);
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void nestedMultipartIsReadThroughAPartBody() throws IOException {
        String raw = "--outer\r\nContent-Type: text/xml\r\n\r\n<e/>\r\n"
                + "--outer\r\nContent-Type: multipart/mixed; boundary=inner\r\n\r\n"
                + "\r\n--inner\r\nContent-Type: text/plain\r\n\r\nblaah\r\n--inner\r\n\r\nsecond\r\n--inner--\r\n"
                + "\r\n--outer\r\nContent-Type: signature/bdoc-1.0/ts\r\n\r\n<sig/>\r\n--outer--\r\n";
        var outer = MultipartReader.of(bytes(raw), "outer");
        outer.next().orElseThrow();
        var nestedPart = outer.next().orElseThrow();
        var inner = MultipartReader.of(nestedPart.body(), nestedPart.contentType().orElseThrow());
        var bodies = new ArrayList<String>();
        for (var p = inner.next(); p.isPresent(); p = inner.next()) {
            bodies.add(body(p.get()));
        }
        assertThat(bodies).containsExactly("blaah", "second");
        var sig = outer.next().orElseThrow();
        assertThat(new String(sig.body().readAllBytes(), UTF_8)).isEqualTo("<sig/>");
        assertThat(outer.next()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "no delimiter at all\r\n",
        "--b\r\n",
        "--b\r\nContent-Type: text/plain\r\n",
        "--b\r\n\r\nbody without end",
        "--b\r\n\r\nbody\r\n--b",
        "--b\r\n\r\nbody\r\n--b  ",
        "--b\r\n\r\nbody\r\n--b\r\n",
        "--b\r\n\r\nbody\r\n--b-",
    })
    void truncatedInputIsMimeParsingFailed(String raw) {
        assertThatThrownBy(() -> readAll(raw, "b")).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.MIME_PARSING_FAILED)));
    }

    @Test
    void headerLimitsAreEnforced() {
        var limits = new MultipartLimits(100, 3, 2);
        String longLine = "--b\r\nX: " + "a".repeat(120) + "\r\n\r\nx\r\n--b--";
        assertMimeFailure(() -> readAll(longLine.getBytes(UTF_8), "b", limits), "longer than 100");
        String longFolded = "--b\r\nX: " + "a".repeat(60) + "\r\n " + "a".repeat(60) + "\r\n\r\nx\r\n--b--";
        assertMimeFailure(() -> readAll(longFolded.getBytes(UTF_8), "b", limits), "longer than 100");
        String manyHeaders = "--b\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\nx\r\n--b--";
        assertMimeFailure(() -> readAll(manyHeaders.getBytes(UTF_8), "b", limits), "more than 3 header");
        String manyParts = "--b\r\n\r\n1\r\n--b\r\n\r\n2\r\n--b\r\n\r\n3\r\n--b--";
        assertMimeFailure(() -> readAll(manyParts.getBytes(UTF_8), "b", limits), "more than 2 parts");
        String exactly = "--b\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n1\r\n--b\r\n\r\n2\r\n--b--";
        assertThat(readAll(exactly.getBytes(UTF_8), "b", limits)).hasSize(2);
    }

    @Test
    void malformedHeadersAreMimeParsingFailed() {
        assertMimeFailure(() -> readAll("--b\r\nno colon here\r\n\r\nx\r\n--b--", "b"), "without ':'");
        assertMimeFailure(() -> readAll("--b\r\n continued\r\n\r\nx\r\n--b--", "b"), "continuation");
        assertMimeFailure(() -> readAll("--b\r\n: empty name\r\n\r\nx\r\n--b--", "b"), "bad header name");
        assertMimeFailure(() -> readAll("--b\r\nX: a\rb\r\n\r\nx\r\n--b--", "b"), "bare CR");
    }

    @Test
    void badBoundariesAreInvalidContentType() {
        for (String type : List.of("multipart/mixed", "text/xml; boundary=b")) {
            assertThatThrownBy(() -> MultipartReader.of(bytes(""), ContentType.parse(type)))
                    .isInstanceOfSatisfying(XRoadException.class, e ->
                            assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_CONTENT_TYPE)));
        }
        assertThatThrownBy(() -> MultipartReader.of(bytes(""), "x".repeat(201)))
                .isInstanceOf(XRoadException.class).hasMessageContaining("boundary");
        assertThatThrownBy(() -> MultipartReader.of(bytes(""), ""))
                .isInstanceOf(XRoadException.class).hasMessageContaining("boundary");
    }

    @Test
    void failingInputIsIoError() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> MultipartReader.of(broken, "b").next())
                .isInstanceOfSatisfying(XRoadException.class, e ->
                        assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.IO_ERROR)))
                .hasMessageContaining("connection reset");
    }

    @Test
    void aLongPaddingIsContentNotADelimiter() {
        String raw = "--b\r\n\r\nx\r\n--b" + " ".repeat(300) + "\r\ny\r\n--b--";
        assertThat(readAll(raw, "b").get(0)[1]).isEqualTo("x\r\n--b" + " ".repeat(300) + "\r\ny");
    }

    @Test
    void aMissingCloseDelimiterIsAcceptedOnlyWhenAskedFor() {
        String raw = "--b\r\nContent-Type: text/plain\r\n\r\nfirst\r\n--b\r\n\r\nlast part runs to the end\r\n";
        assertMimeFailure(() -> {
            var strict = MultipartReader.of(bytes(raw), "b");
            while (strict.next().isPresent()) {
                // read on to the end
            }
        }, "before the delimiter --b");
        var lenient = MultipartReader.of(bytes(raw), "b").acceptingMissingCloseDelimiter();
        assertThat(body(lenient.next().orElseThrow())).isEqualTo("first");
        assertThat(body(lenient.next().orElseThrow())).isEqualTo("last part runs to the end\r\n");
        assertThat(lenient.next()).isEmpty();
        // Inside the headers it is still an error: nothing was there to deliver.
        assertMimeFailure(() -> {
            var cut = MultipartReader.of(bytes("--b\r\nContent-Type: te"), "b").acceptingMissingCloseDelimiter();
            cut.next();
        }, "headers");
    }

    private static void assertMimeFailure(Runnable action, String message) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.MIME_PARSING_FAILED)))
                .hasMessageContaining(message);
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(UTF_8));
    }
}
