package org.sild.core.rest;

import java.util.Objects;

/**
 * One HTTP header as received: name in its original spelling, value without the leading space.
 * Names compare case-insensitively through {@link #is(String)}; the record keeps the spelling
 * because the REST header part is signed byte for byte.
 */
public record HttpHeader(String name, String value) {

    public HttpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || name.indexOf(':') >= 0 || hasLineBreak(name) || hasLineBreak(value)) {
            throw new IllegalArgumentException("bad HTTP header '" + name + "'");
        }
    }

    /** Whether this header's name is {@code other}, ignoring case. */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }
}
