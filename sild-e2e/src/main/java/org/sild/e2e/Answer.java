package org.sild.e2e;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.sild.core.fault.FaultCode;
import org.sild.core.soap.SoapEnvelope;
import org.sild.core.soap.SoapFaultMessage;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapParser;
import org.sild.runtime.json.Json;

/**
 * A complete HTTP answer of a security server's client port, as an information system received it:
 * status, headers and body, with readers for X-Road's SOAP responses and both fault forms.
 *
 * <p>Immutable apart from the header fields Jetty hands over (never changed here).
 */
public record Answer(int status, HttpFields headers, byte[] body) {

    private static final SoapParser PARSER = new SoapParser(SoapLimits.withMaxSoapBytes(16 * 1024 * 1024));

    public Answer {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A response header (the last one of that name, case-insensitive), if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.getValuesList(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    public String contentType() {
        return header("Content-Type").orElse("");
    }

    /** The body parsed as a SOAP envelope: an X-Road message or a SOAP fault. */
    public SoapEnvelope soap() {
        return PARSER.parse(new ByteArrayInputStream(body), contentType());
    }

    /** The body as an X-Road SOAP message; fails when it is a fault. */
    public SoapMessage soapMessage() {
        SoapEnvelope envelope = soap();
        if (envelope instanceof SoapMessage message) {
            return message;
        }
        throw new AssertionError("expected an X-Road SOAP message, got the fault " + envelope);
    }

    /**
     * The X-Road fault code the answer carries: the {@code faultcode} of a SOAP fault, or the
     * {@code X-Road-Error} header of a REST error. Empty for a normal answer.
     */
    public Optional<FaultCode> faultCode() {
        Optional<String> restError = header("X-Road-Error");
        if (restError.isPresent()) {
            return restError.map(FaultCode::parse);
        }
        return faultCodeText().map(FaultCode::parse);
    }

    /** The fault code exactly as spelled on the wire (SOAP {@code faultcode} or {@code X-Road-Error}). */
    public Optional<String> faultCodeText() {
        Optional<String> restError = header("X-Road-Error");
        if (restError.isPresent()) {
            return restError;
        }
        if (!contentType().startsWith("text/xml")) {
            return Optional.empty();
        }
        return soap() instanceof SoapFaultMessage fault ? Optional.of(fault.fault().faultCode()) : Optional.empty();
    }

    /** The JSON body of a REST error ({@code type}, {@code message}, {@code detail}). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
        return Json.read(body, Map.class);
    }

    @Override
    public String toString() {
        return "Answer[" + status + " " + contentType() + ": " + (body.length > 2000 ? text().substring(0, 2000) + "..."
                : text()) + "]";
    }
}
