package org.sild.core.soap;

/** Escaping of character data and attribute values for XML 1.0 output. */
final class XmlEscape {

    private XmlEscape() {
    }

    /** Text content: markup characters escaped, characters XML 1.0 cannot carry dropped. */
    static String text(String s) {
        var out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                // A literal CR would be read back as a line end; keep it as a character.
                case '\r' -> out.append("&#13;");
                default -> i = appendIfAllowed(s, i, out);
            }
        }
        return out.toString();
    }

    /** An attribute value for double quotes; whitespace kept as references so it survives normalisation. */
    static String attribute(String s) {
        var out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '"' -> out.append("&quot;");
                case '\t' -> out.append("&#9;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                default -> i = appendIfAllowed(s, i, out);
            }
        }
        return out.toString();
    }

    private static int appendIfAllowed(String s, int i, StringBuilder out) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(i + 1));
            return i + 1;
        }
        boolean allowed = c == '\t' || c == '\n' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
        if (allowed) {
            out.append(c);
        }
        return i;
    }
}
