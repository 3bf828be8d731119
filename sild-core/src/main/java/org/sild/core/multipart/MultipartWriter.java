package org.sild.core.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Random;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A streaming writer of a MIME multipart body (RFC 2046) with CRLF line ends.
 *
 * <p>Write each part with {@link #startPart} (then stream the body into the returned stream) or
 * {@link #part}; starting a part ends the previous one. {@link #finish()} writes the close
 * delimiter; a writer abandoned without it leaves a body that readers reject as truncated, which is
 * the point: an interrupted stream must never look complete. The writer never buffers a body and
 * never closes the underlying stream.
 *
 * <p>A body must not contain a line that starts with {@code --boundary}; the writer watches for it
 * and fails with {@code InternalError} rather than send a body that would be split differently.
 * Random boundaries from {@link #newBoundary} make this a non-issue in practice.
 *
 * <p>Not thread-safe.
 */
public final class MultipartWriter {

    /** Number of random characters in a generated boundary. */
    public static final int RANDOM_BOUNDARY_LENGTH = 30;

    private static final String BOUNDARY_ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String BCHARS = "'()+_,-./:=? ";
    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private final String boundary;
    private final byte[] dashBoundary;
    private PartOutput open;
    private int parts;
    private boolean finished;

    /**
     * A writer over {@code out} with {@code boundary}: 1 to 70 RFC 2046 boundary characters, not
     * ending in a space.
     */
    public MultipartWriter(OutputStream out, String boundary) {
        this.out = Objects.requireNonNull(out, "out");
        checkBoundary(boundary);
        this.boundary = boundary;
        this.dashBoundary = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /** A boundary of {@code prefix} and {@value #RANDOM_BOUNDARY_LENGTH} random letters and digits. */
    public static String newBoundary(String prefix, Random random) {
        var b = new StringBuilder(prefix);
        for (int i = 0; i < RANDOM_BOUNDARY_LENGTH; i++) {
            b.append(BOUNDARY_ALPHABET.charAt(random.nextInt(BOUNDARY_ALPHABET.length())));
        }
        checkBoundary(b.toString());
        return b.toString();
    }

    /** The boundary. */
    public String boundary() {
        return boundary;
    }

    /** How many parts were started. */
    public int partCount() {
        return parts;
    }

    /**
     * Ends the open part, if any, writes the delimiter and {@code headers}, and returns the stream
     * for the new part's body. The stream is valid until the next part starts; closing it does not
     * close anything underneath.
     */
    public OutputStream startPart(MimeHeaders headers) {
        checkOpen();
        try {
            endPart();
            if (parts > 0) {
                out.write(CRLF);
            }
            out.write(dashBoundary);
            out.write(CRLF);
            for (MimeHeaders.Header h : headers.fields()) {
                out.write(HeaderText.encode(h.name() + ": " + h.value()));
                out.write(CRLF);
            }
            out.write(CRLF);
        } catch (IOException e) {
            throw ioError(e);
        }
        parts++;
        open = new PartOutput(parts);
        return open;
    }

    /** Writes a whole part, copying {@code body} to its end (the stream is not closed). */
    public void part(MimeHeaders headers, InputStream body) {
        OutputStream target = startPart(headers);
        try {
            body.transferTo(target);
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    /** Writes a whole part. */
    public void part(MimeHeaders headers, byte[] body) {
        try {
            startPart(headers).write(body);
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    /** Ends the open part and writes the close delimiter {@code --boundary--}, then flushes. */
    public void finish() {
        checkOpen();
        try {
            endPart();
            if (parts > 0) {
                out.write(CRLF);
            }
            out.write(dashBoundary);
            out.write('-');
            out.write('-');
            out.write(CRLF);
            out.flush();
        } catch (IOException e) {
            throw ioError(e);
        }
        finished = true;
    }

    private void endPart() {
        if (open != null) {
            PartOutput ended = open;
            ended.closed = true;
            open = null;
            if (ended.guard.endsDangerously()) {
                throw ended.collision();
            }
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("multipart writer already finished");
        }
    }

    private static void checkBoundary(String boundary) {
        if (boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")) {
            throw new IllegalArgumentException(
                    "boundary '" + boundary + "' must have 1..70 characters, no trailing space");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || BCHARS.indexOf(c) >= 0);
            if (!ok) {
                throw new IllegalArgumentException("boundary '" + boundary + "' has the character '" + c + "'");
            }
        }
    }

    private static XRoadException ioError(IOException e) {
        return new XRoadException(ErrorCode.IO_ERROR, "writing multipart body failed: " + e.getMessage(), e);
    }

    /** The body stream of one part: passes bytes through while watching for the delimiter. */
    private final class PartOutput extends OutputStream {
        private final int number;
        private final DelimiterGuard guard = new DelimiterGuard(dashBoundary);
        private boolean closed;

        PartOutput(int number) {
            this.number = number;
        }

        @Override
        public void write(int b) throws IOException {
            check();
            if (guard.feed((byte) b)) {
                throw collision();
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            check();
            if (guard.feed(b, off, len)) {
                throw collision();
            }
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() {
            // The part ends when the next one starts or the writer finishes.
        }

        private void check() {
            if (closed) {
                throw new IllegalStateException("part " + number + " has ended; its body can no longer be written");
            }
        }

        private XRoadException collision() {
            return new XRoadException(ErrorCode.INTERNAL_ERROR,
                    "body of part " + number + " contains a line starting with the boundary --" + boundary);
        }
    }
}
