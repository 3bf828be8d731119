package org.sild.core.soap;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.FaultStyle;
import org.sild.core.fault.XRoadException;
import org.sild.core.xml.XmlValues;

/**
 * Writes the SOAP faults a security server sends, in exactly X-Road's format
 * ({@code SoapFault.createFaultXml}), with the fault code spelled in the configured
 * {@link FaultStyle}:
 *
 * <pre>{@code
 * <?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">
 * <SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>Server.ClientProxy.UnknownMember</faultcode>
 * <faultstring>...</faultstring><faultactor></faultactor><detail><faultDetail xmlns="">UUID</faultDetail></detail>
 * </SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>
 * }</pre>
 * (one line, no whitespace between elements). The detail is a random UUID that correlates the
 * fault with the server's log. The HTTP response carrying it uses {@link #HTTP_STATUS},
 * {@link #CONTENT_TYPE} and the header {@link #SOAP_ACTION_HEADER}: {@link #SOAP_ACTION_VALUE}.
 *
 * <p>Thread-safe if the injected {@link Random} is (a {@link java.security.SecureRandom} is).
 */
public final class SoapFaultWriter {

    /** X-Road sends faults with HTTP 200, not 500. */
    public static final int HTTP_STATUS = 200;
    /** Content-Type of a fault response. */
    public static final String CONTENT_TYPE = "text/xml; charset=UTF-8";
    /** The extra HTTP header X-Road sends with a fault. */
    public static final String SOAP_ACTION_HEADER = "SOAPAction";
    /** Its value: an empty quoted string. */
    public static final String SOAP_ACTION_VALUE = "\"\"";

    private final FaultStyle style;
    private final Random random;

    public SoapFaultWriter(FaultStyle style, Random random) {
        this.style = Objects.requireNonNull(style, "style");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The fault for {@code e}: its (prefixed) code and message, an empty actor and a fresh detail UUID. */
    public byte[] write(XRoadException e) {
        return write(e.code(), e.getMessage() == null ? "" : e.getMessage());
    }

    /** A fault with {@code code} spelled in the configured style and a fresh detail UUID. */
    public byte[] write(FaultCode code, String faultString) {
        var fault = new SoapFault(code.format(style), faultString, Optional.of(""),
                Optional.of(nextDetail().toString()));
        return toXml(fault);
    }

    /** A random (version 4) UUID drawn from the injected randomness. */
    public UUID nextDetail() {
        byte[] b = new byte[16];
        synchronized (random) {
            random.nextBytes(b);
        }
        b[6] = (byte) ((b[6] & 0x0F) | 0x40);
        b[8] = (byte) ((b[8] & 0x3F) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xFF);
            lsb = (lsb << 8) | (b[i + 8] & 0xFF);
        }
        return new UUID(msb, lsb);
    }

    /**
     * {@code fault} in X-Road's fault format, UTF-8: the code as given, {@code faultactor} and
     * {@code detail/faultDetail} only when present.
     */
    public static byte[] toXml(SoapFault fault) {
        var xml = new StringBuilder(512)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"").append(EnvelopeReader.ENVELOPE_NS).append("\">")
                .append("<SOAP-ENV:Body><SOAP-ENV:Fault>")
                .append("<faultcode>").append(XmlValues.escapeText(fault.faultCode())).append("</faultcode>")
                .append("<faultstring>").append(XmlValues.escapeText(fault.faultString())).append("</faultstring>");
        fault.faultActor().ifPresent(a -> xml.append("<faultactor>").append(XmlValues.escapeText(a)).append("</faultactor>"));
        fault.faultDetail().ifPresent(d -> xml.append("<detail><faultDetail xmlns=\"\">").append(XmlValues.escapeText(d))
                .append("</faultDetail></detail>"));
        xml.append("</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}
