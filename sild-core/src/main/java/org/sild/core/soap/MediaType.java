package org.sild.core.soap;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A parsed HTTP or MIME {@code Content-Type}: lower-cased {@code type/subtype} and parameters
 * (names lower-cased, values unquoted). Malformed values are {@code InvalidContentType}.
 */
record MediaType(String baseType, Map<String, String> parameters) {

    static final String TEXT_XML = "text/xml";
    static final String XOP_XML = "application/xop+xml";
    static final String MULTIPART_RELATED = "multipart/related";

    /** Longest Content-Type value accepted. */
    static final int MAX_LENGTH = 4096;

    MediaType {
        parameters = Map.copyOf(parameters);
    }

    static MediaType parse(String value) {
        if (value.length() > MAX_LENGTH) {
            throw invalid("Content-Type longer than " + MAX_LENGTH + " characters");
        }
        int semicolon = value.indexOf(';');
        String base = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        int slash = base.indexOf('/');
        if (slash <= 0 || slash == base.length() - 1 || !isToken(base.substring(0, slash))
                || !isToken(base.substring(slash + 1))) {
            throw invalid("malformed Content-Type '" + value + "'");
        }
        var params = new LinkedHashMap<String, String>();
        int i = semicolon < 0 ? value.length() : semicolon;
        while (i < value.length()) {
            i++; // past ';'
            i = skipSpace(value, i);
            if (i >= value.length()) {
                break; // a trailing ';' is tolerated
            }
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                throw invalid("parameter without value in Content-Type '" + value + "'");
            }
            String name = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            if (!isToken(name)) {
                throw invalid("malformed parameter name '" + name + "' in Content-Type '" + value + "'");
            }
            i = skipSpace(value, eq + 1);
            var v = new StringBuilder();
            if (i < value.length() && value.charAt(i) == '"') {
                i++;
                while (i < value.length() && value.charAt(i) != '"') {
                    char c = value.charAt(i);
                    if (c == '\\' && i + 1 < value.length()) {
                        c = value.charAt(++i);
                    }
                    v.append(c);
                    i++;
                }
                if (i >= value.length()) {
                    throw invalid("unterminated quoted parameter in Content-Type '" + value + "'");
                }
                i = skipSpace(value, i + 1);
            } else {
                while (i < value.length() && value.charAt(i) != ';') {
                    v.append(value.charAt(i++));
                }
            }
            if (i < value.length() && value.charAt(i) != ';') {
                throw invalid("malformed parameter '" + name + "' in Content-Type '" + value + "'");
            }
            params.putIfAbsent(name, v.toString().strip());
        }
        return new MediaType(base, params);
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** The {@code charset} parameter, if present; an unknown charset is {@code InvalidContentType}. */
    Optional<Charset> charset() {
        return parameter("charset").filter(s -> !s.isEmpty()).map(name -> {
            try {
                return Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw invalid("unsupported charset '" + name + "'");
            }
        });
    }

    boolean is(String type) {
        return baseType.equals(type);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static XRoadException invalid(String message) {
        return new XRoadException(ErrorCode.INVALID_CONTENT_TYPE, message);
    }
}
