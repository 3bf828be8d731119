package org.sild.core.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A pull reader of a MIME multipart body (RFC 2046) that streams every part.
 *
 * <p>{@link #next()} returns the parts one by one; each part's {@link BodyPart#body()} reads
 * straight from the underlying stream, so memory stays bounded (one 64 KiB buffer) for any body
 * size. Calling {@code next()} again skips whatever the caller left unread. CRLF and bare LF line
 * ends, a preamble, transport padding after boundaries and an epilogue are accepted; the epilogue is
 * read and discarded when the close delimiter is reached. A nested multipart is read by opening
 * another reader over a part's body.
 *
 * <p>Errors: malformed MIME (input ending before the close delimiter, over-long header lines, too
 * many headers or parts, a header line without a colon) is {@code MimeParsingFailed}, as X-Road
 * reports MIME parser failures; a failing underlying stream is {@code IOError} from {@code next()}
 * and an {@link IOException} from a body stream; a bad or missing boundary is
 * {@code InvalidContentType}.
 *
 * <p>Not thread-safe; one reader is used by one thread. The reader does not close the underlying
 * stream.
 */
public final class MultipartReader {

    private final DelimitedInput input;
    private final MultipartLimits limits;
    private BodyPart current;
    private int count;
    private boolean started;
    private boolean finished;

    private MultipartReader(InputStream in, String boundary, MultipartLimits limits) {
        this.input = new DelimitedInput(in, boundary);
        this.limits = limits;
    }

    /** A reader with {@link MultipartLimits#DEFAULTS}. */
    public static MultipartReader of(InputStream in, String boundary) {
        return new MultipartReader(in, boundary, MultipartLimits.DEFAULTS);
    }

    /** A reader with the given limits. */
    public static MultipartReader of(InputStream in, String boundary, MultipartLimits limits) {
        return new MultipartReader(in, boundary, limits);
    }

    /**
     * A reader for a body of content type {@code type}.
     *
     * @throws XRoadException {@code InvalidContentType} if it is not multipart or has no boundary
     */
    public static MultipartReader of(InputStream in, ContentType type, MultipartLimits limits) {
        if (!type.isMultipart()) {
            throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                    "content type '" + type.mediaType() + "' is not multipart");
        }
        String boundary = type.boundary().orElseThrow(() -> new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                "multipart content type '" + type + "' has no boundary"));
        return new MultipartReader(in, boundary, limits);
    }

    /** A reader for a body of content type {@code type} with {@link MultipartLimits#DEFAULTS}. */
    public static MultipartReader of(InputStream in, ContentType type) {
        return of(in, type, MultipartLimits.DEFAULTS);
    }

    /**
     * Makes this reader treat the end of the input inside a part as the close delimiter instead of
     * failing with {@code MimeParsingFailed}. For bodies from information systems, which X-Road
     * accepts without the close delimiter; never for messages between security servers, where a
     * cut-off stream must not pass for a complete one. Call before the first {@link #next()}.
     */
    public MultipartReader acceptingMissingCloseDelimiter() {
        input.acceptEndOfInputAsClose();
        return this;
    }

    /** The boundary this reader splits on. */
    public String boundary() {
        return input.boundary();
    }

    /**
     * The next part, after skipping the unread rest of the previous one; empty after the close
     * delimiter.
     */
    public Optional<BodyPart> next() {
        try {
            return Optional.ofNullable(advance());
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "reading multipart body failed: " + e.getMessage(), e);
        }
    }

    /** How many parts {@link #next()} has returned. */
    public int partCount() {
        return count;
    }

    private BodyPart advance() throws IOException {
        if (finished) {
            return null;
        }
        if (!started) {
            started = true;
            input.skipPreamble();
        } else if (current != null) {
            current.finish();
        }
        current = null;
        if (input.lastWasClose()) {
            finished = true;
            input.where("epilogue");
            input.drain();
            return null;
        }
        if (count == limits.maxParts()) {
            throw new XRoadException(ErrorCode.MIME_PARSING_FAILED,
                    "multipart body has more than " + limits.maxParts() + " parts");
        }
        input.where("part " + (count + 1));
        var headers = new ArrayList<MimeHeaders.Header>();
        boolean empty = readHeaders(headers) || input.consumeLeadingDelimiter();
        current = new BodyPart(this, count, new MimeHeaders(headers), empty);
        count++;
        return current;
    }

    /** Reads the header block into {@code out}; true if a delimiter line ended it (the part has no body). */
    private boolean readHeaders(List<MimeHeaders.Header> out) throws IOException {
        var field = new ByteArrayOutputStream();
        while (true) {
            byte[] line = input.readLine(limits.maxHeaderLineLength());
            if (line.length == 0) {
                addField(field, out);
                return false;
            }
            if (line[0] == ' ' || line[0] == '\t') {
                if (field.size() == 0) {
                    throw new XRoadException(ErrorCode.MIME_PARSING_FAILED,
                            "continuation line without a header field in part " + (count + 1));
                }
                if (field.size() + line.length > limits.maxHeaderLineLength()) {
                    throw new XRoadException(ErrorCode.MIME_PARSING_FAILED, "header field longer than "
                            + limits.maxHeaderLineLength() + " bytes in part " + (count + 1));
                }
                field.write(line);
                continue;
            }
            if (input.consumeIfDelimiterLine(line)) {
                addField(field, out);
                return true;
            }
            addField(field, out);
            if (out.size() == limits.maxHeaderCount()) {
                throw new XRoadException(ErrorCode.MIME_PARSING_FAILED,
                        "more than " + limits.maxHeaderCount() + " header fields in part " + (count + 1));
            }
            field.write(line);
        }
    }

    private void addField(ByteArrayOutputStream field, List<MimeHeaders.Header> out) {
        if (field.size() == 0) {
            return;
        }
        byte[] bytes = field.toByteArray();
        field.reset();
        int colon = 0;
        while (colon < bytes.length && bytes[colon] != ':') {
            colon++;
        }
        String line = HeaderText.decode(bytes, 0, bytes.length);
        if (colon == bytes.length) {
            throw new XRoadException(ErrorCode.MIME_PARSING_FAILED,
                    "header line without ':' in part " + (count + 1) + ": '" + abbreviate(line) + "'");
        }
        String name = MimeHeaders.stripBlanks(HeaderText.decode(bytes, 0, colon));
        if (!MimeHeaders.isFieldName(name)) {
            throw new XRoadException(ErrorCode.MIME_PARSING_FAILED,
                    "bad header name in part " + (count + 1) + ": '" + abbreviate(name) + "'");
        }
        String value = HeaderText.decode(bytes, colon + 1, bytes.length);
        if (value.indexOf('\r') >= 0) {
            throw new XRoadException(ErrorCode.MIME_PARSING_FAILED,
                    "header '" + name + "' in part " + (count + 1) + " contains a bare CR");
        }
        out.add(new MimeHeaders.Header(name, value));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    // Called by BodyPart, which makes sure it is the current part and its body has not ended.

    boolean isCurrent(BodyPart part) {
        return part == current;
    }

    DelimitedInput input() {
        return input;
    }
}
