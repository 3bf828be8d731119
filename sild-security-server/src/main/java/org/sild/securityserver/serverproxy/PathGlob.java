package org.sild.securityserver.serverproxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * REST endpoint path globs (digest 02 §5): {@code *} matches any characters within one path segment,
 * {@code **} any characters at all, {@code \*} and {@code \\} are literal; every other character
 * matches itself. Request paths are percent-decoded and their dot segments resolved before matching
 * ({@link #normalize}); a path that still contains {@code ..} matches nothing (X-Road's
 * path-traversal rule).
 *
 * <p>Thread-safe; compiled globs are cached.
 */
final class PathGlob {

    private static final int MAX_CACHED = 1000;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private PathGlob() {
    }

    /** Whether {@code glob} matches the normalised path {@code path}. */
    static boolean matches(String glob, String path) {
        Pattern pattern = CACHE.get(glob);
        if (pattern == null) {
            pattern = compile(glob);
            if (CACHE.size() < MAX_CACHED) {
                CACHE.put(glob, pattern);
            }
        }
        return pattern.matcher(path).matches();
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

    static Pattern compile(String glob) {
        var regex = new StringBuilder(glob.length() + 8);
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length() && (glob.charAt(i + 1) == '*' || glob.charAt(i + 1) == '\\')) {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                    }
                    regex.append(".*");
                } else {
                    regex.append("[^/]*+");
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
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
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString());
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
