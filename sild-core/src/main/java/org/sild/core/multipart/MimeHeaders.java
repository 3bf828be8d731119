package org.sild.core.multipart;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ordered list of header fields (a MIME part's headers, or HTTP headers).
 *
 * <p>Lookup by name is case-insensitive; the list keeps every field in its original order and the
 * name in its original spelling, so headers can be passed on exactly as they arrived. Equality is
 * exact (order and spelling). Immutable and thread-safe.
 */
public record MimeHeaders(List<Header> fields) {

    /**
     * One header field. The name is a non-empty run of printable ASCII without {@code ':'}; the value
     * has no line breaks and no surrounding blanks (they are stripped, as every reader does).
     */
    public record Header(String name, String value) {
        public Header {
            if (!isFieldName(name)) {
                throw new IllegalArgumentException("bad header name '" + name + "'");
            }
            value = stripBlanks(value);
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("value of header '" + name + "' contains a line break");
            }
        }
    }

    private static final MimeHeaders EMPTY = new MimeHeaders(List.of());

    public MimeHeaders {
        fields = List.copyOf(fields);
    }

    /** No headers. */
    public static MimeHeaders empty() {
        return EMPTY;
    }

    /** Headers from alternating names and values: {@code of("Content-Type", "text/xml", "Content-Id", "<a>")}. */
    public static MimeHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        var list = new ArrayList<Header>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new Header(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new MimeHeaders(list);
    }

    /** The value of the first field called {@code name}. */
    public Optional<String> first(String name) {
        for (Header h : fields) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** The values of all fields called {@code name}, in order. */
    public List<String> all(String name) {
        return fields.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    /** Whether a field called {@code name} exists. */
    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** The parsed {@code Content-Type} field, if there is one. */
    public Optional<ContentType> contentType() {
        return first("Content-Type").map(ContentType::parse);
    }

    /** A copy with {@code name: value} appended. */
    public MimeHeaders with(String name, String value) {
        var list = new ArrayList<>(fields);
        list.add(new Header(name, value));
        return new MimeHeaders(list);
    }

    /** A copy where the first field {@code name} has {@code value} and later ones are gone; appended if absent. */
    public MimeHeaders replacing(String name, String value) {
        var list = new ArrayList<Header>(fields.size() + 1);
        boolean done = false;
        for (Header h : fields) {
            if (!h.name().equalsIgnoreCase(name)) {
                list.add(h);
            } else if (!done) {
                list.add(new Header(h.name(), value));
                done = true;
            }
        }
        if (!done) {
            list.add(new Header(name, value));
        }
        return new MimeHeaders(list);
    }

    /** A copy without any field called {@code name}. */
    public MimeHeaders without(String name) {
        return new MimeHeaders(fields.stream().filter(h -> !h.name().equalsIgnoreCase(name)).toList());
    }

    /** The number of fields. */
    public int size() {
        return fields.size();
    }

    /** Whether there are no fields. */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    static boolean isFieldName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 32 || c >= 127 || c == ':') {
                return false;
            }
        }
        return true;
    }

    static String stripBlanks(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
