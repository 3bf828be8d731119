package org.sild.runtime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parsing of the scalar forms configuration files use that Java has no single parser for. */
final class ScalarValues {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private ScalarValues() {
    }

    static Duration duration(String text) {
        String t = text.strip();
        var m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        if (t.length() > 1 && (t.charAt(0) == 'P' || t.charAt(0) == 'p')) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                // fall through to the common message
            }
        }
        throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5m, 2h, 1d or PT30S, got '"
                + text + "'");
    }

    /** {@code clientProxy} → {@code client-proxy}; a run of capitals is one word ({@code ocspURL} → {@code ocsp-url}). */
    static String kebab(String camel) {
        var out = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                boolean prevLower = Character.isLowerCase(camel.charAt(i - 1)) || Character.isDigit(camel.charAt(i - 1));
                boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if (prevLower || (Character.isUpperCase(camel.charAt(i - 1)) && nextLower)) {
                    out.append('-');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }
}
