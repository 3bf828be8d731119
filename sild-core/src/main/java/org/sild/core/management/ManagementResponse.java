package org.sild.core.management;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.IdentifierXml;
import org.sild.core.soap.SoapEnvelope;
import org.sild.core.soap.SoapFaultMessage;
import org.sild.core.soap.SoapMessage;

/**
 * The central server's answer to a management request (PR-MSERV §2): the request's fields echoed in
 * element {@code <service code>Response}, plus {@code requestId}, the id of the request in the
 * central server's database. Immutable.
 *
 * @param request   the echoed fields (X-Road's own central server does not always echo them
 *                  faithfully, so they are not compared with what was sent)
 * @param requestId the central server's id of the request
 */
public record ManagementResponse(ManagementRequest request, long requestId) {

    public ManagementResponse {
        Objects.requireNonNull(request, "request");
    }

    /** The answer to {@code message} that echoes its request. */
    public static ManagementResponse to(ManagementMessage message, long requestId) {
        return new ManagementResponse(message.request(), requestId);
    }

    /**
     * This response as the SOAP message answering {@code request} ({@code text/xml; charset=UTF-8}):
     * the request's X-Road header echoed (client, service, userId, id, issue, protocolVersion; the
     * management service's security server adds {@code requestHash}) and the response element.
     */
    public byte[] toSoap(ManagementMessage request) {
        return EnvelopeXml.write(request.header(), request.type().responseElement(), this.request,
                Optional.of(requestId));
    }

    /** The Content-Type of {@link #toSoap}. */
    public static String contentType() {
        return EnvelopeXml.TEXT_XML;
    }

    /**
     * Reads the answer to {@code request}, as the security server does: a SOAP fault is thrown with
     * the fault's own code and string; otherwise the X-Road headers must echo the request's
     * ({@code InconsistentHeaders}), a {@code requestHash}, when present, must be the request's
     * ({@code InconsistentResponse}), and the body must be the matching response element with a
     * {@code requestId}.
     *
     * @param body at most {@link ManagementPackage#MAX_BYTES} are read
     * @throws XRoadException as described, or as {@link #parse}
     */
    public static ManagementResponse read(ManagementMessage request, InputStream body, String contentType) {
        SoapMessage response = message(EnvelopeXml.readBounded(body, "the management response"), contentType);
        request.header().checkConsistentResponse(response.header());
        if (response.header().requestHash().isPresent()) {
            request.soap().checkResponseHash(response);
        }
        return body(response, request.type());
    }

    /**
     * Reads a management response on its own: the service code of its header decides which response
     * element the body must be.
     *
     * @throws XRoadException the SOAP parser's bare codes; the code of a SOAP fault;
     *     {@code InvalidResponse} for an unknown service code or a mismatching body element;
     *     {@code InvalidXml} for a body that does not fit the schema
     */
    public static ManagementResponse parse(byte[] soap, String contentType) {
        SoapMessage response = message(soap, contentType);
        String code = response.header().service().serviceCode();
        ManagementRequestType type = ManagementRequestType.byServiceCode(code).orElseThrow(() -> new XRoadException(
                ErrorCode.INVALID_RESPONSE, "'" + code + "' is not a management service"));
        return body(response, type);
    }

    private static SoapMessage message(byte[] soap, String contentType) {
        SoapEnvelope envelope = EnvelopeXml.PARSER.parse(new ByteArrayInputStream(soap), contentType);
        return switch (envelope) {
            case SoapMessage m -> m;
            case SoapFaultMessage f -> throw f.fault().toException();
        };
    }

    private static ManagementResponse body(SoapMessage response, ManagementRequestType type) {
        var expected = new QName(IdentifierXml.XROAD_NAMESPACE, type.responseElement());
        if (!response.bodyElement().equals(expected)) {
            throw new XRoadException(ErrorCode.INVALID_RESPONSE, "the response body element "
                    + response.bodyElement() + " is not " + expected);
        }
        BodyXml.Read read = EnvelopeXml.readBody(response, type, true);
        return new ManagementResponse(read.request(), read.requestId().orElseThrow());
    }
}
