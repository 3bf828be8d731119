package org.sild.securityserver.datatracker;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads parameters of a raw query string ({@code application/x-www-form-urlencoded} rules). Stateless. */
final class QueryString {

    private QueryString() {
    }

    /** Every value of parameter {@code name}, decoded, in order. */
    static List<String> values(Optional<String> rawQuery, String name) {
        var values = new ArrayList<String>();
        if (rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.get().split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name) && eq >= 0) {
                values.add(decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
