package org.sild.securityserver.metadata;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.ServiceId;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartWriter;
import org.sild.core.soap.AnswerEnvelope;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapPackageWriter;
import org.sild.securityserver.serverconf.LocalService;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServiceDescription;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SOAP {@code listMethods}, {@code allowedMethods} and {@code getWsdl} (PR-META §3–4, digest 06 §2).
 * The response keeps the request's header (the server proxy adds the request hash) and replaces its
 * body. Stateless and thread-safe.
 */
final class SoapMetaservices {

    static final String XROAD = IdentifierXml.XROAD_NAMESPACE;
    static final String ID = IdentifierXml.NAMESPACE;
    static final String TEXT_XML = "text/xml; charset=UTF-8";
    /** What every SOAP 1.1 address of a returned WSDL is replaced by, as X-Road does. */
    static final String ENDPOINT = "http://example.org/xroad-endpoint";
    private static final String WSDL_SOAP = "http://schemas.xmlsoap.org/wsdl/soap/";

    private final ServiceCatalog catalog;
    private final Metaservices.Downloader downloader;
    private final Random random;
    private final Metaservices.BuiltIns builtIns;

    SoapMetaservices(ServiceCatalog catalog, Metaservices.Downloader downloader, Random random,
            Metaservices.BuiltIns builtIns) {
        this.catalog = catalog;
        this.downloader = downloader;
        this.random = random;
        this.builtIns = builtIns;
    }

    Metaservices.Answer answer(Metaservice service, SoapMessage request, Metaservices.Grants grants) {
        return switch (service) {
            case LIST_METHODS -> methodList(request, "listMethodsResponse", wsdlServices(request.header().service()
                    .provider()));
            case ALLOWED_METHODS -> methodList(request, "allowedMethodsResponse", wsdlServices(request.header().service()
                    .provider()).stream().filter(s -> !grants.of(request.header().client(), s).isEmpty()).toList());
            case GET_WSDL -> wsdl(request);
            case GET_OPENAPI -> throw new IllegalArgumentException("getOpenAPI is not a SOAP metaservice");
        };
    }

    /** The provider's services from WSDL descriptions, in catalogue order, never a metaservice; then its SOAP built-ins. */
    private List<ServiceId> wsdlServices(ClientId provider) {
        var described = catalog.descriptions(provider).stream().filter(d -> d.type() == ServiceType.WSDL)
                .flatMap(d -> d.services().stream()).map(LocalService::id)
                .filter(id -> !Metaservice.isReserved(id.serviceCode()));
        var builtIn = builtIns.of(provider).stream().filter(b -> b.soapVersion().isPresent())
                .map(b -> new ServiceId(provider, b.serviceCode(), b.soapVersion()));
        return Stream.concat(described, builtIn).toList();
    }

    private static Metaservices.Answer methodList(SoapMessage request, String responseName, List<ServiceId> services) {
        Document doc = AnswerEnvelope.parse(request.bytes());
        Element body = AnswerEnvelope.emptyBody(doc);
        Element response = doc.createElementNS(XROAD, "x:" + responseName);
        body.appendChild(response);
        String xroad = Dom.prefix(body, response, XROAD, "xroad");
        response.setPrefix(xroad);
        String id = Dom.prefix(response, response, ID, "id");
        for (ServiceId s : services) {
            Element e = doc.createElementNS(XROAD, xroad + ":service");
            e.setAttributeNS(ID, id + ":objectType", "SERVICE");
            ClientId p = s.provider();
            field(e, id, "xRoadInstance", p.instance());
            field(e, id, "memberClass", p.memberClass());
            field(e, id, "memberCode", p.memberCode());
            p.subsystemCode().ifPresent(c -> field(e, id, "subsystemCode", c));
            field(e, id, "serviceCode", s.serviceCode());
            s.serviceVersion().ifPresent(v -> field(e, id, "serviceVersion", v));
            response.appendChild(e);
        }
        return new Metaservices.Answer(TEXT_XML, AnswerEnvelope.serialize(doc));
    }

    private static void field(Element parent, String prefix, String name, String value) {
        Element e = parent.getOwnerDocument().createElementNS(ID, prefix + ":" + name);
        e.setTextContent(value);
        parent.appendChild(e);
    }

    /** getWsdl: the response SOAP part and the provider's WSDL, addresses replaced, as multipart/related. */
    private Metaservices.Answer wsdl(SoapMessage request) {
        Document doc = AnswerEnvelope.parse(request.bytes());
        Element body = AnswerEnvelope.body(doc);
        Element call = Dom.children(body).stream().findFirst().orElseThrow(() -> invalidRequest("getWsdl has no body"));
        String code = text(call, "serviceCode").orElseThrow(() -> invalidRequest("Missing serviceCode in message body"));
        Optional<String> version = text(call, "serviceVersion");
        ServiceId target = new ServiceId(request.header().service().provider(), code, version);
        ServiceDescription description = catalog.descriptionOf(target).orElseThrow(() -> new XRoadException(
                ErrorCode.UNKNOWN_SERVICE, "Could not find wsdl URL for service " + target));
        if (description.type() != ServiceType.WSDL) {
            throw new XRoadException(ErrorCode.INVALID_SERVICE_TYPE, "Service is a REST service and does not have a WSDL");
        }
        LocalService service = description.services().stream()
                .filter(s -> s.id().serviceCode().equals(code)).findFirst().orElseThrow();
        byte[] wsdl = anonymised(downloader.get(service, description.url()).body());

        doc.renameNode(call, call.getNamespaceURI(), qualified(call, "getWsdlResponse"));
        byte[] soap = AnswerEnvelope.serialize(doc);
        var out = new ByteArrayOutputStream();
        var writer = new MultipartWriter(out, MultipartWriter.newBoundary("xroad", random));
        writer.part(MimeHeaders.of("Content-Type", TEXT_XML), soap);
        writer.part(MimeHeaders.of("Content-Type", "text/xml", "Content-Transfer-Encoding", "binary",
                "Content-ID", "<wsdl=" + new UUID(random.nextLong(), random.nextLong()) + "@x-road.eu>"), wsdl);
        writer.finish();
        return new Metaservices.Answer(SoapPackageWriter.contentType(writer.boundary(), false), out.toByteArray());
    }

    /** The WSDL with the location of every SOAP 1.1 {@code address} replaced; comments and everything else kept. */
    static byte[] anonymised(byte[] wsdl) {
        Document doc = Dom.parse(wsdl, "the WSDL");
        var addresses = doc.getElementsByTagNameNS(WSDL_SOAP, "address");
        for (int i = 0; i < addresses.getLength(); i++) {
            ((Element) addresses.item(i)).setAttribute("location", ENDPOINT);
        }
        return AnswerEnvelope.serialize(doc);
    }

    private static Optional<String> text(Element parent, String localName) {
        return Dom.children(parent).stream().filter(e -> localName.equals(e.getLocalName())).findFirst()
                .map(e -> e.getTextContent().strip()).filter(s -> !s.isEmpty());
    }

    private static String qualified(Element e, String localName) {
        return e.getPrefix() == null ? localName : e.getPrefix() + ":" + localName;
    }

    private static XRoadException invalidRequest(String message) {
        return new XRoadException(ErrorCode.INVALID_REQUEST, message);
    }
}
