package org.sild.core.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * One part of a multipart body being read by a {@link MultipartReader}: its headers and its body
 * as a stream.
 *
 * <p>The body stream reads directly from the reader's input and ends where the part ends. It is
 * valid until the reader moves to the next part; reading it afterwards fails with an
 * {@link IOException}. Closing it does nothing (the rest is skipped when the reader moves on).
 * Not thread-safe.
 */
public final class BodyPart {

    private final MultipartReader reader;
    private final int index;
    private final MimeHeaders headers;
    private final InputStream body = new Body();
    private boolean ended;

    BodyPart(MultipartReader reader, int index, MimeHeaders headers, boolean empty) {
        this.reader = reader;
        this.index = index;
        this.headers = headers;
        this.ended = empty;
    }

    /** The position of this part in its multipart body, from 0. */
    public int index() {
        return index;
    }

    /** The part's header fields, in order and as spelled. */
    public MimeHeaders headers() {
        return headers;
    }

    /**
     * The parsed {@code Content-Type} header, if present.
     *
     * @throws org.sild.core.fault.XRoadException {@code InvalidContentType} if it is malformed
     */
    public Optional<ContentType> contentType() {
        return headers.contentType();
    }

    /**
     * The media type of the part in lower case: the {@code Content-Type} header's, or
     * {@code text/plain}, the RFC 2046 default for parts of {@code multipart/mixed}.
     */
    public String mediaType() {
        return contentType().map(ContentType::mediaType).orElse("text/plain");
    }

    /** The body; the same stream on every call. */
    public InputStream body() {
        return body;
    }

    /** Skips what is left of the body. */
    void finish() throws IOException {
        if (!ended && reader.isCurrent(this)) {
            reader.input().skipBody();
        }
        ended = true;
    }

    private void checkCurrent() throws IOException {
        if (!reader.isCurrent(this)) {
            throw new IOException("part " + (index + 1) + " can no longer be read: the reader moved on");
        }
    }

    private final class Body extends InputStream {

        @Override
        public int read() throws IOException {
            checkCurrent();
            if (ended) {
                return -1;
            }
            int b = reader.input().readBodyByte();
            ended = b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            checkCurrent();
            if (ended) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = reader.input().readBody(b, off, len);
            ended = n < 0;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            checkCurrent();
            long skipped = 0;
            var scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
            while (skipped < n && !ended) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (r > 0) {
                    skipped += r;
                }
            }
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return ended || !reader.isCurrent(BodyPart.this) ? 0 : reader.input().bufferedBodyBytes();
        }
    }
}
