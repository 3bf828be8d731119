package org.sild.securityserver.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.rest.RestRequest;
import org.sild.core.soap.Attachment;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.AnswerEnvelope;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapPackage;
import org.sild.core.soap.SoapParser;
import org.sild.runtime.json.Json;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.securityserver.serverconf.LocalService;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServiceDescription;
import org.sild.testing.Vectors;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The metaservices' answers against X-Road's metaservice test queries (README-vectors F). */
class MetaservicesTest {

    private static final MemberId CONSUMER = new MemberId("EE", "BUSINESS", "consumer");
    private static final MemberId PRODUCER = new MemberId("EE", "BUSINESS", "producer");
    private static final SubsystemId PRODUCER_SUB = PRODUCER.subsystem("SUB");
    private static final URI WSDL_URL = URI.create("http://is.example/wsdl");
    private static final URI OPENAPI_URL = URI.create("http://is.example/petstore.json");
    private static final SoapParser PARSER = new SoapParser(SoapLimits.withMaxSoapBytes(1 << 20));
    private static final java.util.Set<String> VECTORS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final List<URI> downloads = new ArrayList<>();
    private final ServiceCatalog catalog = new Catalog();
    private final Metaservices metaservices = new Metaservices(catalog, (service, url) -> {
        downloads.add(url);
        if (url.equals(WSDL_URL)) {
            return new Metaservices.Document(Optional.of("text/xml"), file("resources/__files/wsdl.wsdl"));
        }
        return new Metaservices.Document(Optional.of("application/json"), file("resources/__files/petstore.json"));
    }, new Random(1));

    @AfterAll
    static void report() {
        System.out.println("[conformance] metaservice queries and documents (README-vectors F): " + VECTORS.size()
                + " vectors exercised " + new java.util.TreeSet<>(VECTORS));
    }

    /** Producer (member and subsystem SUB): a WSDL with two services and a reserved code, a REST and an OpenAPI service. */
    private static final class Catalog implements ServiceCatalog {
        @Override
        public List<ServiceDescription> descriptions(ClientId provider) {
            return List.of(
                    description(provider, ServiceType.WSDL, WSDL_URL, service(provider, "getRandom", "v1"),
                            service(provider, "helloService", "v1"), service(provider, "listMethods", "v1")),
                    description(provider, ServiceType.REST, URI.create("http://is.example/api"),
                            service(provider, "persons", null)),
                    description(provider, ServiceType.OPENAPI3, OPENAPI_URL, service(provider, "pets", null)));
        }

        @Override
        public List<Endpoint> endpoints(ClientId provider, String serviceCode) {
            return serviceCode.equals("pets") ? List.of(new Endpoint("pets", "GET", "/pet/findByStatus"),
                    new Endpoint("pets", "POST", "/pet")) : List.of();
        }
    }

    private static LocalService service(ClientId provider, String code, String version) {
        ServiceId id = version == null ? new ServiceId(provider, code) : new ServiceId(provider, code, version);
        return new LocalService(id, ServiceType.WSDL, URI.create("http://is.example/" + code), Duration.ofSeconds(5),
                false, Optional.empty());
    }

    private static ServiceDescription description(ClientId provider, ServiceType type, URI url, LocalService... services) {
        return new ServiceDescription(UUID.randomUUID(), provider, type, url, Optional.empty(), Instant.EPOCH,
                List.of(services), List.of());
    }

