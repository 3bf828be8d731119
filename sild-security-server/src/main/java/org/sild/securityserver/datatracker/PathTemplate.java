package org.sild.securityserver.datatracker;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Matches a raw REST service path against a declaration's path template: {@code {name}} binds one
 * segment (percent-decoded), {@code *} matches one segment, a final {@code **} the rest, anything
 * else itself. Stateless.
 */
final class PathTemplate {

    private static final Pattern VARIABLE = Pattern.compile("(?<=/)\\{[^/{}]+\\}(?=/|$)");

    private PathTemplate() {
    }

    /** The variables {@code template} binds in {@code path}, if it matches. */
    static Optional<Map<String, String>> match(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        var bound = new HashMap<String, String>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].equals("**") && i == t.length - 1) {
                return Optional.of(bound);
            }
            if (i >= p.length) {
                return Optional.empty();
            }
            if (t[i].length() > 2 && t[i].startsWith("{") && t[i].endsWith("}")) {
                if (p[i].isEmpty()) {
                    return Optional.empty();
                }
                bound.put(t[i].substring(1, t[i].length() - 1), decode(p[i]));
            } else if (!(t[i].equals("*") && !p[i].isEmpty()) && !t[i].equals(p[i])) {
                return Optional.empty();
            }
        }
        return t.length == p.length ? Optional.of(bound) : Optional.empty();
    }

    /**
     * {@code template} as X-Road lists endpoints: every {@code {name}} segment as {@code *}
     * ({@code /prescriptions/{id}/dispense} → {@code /prescriptions/* /dispense}, without the space).
     */
    static String glob(String template) {
        return VARIABLE.matcher(template).replaceAll("*");
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;                  // malformed escapes: the segment as sent
        }
    }
}
