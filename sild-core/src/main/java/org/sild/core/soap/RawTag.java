package org.sild.core.soap;

import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamReader;
import org.sild.core.xml.XmlValues;

/**
 * A start tag as written in the source ({@code <p:name a="1" xmlns:p="...">}), parsed just enough
 * to check that it is the tag a StAX START_ELEMENT event reports, so the copy may reuse its text.
 */
record RawTag(String name, Map<String, String> attributes, boolean selfClosing) {

    /** The tag in {@code text} (from {@code '<'} to {@code '>'}), or {@code null} if it is not a plain start tag. */
    static RawTag parse(String text) {
        if (text.length() < 3 || text.charAt(0) != '<' || !text.endsWith(">")) {
            return null;
        }
        boolean selfClosing = text.endsWith("/>");
        int end = text.length() - (selfClosing ? 2 : 1);
        int i = 1;
        int nameStart = i;
        while (i < end && !SourceTape.isSpace(text.charAt(i))) {
            i++;
        }
        String name = text.substring(nameStart, i);
        if (name.isEmpty() || "/!?".indexOf(name.charAt(0)) >= 0) {
            return null;
        }
        var attributes = new HashMap<String, String>();
        while (true) {
            int afterSpace = skip(text, i, end);
            if (afterSpace == end) {
                break;
            }
            if (afterSpace == i) {
                return null; // attributes must be separated by whitespace
            }
            i = afterSpace;
            int eq = text.indexOf('=', i);
            if (eq < 0 || eq >= end) {
                return null;
            }
            String attrName = text.substring(i, eq).strip();
            i = skip(text, eq + 1, end);
            if (i >= end || (text.charAt(i) != '"' && text.charAt(i) != '\'')) {
                return null;
            }
            int close = text.indexOf(text.charAt(i), i + 1);
            if (close < 0 || close >= end) {
                return null;
            }
            String value = SourceTape.unescapeAttribute(text.substring(i + 1, close));
            if (attrName.isEmpty() || value == null || attributes.put(attrName, value) != null) {
                return null;
            }
            i = close + 1;
        }
        return new RawTag(name, Map.copyOf(attributes), selfClosing);
    }

    /** Whether this tag declares exactly the name, namespaces and attributes of the reader's current element. */
    boolean matches(XMLStreamReader r) {
        if (!name.equals(qualified(r.getPrefix(), r.getLocalName()))) {
            return false;
        }
        int namespaces = r.getNamespaceCount();
        if (namespaces + r.getAttributeCount() != attributes.size()) {
            return false;
        }
        for (int i = 0; i < namespaces; i++) {
            String prefix = r.getNamespacePrefix(i);
            String declared = prefix == null || prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix;
            String uri = r.getNamespaceURI(i) == null ? "" : r.getNamespaceURI(i);
            if (!uri.equals(attributes.get(declared))) {
                return false;
            }
        }
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String attr = qualified(r.getAttributePrefix(i), r.getAttributeLocalName(i));
            if (!r.getAttributeValue(i).equals(attributes.get(attr))) {
                return false;
            }
        }
        return true;
    }

    /** The reader's current start tag written out: its namespace declarations, then its attributes. */
    static String serialize(XMLStreamReader r) {
        var tag = new StringBuilder("<").append(qualified(r.getPrefix(), r.getLocalName()));
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            String p = r.getNamespacePrefix(i);
            String uri = r.getNamespaceURI(i) == null ? "" : r.getNamespaceURI(i);
            tag.append(p == null || p.isEmpty() ? " xmlns" : " xmlns:" + p)
                    .append("=\"").append(XmlValues.escapeAttribute(uri)).append('"');
        }
        for (int i = 0; i < r.getAttributeCount(); i++) {
            tag.append(' ').append(qualified(r.getAttributePrefix(i), r.getAttributeLocalName(i)))
                    .append("=\"").append(XmlValues.escapeAttribute(r.getAttributeValue(i))).append('"');
        }
        return tag.append('>').toString();
    }

    static String qualified(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static int skip(String text, int i, int end) {
        while (i < end && SourceTape.isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
