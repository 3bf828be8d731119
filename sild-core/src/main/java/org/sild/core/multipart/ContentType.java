package org.sild.core.multipart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A MIME media type with its parameters, such as {@code multipart/related; type="text/xml"; boundary=b1}.
 *
 * <p>Type, subtype and parameter names are case-insensitive (RFC 2045), so they are kept in lower
 * case; parameter values are kept exactly (a boundary is case-sensitive). Parameters keep their
 * order. {@link #toString()} prints the header value again, quoting values that are not tokens. A
 * subtype may contain {@code '/'}, as X-Road's {@code signature/bdoc-1.0/ts} does.
 * Immutable and thread-safe.
 */
public record ContentType(String type, String subtype, List<Parameter> parameters) {

    /** One {@code name=value} parameter; the name is lower case, the value unquoted. */
    public record Parameter(String name, String value) {
        public Parameter {
            name = name.toLowerCase(Locale.ROOT);
            if (!isToken(name)) {
                throw new IllegalArgumentException("bad content type parameter name '" + name + "'");
            }
            Objects.requireNonNull(value, "value");
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("content type parameter '" + name + "' contains a line break");
            }
        }
    }

    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    public ContentType {
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
        if (!isToken(type) || !isSubtype(subtype)) {
            throw new IllegalArgumentException("bad media type '" + type + "/" + subtype + "'");
        }
        parameters = List.copyOf(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            for (int k = 0; k < i; k++) {
                if (parameters.get(k).name().equals(parameters.get(i).name())) {
                    throw new IllegalArgumentException("duplicate content type parameter '"
                            + parameters.get(i).name() + "'");
                }
            }
        }
    }

    /** A media type without parameters, for example {@code of("text/xml")}. */
    public static ContentType of(String mediaType) {
        int slash = mediaType.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("media type '" + mediaType + "' has no '/'");
        }
        return new ContentType(mediaType.substring(0, slash), mediaType.substring(slash + 1), List.of());
    }

    /**
     * Reads a {@code Content-Type} header value. Lenient where real senders are sloppy (blanks around
     * separators, a trailing {@code ;}, unquoted values with special characters), strict where
     * ambiguity would be dangerous (duplicate parameters, unterminated quotes).
     *
     * @throws XRoadException {@code InvalidContentType} naming the value when it cannot be read
     */
    public static ContentType parse(String text) {
        try {
            return new Parser(text).parse();
        } catch (IllegalArgumentException e) {
            throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                    "invalid content type '" + text + "': " + e.getMessage());
        }
    }

    /** {@code type/subtype} in lower case. */
    public String mediaType() {
        return type + "/" + subtype;
    }

    /** Whether the media type (parameters ignored) is {@code mediaType}, compared case-insensitively. */
    public boolean is(String mediaType) {
        return mediaType().equalsIgnoreCase(mediaType.strip());
    }

    /** Whether the type is {@code multipart}. */
    public boolean isMultipart() {
        return type.equals("multipart");
    }

    /** The value of the parameter called {@code name} (case-insensitive). */
    public Optional<String> parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equalsIgnoreCase(name)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }

    /** The {@code boundary} parameter. */
    public Optional<String> boundary() {
        return parameter("boundary");
    }

    /** The {@code charset} parameter. */
    public Optional<String> charset() {
        return parameter("charset");
    }

    /** A copy with parameter {@code name} set to {@code value}: replaced in place, or appended. */
    public ContentType withParameter(String name, String value) {
        var p = new Parameter(name, value);
        var list = new ArrayList<Parameter>(parameters.size() + 1);
        boolean replaced = false;
        for (Parameter old : parameters) {
            if (old.name().equals(p.name())) {
                list.add(p);
                replaced = true;
            } else {
                list.add(old);
            }
        }
        if (!replaced) {
            list.add(p);
        }
        return new ContentType(type, subtype, list);
    }

    /** The header value, for example {@code multipart/mixed; charset=UTF-8; boundary=xtop1}. */
    @Override
    public String toString() {
        var out = new StringBuilder(mediaType());
        for (Parameter p : parameters) {
            out.append("; ").append(p.name()).append('=');
            if (isToken(p.value())) {
                out.append(p.value());
            } else {
                out.append('"');
                for (int i = 0; i < p.value().length(); i++) {
                    char c = p.value().charAt(i);
                    if (c == '"' || c == '\\') {
                        out.append('\\');
                    }
                    out.append(c);
                }
                out.append('"');
            }
        }
        return out.toString();
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSubtype(String s) {
        return !s.isEmpty() && s.charAt(0) != '/' && s.charAt(s.length() - 1) != '/'
                && isToken(s.replace('/', 'x'));
    }

    private static boolean isTokenChar(char c) {
        return c > 32 && c < 127 && TSPECIALS.indexOf(c) < 0;
    }

    /** Recursive-descent reader of one header value; throws IllegalArgumentException with the reason. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        ContentType parse() {
            skipBlanks();
            String type = token("type");
            if (i >= s.length() || s.charAt(i) != '/') {
                throw new IllegalArgumentException("no '/' after the type");
            }
            i++;
            String subtype = subtype();
            var params = new ArrayList<Parameter>();
            while (true) {
                skipBlanks();
                if (i >= s.length()) {
                    break;
                }
                if (s.charAt(i) != ';') {
                    throw new IllegalArgumentException("unexpected '" + s.charAt(i) + "' at position " + i);
                }
                i++;
                skipBlanks();
                if (i >= s.length() || s.charAt(i) == ';') {
                    continue;
                }
                String name = token("parameter name");
                skipBlanks();
                if (i >= s.length() || s.charAt(i) != '=') {
                    throw new IllegalArgumentException("parameter '" + name + "' has no value");
                }
                i++;
                skipBlanks();
                String value = i < s.length() && s.charAt(i) == '"' ? quoted(name) : bare();
                params.add(new Parameter(name, value));
            }
            return new ContentType(type, subtype, params);
        }

        private String token(String what) {
            int start = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("missing " + what + " at position " + start);
            }
            return s.substring(start, i);
        }

        /** A token, or several joined by '/': X-Road's signature part is {@code signature/bdoc-1.0/ts}. */
        private String subtype() {
            int start = i;
            while (i < s.length() && (isTokenChar(s.charAt(i)) || s.charAt(i) == '/')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("missing subtype at position " + start);
            }
            return s.substring(start, i);
        }

        private String quoted(String name) {
            var out = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && i < s.length()) {
                    c = s.charAt(i++);
                }
                out.append(c);
            }
            throw new IllegalArgumentException("unterminated quoted value of parameter '" + name + "'");
        }

        /** An unquoted value: anything up to a blank or ';', as senders put '=' or '/' in boundaries. */
        private String bare() {
            int start = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ';' || c == ' ' || c == '\t' || c == '"' || c < 32 || c == 127) {
                    break;
                }
                i++;
            }
            return s.substring(start, i);
        }

        private void skipBlanks() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }
    }
}
