package org.sild.core.globalconf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Splits a MIME multipart held in a byte array into parts, keeping every part's body as an exact
 * byte range of the input.
 *
 * <p>Purpose-built for configuration directories, whose signature covers the raw body of the
 * first part: nothing is decoded or re-serialised. Lines may end in CRLF or in a bare LF. The line
 * break before a delimiter belongs to the delimiter (RFC 2046), so a body never includes it. A
 * multipart that ends without its close delimiter yields the parts seen so far, the last one
 * running to the end of the input; callers decide whether that is acceptable.
 */
final class MultipartScanner {

    /** Most parts accepted in one multipart; a directory has a handful. */
    static final int MAX_PARTS = 10_000;
    /** Longest header line accepted, in bytes. */
    static final int MAX_HEADER_LINE = 8192;
    /** Most header lines accepted in one part. */
    static final int MAX_HEADER_LINES = 100;

    /** One part: its headers and the byte range {@code [bodyStart, bodyEnd)} of its body. */
    record Part(MimeHeaders headers, int bodyStart, int bodyEnd) {
    }

    /** The parts, and whether the close delimiter {@code --boundary--} was seen. */
    record Result(List<Part> parts, boolean closed) {
    }

    /** Headers read from {@code start} and where the body begins (or where a delimiter cut them short). */
    record HeaderBlock(MimeHeaders headers, int end, boolean cutByDelimiter) {
    }

    private MultipartScanner() {
    }

    static XRoadException malformed(String message) {
        return new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF, message);
    }

    /** Splits {@code data[from, to)} at delimiters of {@code boundary}; the preamble is skipped. */
    static Result split(byte[] data, int from, int to, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int pos = firstDelimiter(data, from, to, delimiter);
        if (pos < 0) {
            throw malformed("no delimiter line --" + boundary + " found");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int after = pos + delimiter.length;
            if (after + 2 <= to && data[after] == '-' && data[after + 1] == '-') {
                return new Result(parts, true);
            }
            int lineEnd = endOfDelimiterLine(data, after, to, boundary);
            if (parts.size() == MAX_PARTS) {
                throw malformed("more than " + MAX_PARTS + " parts");
            }
            HeaderBlock block = readHeaders(data, lineEnd, to, delimiter);
            if (block.cutByDelimiter()) {
                parts.add(new Part(block.headers(), block.end(), block.end()));
                pos = block.end();
                continue;
            }
            int bodyStart = block.end();
            int lf = nextDelimiter(data, Math.max(bodyStart - 1, from), to, delimiter);
            if (lf < 0) {
                parts.add(new Part(block.headers(), bodyStart, to));
                return new Result(parts, false);
            }
            int bodyEnd = lf > bodyStart && data[lf - 1] == '\r' ? lf - 1 : lf;
            parts.add(new Part(block.headers(), bodyStart, Math.max(bodyEnd, bodyStart)));
            pos = lf + 1;
        }
    }

    /**
     * Reads header lines from {@code start} up to the empty line that ends them. Stops early, with
     * an empty body, at a line that is a delimiter of {@code delimiter} (a part without the blank
     * line after its headers); {@code delimiter} may be empty to read top-level headers.
     */
    static HeaderBlock readHeaders(byte[] data, int start, int to, byte[] delimiter) {
        var headers = new MimeHeaders.Collector();
        int pos = start;
        int lines = 0;
        while (true) {
            if (pos >= to) {
                throw malformed("headers are not ended by an empty line");
            }
            if (delimiter.length > 0 && isDelimiterAt(data, pos, to, delimiter)) {
                return new HeaderBlock(headers.build(), pos, true);
            }
            int eol = indexOf(data, (byte) '\n', pos, to);
            int next = eol < 0 ? to : eol + 1;
            int contentEnd = eol < 0 ? to : (eol > pos && data[eol - 1] == '\r' ? eol - 1 : eol);
            if (contentEnd - pos > MAX_HEADER_LINE) {
                throw malformed("header line longer than " + MAX_HEADER_LINE + " bytes");
            }
            if (contentEnd == pos) {
                if (eol < 0) {
                    throw malformed("headers are not ended by an empty line");
                }
                return new HeaderBlock(headers.build(), next, false);
            }
            if (++lines > MAX_HEADER_LINES) {
                throw malformed("more than " + MAX_HEADER_LINES + " header lines in one part");
            }
            String line = new String(data, pos, contentEnd - pos, StandardCharsets.UTF_8);
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                headers.appendToLast(line.strip());
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0 || !isToken(line.substring(0, colon))) {
                    throw malformed("bad header line '" + abbreviate(line) + "'");
                }
                headers.add(line.substring(0, colon), line.substring(colon + 1).strip());
            }
            if (eol < 0) {
                throw malformed("headers are not ended by an empty line");
            }
            pos = next;
        }
    }

    /** Index just past the first line break at or after {@code from}, or {@code to} when there is none. */
    static int skipLine(byte[] data, int from, int to) {
        int eol = indexOf(data, (byte) '\n', from, to);
        return eol < 0 ? to : eol + 1;
    }

    private static int firstDelimiter(byte[] data, int from, int to, byte[] delimiter) {
        if (isDelimiterAt(data, from, to, delimiter)) {
            return from;
        }
        int lf = nextDelimiter(data, from, to, delimiter);
        return lf < 0 ? -1 : lf + 1;
    }

    /** The index of the LF that starts a delimiter line at or after {@code from}, or -1. */
    private static int nextDelimiter(byte[] data, int from, int to, byte[] delimiter) {
        int pos = from;
        while (true) {
            int lf = indexOf(data, (byte) '\n', pos, to);
            if (lf < 0) {
                return -1;
            }
            if (isDelimiterAt(data, lf + 1, to, delimiter)) {
                return lf;
            }
            pos = lf + 1;
        }
    }

    /** Whether a delimiter (followed by {@code --}, whitespace, a line break or the end) starts at {@code pos}. */
    private static boolean isDelimiterAt(byte[] data, int pos, int to, byte[] delimiter) {
        if (pos + delimiter.length > to) {
            return false;
        }
        for (int i = 0; i < delimiter.length; i++) {
            if (data[pos + i] != delimiter[i]) {
                return false;
            }
        }
        int after = pos + delimiter.length;
        if (after == to) {
            return true;
        }
        byte b = data[after];
        return b == '-' || b == '\r' || b == '\n' || b == ' ' || b == '\t';
    }

    private static int endOfDelimiterLine(byte[] data, int after, int to, String boundary) {
        int pos = after;
        while (pos < to && (data[pos] == ' ' || data[pos] == '\t')) {
            pos++;
        }
        if (pos == to) {
            return to;
        }
        if (data[pos] == '\n') {
            return pos + 1;
        }
        if (data[pos] == '\r' && pos + 1 < to && data[pos + 1] == '\n') {
            return pos + 2;
        }
        throw malformed("delimiter line --" + boundary + " is followed by other text");
    }

    private static int indexOf(byte[] data, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "...";
    }
}
