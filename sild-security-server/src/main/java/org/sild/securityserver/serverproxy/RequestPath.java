package org.sild.securityserver.serverproxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A REST request's service path as access rights see it (digest 02 §5): percent-decoded (UTF-8)
 * with {@code .} and {@code ..} segments resolved; a path that still contains {@code ..} is refused
 * (X-Road's path-traversal rule). The globs themselves are matched by
 * {@link org.sild.securityserver.serverconf.AccessRight#covers}. Stateless.
 */
final class RequestPath {

    private RequestPath() {
    }

    /**
     * The raw request path percent-decoded (UTF-8) with {@code .} and {@code ..} segments resolved;
     * empty when it is malformed or still contains {@code ..}, which denies access.
     */
    static Optional<String> normalize(String rawPath) {
        Optional<String> decoded = percentDecode(rawPath);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        String path = removeDotSegments(decoded.get());
        return path.contains("..") ? Optional.empty() : Optional.of(path);
    }

    private static Optional<String> percentDecode(String raw) {
        var bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** RFC 3986 §5.2.4 on a path: {@code .} segments dropped, {@code ..} removing the segment before it. */
    private static String removeDotSegments(String path) {
        if (path.isEmpty()) {
            return path;
        }
        boolean absolute = path.startsWith("/");
        String[] segments = (absolute ? path.substring(1) : path).split("/", -1);
        var out = new ArrayDeque<String>();
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            String segment = segments[i];
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..")) {
                    if (!out.isEmpty() && !out.peekLast().equals("..")) {
                        out.removeLast();
                    } else {
                        out.addLast("..");
                    }
                }
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(segment);
            }
        }
        return (absolute ? "/" : "") + String.join("/", out);
    }
}
