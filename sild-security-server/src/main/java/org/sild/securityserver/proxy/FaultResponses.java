package org.sild.securityserver.proxy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.FaultStyle;
import org.sild.core.fault.XRoadException;
import org.sild.core.rest.RestError;
import org.sild.core.rest.RestHeaders;
import org.sild.core.soap.SoapFault;
import org.sild.core.soap.SoapFaultWriter;

/**
 * Writes the faults a security server answers with: SOAP faults exactly as X-Road (HTTP 200,
 * {@code text/xml; charset=UTF-8}, {@code SOAPAction: ""}), REST errors as X-Road (JSON or XML,
 * 500 for {@code Server.*} codes, else 400, with {@code X-Road-Error}), and relayed faults of the
 * other side unchanged. Every fault gets a fresh detail UUID, which the caller logs with it.
 *
 * <p>Thread-safe if the injected {@link Random} is (a {@link java.security.SecureRandom} is).
 */
public final class FaultResponses {

    private final FaultStyle style;
    private final SoapFaultWriter writer;

    public FaultResponses(FaultStyle style, Random random) {
        this.style = Objects.requireNonNull(style, "style");
        this.writer = new SoapFaultWriter(style, random);
    }

    /** The spelling of fault codes. */
    public FaultStyle style() {
        return style;
    }

    /** A SOAP fault document for {@code e}, with {@code detail} as its {@code faultDetail}. */
    public byte[] soapFaultXml(XRoadException e, String detail) {
        return SoapFaultWriter.toXml(new SoapFault(e.formattedCode(style), message(e), Optional.of(""),
                Optional.of(detail)));
    }

    /** A fresh fault detail: a random UUID that correlates the fault with the log. */
    public String newDetail() {
        return writer.nextDetail().toString();
    }

    /** Answers with the SOAP fault for {@code e} (HTTP 200); returns the detail used. */
    public String soapFault(Response response, Callback callback, XRoadException e) {
        String detail = newDetail();
        send(response, callback, SoapFaultWriter.HTTP_STATUS, SoapFaultWriter.CONTENT_TYPE, soapFaultXml(e, detail));
        return detail;
    }

    /** Answers with a fault document another party wrote, unchanged, as X-Road relays faults (HTTP 200). */
    public void relayedSoapFault(Response response, Callback callback, byte[] faultXml, String contentType) {
        send(response, callback, SoapFaultWriter.HTTP_STATUS, contentType, faultXml);
    }

    /**
     * Answers a REST client with the error for {@code e}, in the format its {@code Accept} headers
     * ask for; returns the detail used.
     */
    public String restError(Request request, Response response, Callback callback, XRoadException e) {
        String detail = newDetail();
        restError(request, response, callback, new RestError(e.code(), message(e), detail));
        return detail;
    }

    /** Answers a REST client with {@code error}. */
    public void restError(Request request, Response response, Callback callback, RestError error) {
        List<String> accept = request.getHeaders().getValuesList(HttpHeader.ACCEPT);
        RestError.Rendered rendered = error.render(style, accept);
        response.getHeaders().put(RestHeaders.ERROR, rendered.errorHeader());
        send(response, callback, rendered.status(), rendered.contentType(), rendered.body());
    }

    private static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(Headers.contentType(contentType));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (status == SoapFaultWriter.HTTP_STATUS && contentType.startsWith("text/xml")) {
            response.getHeaders().put(SoapFaultWriter.SOAP_ACTION_HEADER, SoapFaultWriter.SOAP_ACTION_VALUE);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String message(XRoadException e) {
        return e.getMessage() == null ? "" : e.getMessage();
    }
}
