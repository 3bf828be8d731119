package org.sild.core.rest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Serialisation of the REST header part, the bytes that are signed, logged and hashed: lines
 * ending in CRLF, two start lines (verb and path, or status and reason), then {@code Name:Value}
 * lines, no trailing empty line.
 */
final class HeaderPart {

    /** Largest header part accepted, in bytes. */
    static final int MAX_BYTES = 64 * 1024;
    /** Most header lines accepted. */
    static final int MAX_HEADERS = 256;

    private static final byte[] CRLF = {'\r', '\n'};

    private HeaderPart() {
    }

    static byte[] write(String first, String second, List<HttpHeader> headers) {
        var out = new ByteArrayOutputStream(256 + headers.size() * 48);
        line(out, first);
        line(out, second);
        for (HttpHeader h : headers) {
            line(out, h.name() + ":" + h.value());
        }
        return out.toByteArray();
    }

    /** The lines of a header part; accepts CRLF and bare LF, requires at least the two start lines. */
    static List<String> lines(byte[] bytes) {
        if (bytes.length == 0) {
            throw invalid("empty REST header part");
        }
        if (bytes.length > MAX_BYTES) {
            throw invalid("REST header part larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("REST header part is not UTF-8");
        }
        var lines = new ArrayList<String>();
        int start = 0;
        while (start < text.length()) {
            int lf = text.indexOf('\n', start);
            int end = lf < 0 ? text.length() : lf;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            lines.add(line);
            start = lf < 0 ? text.length() : lf + 1;
        }
        if (lines.size() < 2) {
            throw invalid("REST header part has no start lines");
        }
        if (lines.size() - 2 > MAX_HEADERS) {
            throw invalid("REST header part has more than " + MAX_HEADERS + " headers");
        }
        return lines;
    }

    /** Splits {@code Name:Value} at the first colon; names on the skip list are refused. */
    static HttpHeader header(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw invalid("REST header line '" + line + "' has no name");
        }
        String name = line.substring(0, colon);
        if (RestHeaders.isSkipped(name)) {
            throw invalid("REST header part must not contain header '" + name + "'");
        }
        return new HttpHeader(name, line.substring(colon + 1));
    }

    static XRoadException invalid(String message) {
        return new XRoadException(ErrorCode.INVALID_REST, message);
    }

    private static void line(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(CRLF);
    }
}
