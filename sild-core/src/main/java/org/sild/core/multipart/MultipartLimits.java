package org.sild.core.multipart;

/**
 * The bounds a {@link MultipartReader} enforces on its input; part bodies themselves are unbounded
 * because they are streamed.
 *
 * @param maxHeaderLineLength longest header field in bytes, after unfolding continuation lines
 * @param maxHeaderCount most header fields in one part
 * @param maxParts most parts in one multipart body (nested multiparts count separately)
 */
public record MultipartLimits(int maxHeaderLineLength, int maxHeaderCount, int maxParts) {

    /** 8 KiB header fields, 100 fields per part, 10 000 parts. */
    public static final MultipartLimits DEFAULTS = new MultipartLimits(8 * 1024, 100, 10_000);

    /** Largest header line limit accepted, so that a header always fits the reader's buffer. */
    public static final int MAX_HEADER_LINE_LENGTH = 32 * 1024;

    public MultipartLimits {
        if (maxHeaderLineLength < 80 || maxHeaderLineLength > MAX_HEADER_LINE_LENGTH) {
            throw new IllegalArgumentException("maxHeaderLineLength " + maxHeaderLineLength
                    + " outside 80.." + MAX_HEADER_LINE_LENGTH);
        }
        if (maxHeaderCount < 1) {
            throw new IllegalArgumentException("maxHeaderCount " + maxHeaderCount + " < 1");
        }
        if (maxParts < 1) {
            throw new IllegalArgumentException("maxParts " + maxParts + " < 1");
        }
    }
}
