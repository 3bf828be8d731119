package org.sild.core.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A dotted X-Road fault code such as {@code Server.ClientProxy.UnknownMember}.
 *
 * <p>Segments are kept in their classic spelling where the catalogue ({@link ErrorCode}) knows
 * them, so a code read in the 7.8 form ({@code server.clientproxy.unknown_member}) equals the same
 * code read in the classic form. Segments the catalogue does not know (codes invented by an
 * information system) are kept as they were written and compared case-insensitively.
 */
public record FaultCode(List<String> segments) implements java.io.Serializable {

    /** Longest fault code accepted from the network, in characters. */
    public static final int MAX_LENGTH = 1024;

    public FaultCode {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a fault code needs at least one segment");
        }
        for (String s : segments) {
            if (s.isEmpty() || s.indexOf('.') >= 0) {
                throw new IllegalArgumentException("bad fault code segment '" + s + "'");
            }
        }
    }

    /** The code made of catalogue entries, for example {@code of(SERVER, CLIENT_PROXY, UNKNOWN_MEMBER)}. */
    public static FaultCode of(ErrorCode... codes) {
        var parts = new ArrayList<String>(codes.length);
        for (ErrorCode c : codes) {
            parts.add(c.classic());
        }
        return new FaultCode(parts);
    }

    /**
     * Reads a fault code in either spelling.
     *
     * @throws IllegalArgumentException when {@code text} is empty, too long or has an empty segment
     */
    public static FaultCode parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("fault code longer than " + MAX_LENGTH + " characters");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty fault code");
        }
        var parts = new ArrayList<String>();
        for (String raw : trimmed.split("\\.", -1)) {
            if (raw.isEmpty()) {
                throw new IllegalArgumentException("fault code '" + text + "' has an empty segment");
            }
            parts.add(ErrorCode.bySpelling(raw).map(ErrorCode::classic).orElse(raw));
        }
        return new FaultCode(parts);
    }

    /** This code with {@code prefix} in front, as a proxy adds {@code Server.ClientProxy} to a signer error. */
    public FaultCode withPrefix(ErrorCode... prefix) {
        var parts = new ArrayList<String>(prefix.length + segments.size());
        for (ErrorCode p : prefix) {
            parts.add(p.classic());
        }
        parts.addAll(segments);
        return new FaultCode(parts);
    }

    /** Whether this code ends with {@code code}, for example a prefixed {@code ...SslAuthenticationFailed}. */
    public boolean endsWith(ErrorCode code) {
        return segments.get(segments.size() - 1).equalsIgnoreCase(code.classic());
    }

    /** Whether this code has {@code code} as one of its segments. */
    public boolean contains(ErrorCode code) {
        return segments.stream().anyMatch(s -> s.equalsIgnoreCase(code.classic()));
    }

    /** Whether the first segment is {@code Server} (REST: answer 500 rather than 400). */
    public boolean isServerFault() {
        return segments.get(0).equalsIgnoreCase(ErrorCode.SERVER.classic());
    }

    /** The code spelled in {@code style}. Unknown segments are written as they were read. */
    public String format(FaultStyle style) {
        var out = new StringBuilder();
        for (String s : segments) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(ErrorCode.bySpelling(s).map(c -> c.spelled(style)).orElse(s));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaultCode other && normalized().equals(other.normalized());
    }

    @Override
    public int hashCode() {
        return normalized().hashCode();
    }

    @Override
    public String toString() {
        return format(FaultStyle.CLASSIC);
    }

    private String normalized() {
        return String.join(".", segments).toLowerCase(Locale.ROOT);
    }
}
