package org.sild.core.soap;

import java.io.IOException;
import java.io.Reader;

/**
 * The characters a StAX parser has read, kept so that a copy can reproduce the source text of
 * each event instead of re-serialising it ({@link ResponseRewriter}).
 *
 * <p>Positions are absolute character offsets from the start of the (BOM-less) document. Chars
 * before {@link #release} are dropped, so memory stays bounded by the parser's read-ahead plus the
 * token being copied. Lookups return -1 or {@code null} when the text is not (yet) on the tape or
 * is not what the caller expected; the copier then falls back to serialising events. Not
 * thread-safe.
 */
final class SourceTape extends Reader {

    private static final int RELEASE_CHUNK = 8192;

    private final Reader in;
    private final StringBuilder tape = new StringBuilder();
    private long start;
    private boolean recording = true;

    SourceTape(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0 && recording) {
            tape.append(buf, off, n);
        }
        return n;
    }

    /**
     * Does not close the input: the JDK's parser closes its reader when it reaches the end of the
     * document, but the copy still drains what follows the root element from the tape. The stream
     * underneath belongs to the caller.
     */
    @Override
    public void close() {
        // see above
    }

    /** Stops keeping characters (the copy no longer uses them). */
    void stopRecording() {
        recording = false;
        tape.setLength(0);
    }

    /** Reads the rest of the input onto the tape (the parser has finished). */
    void drain() throws IOException {
        char[] buf = new char[4096];
        while (read(buf, 0, buf.length) >= 0) {
            // read() records
        }
    }

    long end() {
        return start + tape.length();
    }

    /** Drops characters before {@code pos}. */
    void release(long pos) {
        long drop = pos - start;
        if (drop >= RELEASE_CHUNK) {
            tape.delete(0, (int) drop);
            start = pos;
        }
    }

    String text(long from, long to) {
        return tape.substring((int) (from - start), (int) (to - start));
    }

    /** The char at {@code pos}, or -1 when it is not on the tape. */
    int at(long pos) {
        long i = pos - start;
        return i >= 0 && i < tape.length() ? tape.charAt((int) i) : -1;
    }

    boolean startsWith(long pos, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (at(pos + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Position after the XML whitespace starting at {@code pos}. */
    long skipWhitespace(long pos) {
        while (isSpace(at(pos))) {
            pos++;
        }
        return pos;
    }

    /** Position just after the first {@code terminator} at or after {@code pos}, or -1. */
    long after(long pos, String terminator) {
        for (long p = pos; p + terminator.length() <= end(); p++) {
            if (startsWith(p, terminator)) {
                return p + terminator.length();
            }
        }
        return -1;
    }

    /** End of the tag starting at {@code pos} (a {@code '<'}): after its {@code '>'}, quotes respected, or -1. */
    long tagEnd(long pos) {
        char quote = 0;
        for (long p = pos + 1; p < end(); p++) {
            int c = at(p);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = (char) c;
            } else if (c == '>') {
                return p + 1;
            }
        }
        return -1;
    }

    /** End of character data from {@code pos}: up to the next markup that is not a CDATA section, or -1. */
    long textEnd(long pos) {
        long p = pos;
        while (true) {
            int c = at(p);
            if (c < 0) {
                return -1;
            }
            if (c == '<') {
                if (!startsWith(p, "<![CDATA[")) {
                    return p;
                }
                p = after(p, "]]>");
                if (p < 0) {
                    return -1;
                }
            } else {
                p++;
            }
        }
    }

    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * What a parser reports for source character data: references resolved, CDATA sections
     * opened, line ends normalised; {@code null} for a reference it cannot resolve.
     */
    static String unescapeText(String raw) {
        var out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '<' && raw.startsWith("<![CDATA[", i)) {
                int close = raw.indexOf("]]>", i + 9);
                if (close < 0) {
                    return null;
                }
                appendNormalizedLines(out, raw.substring(i + 9, close));
                i = close + 3;
            } else if (c == '&') {
                i = appendReference(raw, i, out);
                if (i < 0) {
                    return null;
                }
            } else if (c == '\r') {
                out.append('\n');
                i += i + 1 < raw.length() && raw.charAt(i + 1) == '\n' ? 2 : 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The value a parser reports for a source attribute value (without quotes), or {@code null}. */
    static String unescapeAttribute(String raw) {
        var out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '&') {
                i = appendReference(raw, i, out);
                if (i < 0) {
                    return null;
                }
            } else if (c == '\r') {
                out.append(' ');
                i += i + 1 < raw.length() && raw.charAt(i + 1) == '\n' ? 2 : 1;
            } else {
                out.append(c == '\t' || c == '\n' ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }

    static void appendNormalizedLines(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                out.append(c);
            }
        }
    }

    private static int appendReference(String raw, int amp, StringBuilder out) {
        int semi = raw.indexOf(';', amp);
        if (semi < 0 || semi - amp > 12) {
            return -1;
        }
        String ref = raw.substring(amp + 1, semi);
        switch (ref) {
            case "lt" -> out.append('<');
            case "gt" -> out.append('>');
            case "amp" -> out.append('&');
            case "quot" -> out.append('"');
            case "apos" -> out.append('\'');
            default -> {
                if (!ref.startsWith("#") || ref.length() < 2) {
                    return -1;
                }
                try {
                    int cp = ref.charAt(1) == 'x' ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1));
                    out.appendCodePoint(cp);
                } catch (IllegalArgumentException e) {
                    return -1;
                }
            }
        }
        return semi + 1;
    }
}
