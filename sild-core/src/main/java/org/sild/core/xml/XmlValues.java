package org.sild.core.xml;

import java.util.Base64;

/**
 * Values in XML text: escaping character data and attribute values for XML 1.0 output, and
 * decoding {@code xs:base64Binary} content. Stateless.
 */
public final class XmlValues {

    private XmlValues() {
    }

    /** Text content: markup characters escaped, characters XML 1.0 cannot carry dropped. */
    public static String escapeText(String s) {
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
    public static String escapeAttribute(String s) {
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

    /**
     * Decodes {@code xs:base64Binary} text, ignoring XML whitespace (line breaks are common in
     * certificates and signature values).
     *
     * @throws IllegalArgumentException when anything else is not base64
     */
    public static byte[] decodeBase64(String text) {
        var compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                compact.append(c);
            }
        }
        return Base64.getDecoder().decode(compact.toString());
    }
}