    private static byte[] file(String name) {
        try {
            VECTORS.add(name);
            return Files.readAllBytes(Vectors.file("src/addons/metaservice/src/test/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SoapMessage query(String name) {
        return PARSER.parseRequest(new ByteArrayInputStream(file("queries/" + name)), "text/xml; charset=UTF-8");
    }

    private static Element body(byte[] soap) {
        return Dom.children(AnswerEnvelope.body(AnswerEnvelope.parse(soap))).get(0);
    }

    private static List<ServiceId> services(Element response) {
        return Dom.children(response).stream().map(e -> {
            assertThat(e.getNamespaceURI()).isEqualTo(IdentifierXml.XROAD_NAMESPACE);
            assertThat(e.getLocalName()).isEqualTo("service");
            return (ServiceId) IdentifierXml.parse(new String(AnswerEnvelope.serialize(element(e)), StandardCharsets.UTF_8));
        }).toList();
    }

    private static Document element(Element e) {
        Document doc = Dom.parse("<x/>".getBytes(StandardCharsets.UTF_8), "x");
        doc.replaceChild(doc.importNode(e, true), doc.getDocumentElement());
        return doc;
    }

    @Test
    void listMethodsQueryListsTheWsdlServicesOfTheProviderWithoutMetaservices() {
        SoapMessage request = query("listMethods.query");
        Metaservices.Answer answer = metaservices.answer(request, (c, s) -> List.of());

        assertThat(answer.contentType()).isEqualTo("text/xml; charset=UTF-8");
        Element response = body(answer.body());
        assertThat(response.getNamespaceURI()).isEqualTo(IdentifierXml.XROAD_NAMESPACE);
        assertThat(response.getLocalName()).isEqualTo("listMethodsResponse");
        assertThat(services(response)).containsExactly(new ServiceId(PRODUCER_SUB, "getRandom", "v1"),
                new ServiceId(PRODUCER_SUB, "helloService", "v1"));
        // The header is the request's: the server proxy adds requestHash to it.
        SoapMessage parsed = PARSER.parse(new ByteArrayInputStream(answer.body()), answer.contentType()) instanceof
                SoapMessage m ? m : null;
        assertThat(parsed).isNotNull();
        assertThat(parsed.header().id()).isEqualTo(request.header().id());
        assertThat(parsed.header().client()).isEqualTo(CONSUMER);
    }

    @Test
    void allowedMethodsQueryListsOnlyTheServicesTheCallerHoldsGrantsOn() {
        SoapMessage request = query("allowedMethods.query");
        ClientId caller = request.header().client();
        Metaservices.Answer answer = metaservices.answer(request, (c, s) -> c.equals(caller)
                && s.serviceCode().equals("helloService") ? List.of(AccessRight.wholeService(c, "helloService"))
                : List.of());

        Element response = body(answer.body());
        assertThat(response.getLocalName()).isEqualTo("allowedMethodsResponse");
        ClientId provider = request.header().service().provider();
        assertThat(services(response)).containsExactly(new ServiceId(provider, "helloService", "v1"));
    }

    @Test
    void getWsdlQueryAnswersMultipartWithTheWsdlAddressesReplaced() {
        SoapMessage request = query("getWsdl.query");
        Metaservices.Answer answer = metaservices.answer(request, (c, s) -> List.of());

        assertThat(downloads).containsExactly(WSDL_URL);
        assertThat(answer.contentType()).startsWith("multipart/related").contains("type=\"text/xml\"");
        SoapPackage reply = PARSER.read(new ByteArrayInputStream(answer.body()), answer.contentType());
        SoapMessage soap = reply.message().orElseThrow();
        assertThat(soap.bodyElement().getLocalPart()).isEqualTo("getWsdlResponse");
        assertThat(soap.bodyElement().getNamespaceURI()).isEqualTo(IdentifierXml.XROAD_NAMESPACE);
        assertThat(new String(soap.bytes(), StandardCharsets.UTF_8)).contains("<xroad:serviceCode>getRandom</xroad:serviceCode>");
        Attachment wsdl = reply.nextAttachment().orElseThrow();
        assertThat(wsdl.headers().first("Content-Type")).contains("text/xml");
        assertThat(wsdl.headers().first("Content-ID").orElseThrow()).matches("<wsdl=[0-9a-f-]{36}@x-road\\.eu>");
        String text;
        try {
            text = new String(wsdl.body().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(text).contains("location=\"http://example.org/xroad-endpoint\"").doesNotContain("172.28.128.2")
                .contains("wsdl:definitions");
        // The expected getWsdl answer of X-Road's suite has the same parts: SOAP response + text/xml WSDL.
        assertThat(new String(file("resources/__files/wsdl_response.xml"), StandardCharsets.UTF_8))
                .contains("<xroad:getWsdlResponse><xroad:serviceCode>getRandom</xroad:serviceCode></xroad:getWsdlResponse>")
                .contains("content-type:text/xml");
        assertThat(reply.nextAttachment()).isEmpty();
    }

    @Test
    void getWsdlFaultsAsXRoadDoes() {
        String blank = new String(file("queries/getWsdl.query"), StandardCharsets.UTF_8)
                .replace("<xroad:serviceCode>getRandom</xroad:serviceCode>", "<xroad:serviceCode> </xroad:serviceCode>");
        assertThatThrownBy(() -> metaservices.answer(parse(blank), (c, s) -> List.of()))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                        .isEqualTo(FaultCode.of(ErrorCode.INVALID_REQUEST)));
        String unknown = blank.replace("<xroad:serviceCode> </xroad:serviceCode>", "<xroad:serviceCode>nope</xroad:serviceCode>");
        assertThatThrownBy(() -> metaservices.answer(parse(unknown), (c, s) -> List.of()))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                        .isEqualTo(FaultCode.of(ErrorCode.UNKNOWN_SERVICE)));
        String rest = blank.replace("<xroad:serviceCode> </xroad:serviceCode>", "<xroad:serviceCode>persons</xroad:serviceCode>");
        assertThatThrownBy(() -> metaservices.answer(parse(rest), (c, s) -> List.of()))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                        .isEqualTo(FaultCode.of(ErrorCode.INVALID_SERVICE_TYPE)));
        assertThat(downloads).isEmpty();
    }

    private static SoapMessage parse(String xml) {
        return PARSER.parseRequest(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "text/xml");
    }

    private static RestRequest rest(String method, String path, Optional<String> query, ClientId client) {
        return RestRequest.fromClient(method, path, query, List.of(new org.sild.core.rest.HttpHeader("X-Road-Client",
                client.instance() + "/" + client.memberClass() + "/" + client.memberCode()
                        + client.subsystemCode().map(s -> "/" + s).orElse(""))), "req-1", () -> "EE-1");
    }

    @Test
    void restListMethodsListsRestAndOpenApiServicesWithTheirEndpoints() throws IOException {
        RestRequest request = rest("GET", "/r1/EE/BUSINESS/producer/SUB/listMethods", Optional.empty(), CONSUMER);
        assertThat(Metaservices.restService(request)).contains(Metaservice.LIST_METHODS);
        Metaservices.Answer answer = metaservices.answer(request, (c, s) -> List.of());

        assertThat(answer.contentType()).isEqualTo("application/json; charset=utf-8");
        JsonNode root = Json.mapper().readTree(answer.body());
        assertThat(root.get("service")).hasSize(2);
        JsonNode persons = root.get("service").get(0);
        assertThat(persons.get("object_type").asText()).isEqualTo("SERVICE");
        assertThat(persons.get("xroad_instance").asText()).isEqualTo("EE");
        assertThat(persons.get("member_class").asText()).isEqualTo("BUSINESS");
        assertThat(persons.get("member_code").asText()).isEqualTo("producer");
        assertThat(persons.get("subsystem_code").asText()).isEqualTo("SUB");
        assertThat(persons.get("service_code").asText()).isEqualTo("persons");
        assertThat(persons.get("service_type").asText()).isEqualTo("REST");
        assertThat(persons.get("endpoint_list")).isEmpty();
        JsonNode pets = root.get("service").get(1);
        assertThat(pets.get("service_type").asText()).isEqualTo("OPENAPI");
        assertThat(pets.get("endpoint_list").toString())
                .isEqualTo("[{\"method\":\"GET\",\"path\":\"/pet/findByStatus\"},{\"method\":\"POST\",\"path\":\"/pet\"}]");
    }

    @Test
    void restAllowedMethodsListsTheCallersGrantedEndpoints() throws IOException {
        RestRequest request = rest("GET", "/r1/EE/BUSINESS/producer/SUB/allowedMethods", Optional.empty(), CONSUMER);
        Metaservices.Answer answer = metaservices.answer(request, (c, s) -> s.serviceCode().equals("pets")
                ? List.of(new AccessRight(c, "pets", "GET", "/pet/**")) : List.of());

        JsonNode root = Json.mapper().readTree(answer.body());
        assertThat(root.get("service")).hasSize(1);
        assertThat(root.get("service").get(0).get("service_code").asText()).isEqualTo("pets");
        assertThat(root.get("service").get(0).get("endpoint_list").toString())
                .isEqualTo("[{\"method\":\"GET\",\"path\":\"/pet/findByStatus\"}]");
    }

    @Test
    void onlyGetIsAMetaserviceCall() {
        assertThat(Metaservices.restService(rest("POST", "/r1/EE/BUSINESS/producer/SUB/listMethods", Optional.empty(),
                CONSUMER))).isEmpty();
        assertThat(Metaservices.restService(rest("GET", "/r1/EE/BUSINESS/producer/SUB/getWsdl", Optional.empty(),
                CONSUMER))).isEmpty();
    }

    @Test
    void getOpenApiReturnsTheDocumentWithServerUrlsAnonymised() throws IOException {
        RestRequest request = rest("GET", "/r1/EE/BUSINESS/producer/SUB/getOpenAPI", Optional.of("serviceCode=pets"),
                CONSUMER);
        Metaservices.Answer answer = metaservices.answer(request, (c, s) -> List.of());

        assertThat(downloads).containsExactly(OPENAPI_URL);
        assertThat(answer.contentType()).isEqualTo("application/json");
        JsonNode servers = Json.mapper().readTree(answer.body()).get("servers");
        assertThat(servers.get(0).get("url").asText()).isEqualTo("/v2");
        assertThat(servers.get(1).get("url").asText()).isEqualTo("https://{username}.petstore.swagger.io:{port}/{basePath}");
        assertThat(Json.mapper().readTree(answer.body()).get("paths")).isNotNull();
    }

    @Test
    void getOpenApiFaults() {
        assertThatThrownBy(() -> metaservices.answer(rest("GET", "/r1/EE/BUSINESS/producer/SUB/getOpenAPI",
                Optional.empty(), CONSUMER), (c, s) -> List.of()))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                        .isEqualTo(FaultCode.of(ErrorCode.INVALID_REQUEST)));
        assertThatThrownBy(() -> metaservices.answer(rest("GET", "/r1/EE/BUSINESS/producer/SUB/getOpenAPI",
                Optional.of("serviceCode=pets%zz"), CONSUMER), (c, s) -> List.of()))
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_REQUEST));
                    assertThat(e.getMessage()).contains("pets%zz");
                });
        assertThatThrownBy(() -> metaservices.answer(rest("GET", "/r1/EE/BUSINESS/producer/SUB/getOpenAPI",
                Optional.of("serviceCode=nope"), CONSUMER), (c, s) -> List.of()))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                        .isEqualTo(FaultCode.of(ErrorCode.INTERNAL_ERROR)));
        assertThatThrownBy(() -> metaservices.answer(rest("GET", "/r1/EE/BUSINESS/producer/SUB/getOpenAPI",
                Optional.of("ServiceCode=persons"), CONSUMER), (c, s) -> List.of()))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                        .isEqualTo(FaultCode.of(ErrorCode.INTERNAL_ERROR)));
    }

    @Test
    void yamlDocumentsAreAnonymisedToo() {
        byte[] yaml = "openapi: 3.0.0\nservers:\n  - url: https://api.example.org/base/v1\n  - url: '{scheme}://x'\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(OpenApiDocuments.isYaml(Optional.of("application/x-yaml"), "/doc")).isTrue();
        assertThat(OpenApiDocuments.isYaml(Optional.empty(), "/doc.yml")).isTrue();
        assertThat(OpenApiDocuments.isYaml(Optional.of("text/plain"), "/doc")).isTrue();
        assertThat(OpenApiDocuments.isYaml(Optional.of("text/plain"), "/doc.json")).isFalse();
        assertThat(OpenApiDocuments.isYaml(Optional.of("application/json; charset=utf-8"), "/doc.yaml")).isFalse();
        String out = new String(OpenApiDocuments.anonymised(yaml, true), StandardCharsets.UTF_8);
        assertThat(out).contains("url: /base/v1").contains("{scheme}://x").doesNotContain("api.example.org");
    }
}
