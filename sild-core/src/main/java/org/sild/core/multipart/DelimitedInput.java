package org.sild.core.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The fixed-size buffer under a {@link MultipartReader}: reads lines and finds where a body ends.
 *
 * <p>A body ends at the first {@code LF "--" boundary} followed by {@code "--"} (close delimiter) or
 * by blanks and a line end; the line break before the dash pair, CRLF or a bare LF, belongs to the
 * delimiter. A body byte is handed out only once it is known not to start a delimiter, which needs a
 * look-ahead of the delimiter length plus padding: memory stays at {@link #BUFFER_SIZE} whatever the
 * body size. Not thread-safe.
 */
final class DelimitedInput {

    static final int BUFFER_SIZE = 64 * 1024;
    /** RFC 2046 allows 70 characters; longer ones are accepted from lenient senders up to this. */
    static final int MAX_BOUNDARY_LENGTH = 200;
    /** Transport padding (blanks after a boundary) beyond this is treated as body content. */
    private static final int MAX_PADDING = 256;

    private enum Match { DELIMITER, NOT, NEED_MORE }

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private final byte[] delimiter;
    private final String boundary;
    private int pos;
    private int limit;
    private boolean eof;

    /** {@code [pos, safe)} is body content that holds no delimiter start. */
    private int safe;
    /** When {@code >= 0}: a delimiter begins at {@code safe} and its line ends here. */
    private int pendingEnd = -1;
    private boolean pendingClose;
    private boolean lastClose;
    private String where = "preamble";
    private boolean endOfInputCloses;

    private int matchEnd;
    private boolean matchClose;

    DelimitedInput(InputStream in, String boundary) {
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                    "multipart boundary '" + boundary + "' must have 1.." + MAX_BOUNDARY_LENGTH + " characters");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (c < 32 || c > 126) {
                throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                        "multipart boundary '" + boundary + "' has a character outside printable ASCII");
            }
        }
        this.in = in;
        this.boundary = boundary;
        this.delimiter = ("\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /** Names the current position in error messages, for example {@code "part 3"}. */
    void where(String where) {
        this.where = where;
    }

    /**
     * Lets the end of the input inside a part's body count as the close delimiter: lenient senders
     * (some information systems) omit it, and X-Road accepts their packages.
     */
    void acceptEndOfInputAsClose() {
        this.endOfInputCloses = true;
    }

    /** Whether the most recently consumed delimiter was the close delimiter {@code --boundary--}. */
    boolean lastWasClose() {
        return lastClose;
    }

    /**
     * Skips everything up to and including the first delimiter, which may open the stream without a
     * line break before it.
     */
    void skipPreamble() throws IOException {
        if (consumeLeadingDelimiter()) {
            return;
        }
        skipBody();
    }

    /**
     * Consumes a delimiter line at the current position, which follows a line end already consumed
     * (the start of the input, or the blank line closing a part's headers when the sender let it
     * double as the delimiter's line break). Reads no further than needed to decide.
     */
    boolean consumeLeadingDelimiter() throws IOException {
        int m = delimiter.length;
        while (true) {
            int avail = limit - pos;
            int n = Math.min(avail, m - 1);
            if (!Arrays.equals(buf, pos, pos + n, delimiter, 1, 1 + n)) {
                return false;
            }
            if (avail >= m - 1) {
                Match match = classify(pos + m - 1);
                if (match == Match.DELIMITER) {
                    consumeDelimiter(matchEnd, matchClose);
                    return true;
                }
                if (match == Match.NOT) {
                    return false;
                }
            } else if (eof) {
                return false;
            }
            fillMore();
        }
    }

    /**
     * How many body bytes are readable at {@link #position()} (at least one), or -1 when the body
     * has ended; then the delimiter line has been consumed.
     */
    int bodyBytes() throws IOException {
        while (true) {
            if (safe > pos) {
                return safe - pos;
            }
            if (pendingEnd >= 0) {
                consumeDelimiter(pendingEnd, pendingClose);
                return -1;
            }
            scan();
        }
    }

    /** Copies up to {@code len} body bytes; -1 at the end of the body. */
    int readBody(byte[] b, int off, int len) throws IOException {
        int n = bodyBytes();
        if (n < 0) {
            return -1;
        }
        n = Math.min(n, len);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Reads one body byte; -1 at the end of the body. */
    int readBodyByte() throws IOException {
        int n = bodyBytes();
        if (n < 0) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /** Body bytes already buffered and known safe, without reading. */
    int bufferedBodyBytes() {
        return safe - pos;
    }

    /** Discards the rest of the body, delimiter included. */
    void skipBody() throws IOException {
        int n;
        while ((n = bodyBytes()) >= 0) {
            pos += n;
        }
    }

    /**
     * Reads one header line without its line end.
     *
     * @throws XRoadException {@code MimeParsingFailed} if longer than {@code max} or the input ends
     */
    byte[] readLine(int max) throws IOException {
        int scannedRel = 0;
        while (true) {
            int j = indexOfLf(pos + scannedRel);
            if (j >= 0) {
                int end = j > pos && buf[j - 1] == '\r' ? j - 1 : j;
                if (end - pos > max) {
                    throw failure("header line longer than " + max + " bytes in " + where);
                }
                byte[] line = Arrays.copyOfRange(buf, pos, end);
                pos = j + 1;
                safe = pos;
                return line;
            }
            scannedRel = limit - pos;
            if (scannedRel > max + 1) {
                throw failure("header line longer than " + max + " bytes in " + where);
            }
            if (eof) {
                throw failure("input ends inside the headers of " + where);
            }
            fillMore();
        }
    }

    /**
     * Whether {@code line} is a delimiter line ({@code --boundary} with padding, or the close
     * delimiter); if so it counts as consumed.
     */
    boolean consumeIfDelimiterLine(byte[] line) {
        int m = delimiter.length;
        if (line.length < m - 1 || !Arrays.equals(line, 0, m - 1, delimiter, 1, m)) {
            return false;
        }
        if (line.length >= m + 1 && line[m - 1] == '-' && line[m] == '-') {
            lastClose = true;
            return true;
        }
        for (int i = m - 1; i < line.length; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        lastClose = false;
        return true;
    }

    /** Reads and discards everything up to the end of the input (the epilogue). */
    void drain() throws IOException {
        pos = limit;
        safe = pos;
        while (!eof) {
            if (in.read(buf, 0, buf.length) < 0) {
                eof = true;
            }
        }
        pos = 0;
        limit = 0;
        safe = 0;
    }

    String boundary() {
        return boundary;
    }

    /** Finds the next delimiter candidate and sets {@link #safe} or {@link #pendingEnd}. */
    private void scan() throws IOException {
        int m = delimiter.length;
        int j = indexOfLf(pos);
        while (j >= 0) {
            Match match;
            if (j + m > limit) {
                boolean prefix = Arrays.equals(buf, j, limit, delimiter, 0, limit - j);
                match = prefix && !eof ? Match.NEED_MORE : Match.NOT;
            } else if (Arrays.equals(buf, j, j + m, delimiter, 0, m)) {
                match = classify(j + m);
            } else {
                match = Match.NOT;
            }
            if (match == Match.DELIMITER) {
                safe = j > pos && buf[j - 1] == '\r' ? j - 1 : j;
                pendingEnd = matchEnd;
                pendingClose = matchClose;
                return;
            }
            if (match == Match.NEED_MORE) {
                holdBefore(j);
                return;
            }
            j = indexOfLf(j + 1);
        }
        if (eof) {
            if (endOfInputCloses && where.startsWith("part")) {
                safe = limit;
                pendingEnd = limit;
                pendingClose = true;
                return;
            }
            throw failure("input ends in " + where + " before the delimiter --" + boundary);
        }
        holdBefore(limit);
    }

    /** Marks {@code [pos, end)} safe, keeping back a CR that may start a CRLF delimiter; reads on if none is. */
    private void holdBefore(int end) throws IOException {
        int s = end > pos && buf[end - 1] == '\r' ? end - 1 : end;
        if (s > pos) {
            safe = s;
        } else {
            fillMore();
        }
    }

    /** What follows {@code --boundary} at {@code k}: sets {@link #matchEnd} and {@link #matchClose} on a match. */
    private Match classify(int k) {
        if (k >= limit) {
            if (eof && endOfInputCloses) {
                // "--boundary" as the very last bytes: a close delimiter missing its dashes.
                matchEnd = k;
                matchClose = true;
                return Match.DELIMITER;
            }
            return eof ? Match.NOT : Match.NEED_MORE;
        }
        if (buf[k] == '-') {
            if (k + 1 >= limit) {
                return eof ? Match.NOT : Match.NEED_MORE;
            }
            if (buf[k + 1] != '-') {
                return Match.NOT;
            }
            matchEnd = k + 2;
            matchClose = true;
            return Match.DELIMITER;
        }
        int i = k;
        while (i < limit && (buf[i] == ' ' || buf[i] == '\t')) {
            if (++i - k > MAX_PADDING) {
                return Match.NOT;
            }
        }
        if (i >= limit) {
            return eof ? Match.NOT : Match.NEED_MORE;
        }
        if (buf[i] == '\n') {
            matchEnd = i + 1;
            matchClose = false;
            return Match.DELIMITER;
        }
        if (buf[i] == '\r') {
            if (i + 1 >= limit) {
                return eof ? Match.NOT : Match.NEED_MORE;
            }
            if (buf[i + 1] == '\n') {
                matchEnd = i + 2;
                matchClose = false;
                return Match.DELIMITER;
            }
        }
        return Match.NOT;
    }

    private void consumeDelimiter(int end, boolean close) {
        pos = end;
        safe = end;
        pendingEnd = -1;
        lastClose = close;
    }

    private int indexOfLf(int from) {
        for (int i = from; i < limit; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Reads at least one more byte into the buffer, or notes the end of the input. */
    private void fillMore() throws IOException {
        if (eof) {
            return;
        }
        if (pos > 0) {
            int shift = pos;
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= shift;
            safe -= shift;
            if (pendingEnd >= 0) {
                pendingEnd -= shift;
            }
            pos = 0;
        }
        if (limit == buf.length) {
            throw failure("no delimiter decision possible within " + BUFFER_SIZE + " bytes in " + where);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private XRoadException failure(String message) {
        return new XRoadException(ErrorCode.MIME_PARSING_FAILED, message);
    }
}
