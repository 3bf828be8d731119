package org.sild.core.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.FaultStyle;
import org.sild.core.xml.XmlValues;

/**
 * An error the security server itself answers to a REST client: JSON
 * {@code {"type":…,"message":…,"detail":…}} by default, XML {@code <error>…</error>} when the
 * client's {@code Accept} asks for XML; status 500 for {@code Server.*} codes, else 400; and the
 * header {@code X-Road-Error} carrying the code. Errors from the provider's information system are
 * passed through untouched and never become a {@code RestError}.
 */
public record RestError(FaultCode type, String message, String detail) {

    /** The rendered error: HTTP status, {@code Content-Type}, {@code X-Road-Error} value and body. */
    public record Rendered(int status, String contentType, String errorHeader, byte[] body) {
    }

    /** HTTP 500 for faults of the server side, 400 for the client's. */
    public int status() {
        return type.isServerFault() ? 500 : 400;
    }

    /** Renders for a client that sent {@code acceptHeaders} (all {@code Accept} values, possibly none). */
    public Rendered render(FaultStyle style, List<String> acceptHeaders) {
        String code = type.format(style);
        String xmlType = xmlTypeAccepted(acceptHeaders);
        if (xmlType != null) {
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error><type>" + XmlValues.escapeText(code) + "</type><message>"
                    + XmlValues.escapeText(message) + "</message><detail>" + XmlValues.escapeText(detail) + "</detail></error>";
            return new Rendered(status(), xmlType + "; charset=UTF-8", code, xml.getBytes(StandardCharsets.UTF_8));
        }
        String json = "{\"type\":" + jsonString(code) + ",\"message\":" + jsonString(message)
                + ",\"detail\":" + jsonString(detail) + "}";
        return new Rendered(status(), "application/json; charset=UTF-8", code, json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code text/xml} or {@code application/xml} when one of them or {@code text/*} is accepted. */
    static String xmlTypeAccepted(List<String> acceptHeaders) {
        for (String header : acceptHeaders) {
            for (String range : header.split(",")) {
                String type = range.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
                switch (type) {
                    case "text/xml", "text/*" -> {
                        return "text/xml";
                    }
                    case "application/xml" -> {
                        return "application/xml";
                    }
                    default -> { }
                }
            }
        }
        return null;
    }

    static String jsonString(String s) {
        var out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
