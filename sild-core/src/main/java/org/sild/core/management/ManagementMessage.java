package org.sild.core.management;

import java.io.ByteArrayInputStream;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.ServiceId;
import org.sild.core.soap.SoapHeader;
import org.sild.core.soap.SoapMessage;

/**
 * A management request as an X-Road SOAP 4.0 message (PR-MSERV §2, digest 04 §9.2): the header
 * names the security server's owner as {@code client} and the management service provider's
 * service as {@code service}; the body is the request in {@code request.xsd}'s shape.
 *
 * <pre>{@code
 * ManagementMessage m = ManagementMessage.create(provider, UUID.randomUUID().toString(),
 *         new ManagementRequest.ClientReg(server, subsystem, Optional.of("Portal")));
 * byte[] soap = m.bytes();   // what is sent, and what the signatures are computed over
 * }</pre>
 *
 * <p>The bytes are kept exactly as written or received: they are what every signature of the
 * request covers. Immutable and thread-safe.
 */
public record ManagementMessage(SoapMessage soap, ManagementRequest request) {

    public ManagementMessage {
        Objects.requireNonNull(soap, "soap");
        Objects.requireNonNull(request, "request");
    }

    /**
     * The message for {@code request} from {@code sender} to {@code provider}'s management service
     * with message id {@code id}. Security servers send as the owner of the server the request is
     * about ({@link #create(ClientId, String, ManagementRequest)}); anything else is refused by the
     * central server.
     *
     * @throws XRoadException {@code InvalidRequest} for text XML cannot carry (control characters)
     */
    public static ManagementMessage create(ClientId sender, ClientId provider, String id, ManagementRequest request) {
        SoapHeader header = SoapHeader.builder().client(sender)
                .service(new ServiceId(provider, request.type().serviceCode())).id(id).build();
        byte[] bytes = EnvelopeXml.write(header, request.type().serviceCode(), request, Optional.empty());
        return parse(bytes, EnvelopeXml.TEXT_XML);
    }

    /** The message for {@code request} sent by the owner of {@code request.server()}. */
    public static ManagementMessage create(ClientId provider, String id, ManagementRequest request) {
        return create(request.server().owner(), provider, id, request);
    }

    /**
     * Reads a management request envelope: an X-Road request whose service code names a management
     * service and whose single body element is that service's request.
     *
     * @param contentType the HTTP or MIME part Content-Type ({@code text/xml})
     * @throws XRoadException {@code InvalidMessage} beyond {@link ManagementPackage#MAX_BYTES}; the
     *     SOAP parser's bare codes ({@code InvalidSoap}, {@code MissingHeaderField}, ...); the code of
     *     a SOAP fault sent as a request; {@code InvalidRequest} for an unknown service code or a body
     *     element that does not match it; {@code InvalidXml} for a body that does not fit the schema
     */
    public static ManagementMessage parse(byte[] soap, String contentType) {
        SoapMessage message = EnvelopeXml.PARSER.parseRequest(new ByteArrayInputStream(soap), contentType);
        String code = message.header().service().serviceCode();
        ManagementRequestType type = ManagementRequestType.byServiceCode(code).orElseThrow(() -> new XRoadException(
                ErrorCode.INVALID_REQUEST, "'" + code + "' is not a management service"));
        var expected = new QName(IdentifierXml.XROAD_NAMESPACE, type.serviceCode());
        if (!message.bodyElement().equals(expected)) {
            throw new XRoadException(ErrorCode.INVALID_REQUEST, "the body element " + message.bodyElement()
                    + " does not match the service code '" + code + "' (expected " + expected + ")");
        }
        return new ManagementMessage(message, EnvelopeXml.readBody(message, type, false).request());
    }

    /** The X-Road header. */
    public SoapHeader header() {
        return soap.header();
    }

    /** The message id ({@code xroad:id}). */
    public String id() {
        return soap.header().id();
    }

    /** The service this message calls. */
    public ManagementRequestType type() {
        return request.type();
    }

    /** The exact SOAP bytes: sent as they are, signed as they are. */
    public byte[] bytes() {
        return soap.bytes();
    }

    /** The Content-Type the bytes were written or received with. */
    public String contentType() {
        return soap.contentType();
    }
}
