package org.sild.core.globalconf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The header fields of one MIME part of a configuration directory, with case-insensitive names.
 *
 * <p>Immutable. Values are kept as read (unfolded, trimmed); {@link #value} splits the
 * {@code value; name=param} form.
 */
final class MimeHeaders {

    private final List<String> names;
    private final Map<String, String> byLowerName;

    private MimeHeaders(List<String> names, Map<String, String> byLowerName) {
        this.names = List.copyOf(names);
        this.byLowerName = Map.copyOf(byLowerName);
    }

    static MimeHeaders empty() {
        return new MimeHeaders(List.of(), Map.of());
    }

    /** Collects fields in order; a repeated name is an error, since every field here has one meaning. */
    static final class Collector {
        private final List<String> names = new ArrayList<>();
        private final Map<String, String> values = new HashMap<>();

        void add(String name, String value) {
            String key = name.toLowerCase(Locale.ROOT);
            if (values.containsKey(key)) {
                throw MultipartScanner.malformed("header field " + name + " appears twice");
            }
            names.add(name);
            values.put(key, value);
        }

        void appendToLast(String continuation) {
            if (names.isEmpty()) {
                throw MultipartScanner.malformed("header continuation line before the first field");
            }
            String key = names.get(names.size() - 1).toLowerCase(Locale.ROOT);
            values.put(key, values.get(key) + " " + continuation);
        }

        MimeHeaders build() {
            return new MimeHeaders(names, values);
        }
    }

    /** The raw value of {@code name}, if present. */
    Optional<String> get(String name) {
        return Optional.ofNullable(byLowerName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The value of {@code name} split into main value and parameters, if present. */
    Optional<HeaderValue> value(String name) {
        return get(name).map(HeaderValue::parse);
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** Field names in the order they appeared, as spelled. */
    List<String> names() {
        return names;
    }

    /** A header value {@code main; p1=v1; p2="v2"}: parameter names are case-insensitive. */
    record HeaderValue(String main, Map<String, String> parameters) {

        HeaderValue {
            parameters = Map.copyOf(parameters);
        }

        Optional<String> parameter(String name) {
            return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
        }

        /**
         * Splits at semicolons outside quotes. Parameter values may be quoted with {@code "} or,
         * as the central server writes {@code instance='EE'}, with {@code '}.
         */
        static HeaderValue parse(String raw) {
            List<String> pieces = new ArrayList<>();
            var current = new StringBuilder();
            char quote = 0;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                    current.append(c);
                } else if (c == '"') {
                    quote = c;
                    current.append(c);
                } else if (c == ';') {
                    pieces.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            pieces.add(current.toString());
            Map<String, String> params = new HashMap<>();
            for (String p : pieces.subList(1, pieces.size())) {
                String piece = p.strip();
                if (piece.isEmpty()) {
                    continue;
                }
                int eq = piece.indexOf('=');
                if (eq <= 0) {
                    throw MultipartScanner.malformed("header parameter '" + piece + "' has no name=value form");
                }
                String name = piece.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                params.put(name, unquote(piece.substring(eq + 1).strip()));
            }
            return new HeaderValue(pieces.get(0).strip(), params);
        }

        private static String unquote(String v) {
            if (v.length() >= 2) {
                char first = v.charAt(0);
                if ((first == '"' || first == '\'') && v.charAt(v.length() - 1) == first) {
                    return v.substring(1, v.length() - 1);
                }
            }
            return v;
        }
    }
}
