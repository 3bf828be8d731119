package org.sild.core.globalconf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The outer structure of a signed configuration directory before verification: the exact bytes of
 * the signed part and the signature part, if any.
 *
 * <p>The signed bytes are the raw body of the first part of the outer {@code multipart/related}:
 * everything after the blank line that ends the part's headers, up to but not including the line
 * break that precedes the next outer delimiter (PR-GCONF §2.3). Nothing is re-serialised.
 */
record SignedDirectory(byte[] signedData, MimeHeaders signedPartHeaders, Optional<Part> signature) {

    /** Largest directory accepted, in bytes; real ones are a few kilobytes. */
    static final int MAX_SIZE = 4 * 1024 * 1024;

    /** The signature part: its headers and its (base64) body bytes. */
    record Part(MimeHeaders headers, byte[] body) {
    }

    /**
     * Splits {@code data}. Without {@code contentType}, the input either starts with its own header
     * block (a {@code Content-Type: multipart/related; boundary=...} line and a blank line, as the
     * central server stores it) or directly with the first delimiter, whose boundary is then used.
     */
    static SignedDirectory parse(byte[] data, Optional<String> contentType) {
        if (data.length > MAX_SIZE) {
            throw MultipartScanner.malformed("signed directory larger than " + MAX_SIZE + " bytes");
        }
        int start = 0;
        String boundary;
        if (contentType.isPresent()) {
            boundary = boundaryOf(contentType.get(), "the given content type");
        } else if (data.length >= 2 && data[0] == '-' && data[1] == '-') {
            boundary = firstLineBoundary(data);
        } else {
            var block = MultipartScanner.readHeaders(data, 0, data.length, new byte[0]);
            String type = block.headers().get("Content-Type").orElseThrow(() -> new XRoadException(
                    ErrorCode.MALFORMED_GLOBAL_CONF, "signed directory has neither a Content-Type header nor a delimiter"));
            boundary = boundaryOf(type, "Content-Type of the signed directory");
            start = block.end();
        }
        var result = MultipartScanner.split(data, start, data.length, boundary);
        var parts = result.parts();
        if (parts.isEmpty()) {
            throw MultipartScanner.malformed("signed directory has no parts");
        }
        if (parts.size() > 2) {
            throw MultipartScanner.malformed("signed directory has " + parts.size() + " parts, expected 2");
        }
        var first = parts.get(0);
        byte[] signed = Arrays.copyOfRange(data, first.bodyStart(), first.bodyEnd());
        Optional<Part> signature = Optional.empty();
        if (parts.size() == 2) {
            var second = parts.get(1);
            signature = Optional.of(new Part(second.headers(),
                    Arrays.copyOfRange(data, second.bodyStart(), second.bodyEnd())));
        }
        return new SignedDirectory(signed, first.headers(), signature);
    }

    /** The boundary parameter of a {@code multipart/*} content type. */
    static String boundaryOf(String contentType, String what) {
        var value = MimeHeaders.HeaderValue.parse(contentType);
        if (!value.main().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw MultipartScanner.malformed(what + " is '" + MultipartScanner.abbreviate(value.main())
                    + "', not multipart");
        }
        String boundary = value.parameter("boundary").orElseThrow(
                () -> MultipartScanner.malformed(what + " has no boundary parameter"));
        if (boundary.isEmpty() || boundary.length() > 70) {
            throw MultipartScanner.malformed(what + " has a boundary of " + boundary.length()
                    + " characters (1 to 70 allowed)");
        }
        return boundary;
    }

    private static String firstLineBoundary(byte[] data) {
        int end = 2;
        while (end < data.length && data[end] != '\r' && data[end] != '\n' && data[end] != ' ' && data[end] != '\t') {
            end++;
        }
        String boundary = new String(data, 2, end - 2, StandardCharsets.US_ASCII);
        if (boundary.isEmpty() || boundary.length() > 70) {
            throw MultipartScanner.malformed("the first delimiter line has no usable boundary");
        }
        return boundary;
    }
}
