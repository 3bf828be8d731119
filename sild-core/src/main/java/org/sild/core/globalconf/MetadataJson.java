package org.sild.core.globalconf;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A strict reader and writer for the one flat JSON object of a metadata file: string keys with
 * string, number, boolean or null values. Nested objects and arrays, duplicate keys, trailing
 * content and bad escapes are errors.
 */
final class MetadataJson {

    /** A primitive JSON value: its text (strings unescaped, numbers and booleans as written), or null. */
    record Value(Optional<String> text, boolean isString) {
        boolean isNull() {
            return text.isEmpty();
        }
    }

    private final String s;
    private int pos;

    private MetadataJson(String s) {
        this.s = s;
    }

    static Map<String, Value> parseObject(byte[] json) {
        var p = new MetadataJson(new String(json, StandardCharsets.UTF_8));
        return p.object();
    }

    static byte[] write(Map<String, String> fields) {
        var sb = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            quote(sb, k);
            sb.append(':');
            quote(sb, v);
        });
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Value> object() {
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == '\uFEFF') {
            pos++;
            skipSpace();
        }
        expect('{');
        Map<String, Value> fields = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                if (fields.put(key, value()) != null) {
                    throw error("key \"" + key + "\" appears twice");
                }
                skipSpace();
                char c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }
        skipSpace();
        if (pos != s.length()) {
            throw error("content after the object");
        }
        return fields;
    }

    private Value value() {
        char c = peek();
        if (c == '"') {
            return new Value(Optional.of(string()), true);
        }
        if (c == '{' || c == '[') {
            throw error("nested objects and arrays are not expected in metadata");
        }
        int start = pos;
        while (pos < s.length() && "-+.0123456789eEtruefalsn".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        String literal = s.substring(start, pos);
        if (literal.equals("null")) {
            return new Value(Optional.empty(), false);
        }
        if (literal.equals("true") || literal.equals("false") || literal.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
            return new Value(Optional.of(literal), false);
        }
        throw error("bad value '" + literal + "'");
    }

    private String string() {
        expect('"');
        var sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw error("truncated \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private static void quote(StringBuilder sb, String v) {
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private void skipSpace() {
        while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private XRoadException error(String message) {
        return new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF,
                "metadata is not the expected JSON object: " + message + " at offset " + pos);
    }
}
