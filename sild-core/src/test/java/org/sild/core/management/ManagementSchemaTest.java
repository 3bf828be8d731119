package org.sild.core.management;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sild.testing.Vectors;
import org.sild.core.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What Sild writes validates against X-Road's own {@code request.xsd} (with {@code identifiers.xsd}):
 * request bodies directly, response bodies against the response elements the management services
 * WSDL declares with the same types.
 */
class ManagementSchemaTest {

    private static final String RESOURCES = "src/common/common-domain/src/main/resources/";
    /** Response element types, as {@code managementservices.wsdl} declares them. */
    private static final Map<String, String> RESPONSE_TYPES = Map.ofEntries(
            Map.entry("authCertRegResponse", "AuthCertRegRequestType"),
            Map.entry("authCertDeletionResponse", "AuthCertDeletionRequestType"),
            Map.entry("clientRegResponse", "ClientRegRequestType"),
            Map.entry("clientDeletionResponse", "ClientRequestType"),
            Map.entry("clientDisableResponse", "ClientRequestType"),
            Map.entry("clientEnableResponse", "ClientRequestType"),
            Map.entry("clientRenameResponse", "ClientRenameRequestType"),
            Map.entry("ownerChangeResponse", "ClientRequestType"),
            Map.entry("addressChangeResponse", "AddressChangeRequestType"),
            Map.entry("maintenanceModeEnableResponse", "MaintenanceModeEnableRequestType"),
            Map.entry("maintenanceModeDisableResponse", "MaintenanceModeDisableRequestType"));

    private static Schema requests;
    private static Schema responses;

    @BeforeAll
    static void loadSchemas() throws SAXException {
        Path schemas = Vectors.root().toAbsolutePath().normalize().getParent().getParent().resolve("reference/schemas");
        Path requestXsd = schemas.resolve(RESOURCES + "request.xsd");
        assumeTrue(Files.isRegularFile(requestXsd), () -> "X-Road schemas not found at " + schemas);
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        requests = factory.newSchema(requestXsd.toFile());
        String wrapper = "<schema xmlns=\"http://www.w3.org/2001/XMLSchema\" xmlns:tns=\"http://x-road.eu/xsd/xroad.xsd\""
                + " targetNamespace=\"http://x-road.eu/xsd/xroad.xsd\" elementFormDefault=\"qualified\">"
                + "<include schemaLocation=\"request.xsd\"/>"
                + RESPONSE_TYPES.entrySet().stream().map(e -> "<element name=\"" + e.getKey() + "\" type=\"tns:"
                        + e.getValue() + "\"/>").collect(Collectors.joining())
                + "</schema>";
        var source = new StreamSource(new StringReader(wrapper));
        source.setSystemId(requestXsd.resolveSibling("responses.xsd").toUri().toString());
        responses = factory.newSchema(source);
    }

    static Stream<ManagementRequest> everyRequest() {
        return Fixtures.everyRequest().stream();
    }

    @ParameterizedTest
    @MethodSource("everyRequest")
    void everyRequestBodyIsValidAgainstRequestXsd(ManagementRequest request) throws Exception {
        validate(requests, Fixtures.message(request).bytes());
    }

    @ParameterizedTest
    @MethodSource("everyRequest")
    void everyResponseBodyIsValidAgainstTheWsdlsResponseElements(ManagementRequest request) throws Exception {
        ManagementMessage message = Fixtures.message(request);

        validate(responses, new ManagementResponse(request, 1234).toSoap(message));
    }

    @Test
    void theSchemaCheckItselfRejectsABodyOutOfOrder() {
        String bad = ManagementMessageTest.soap("clientDeletion", "<xroad:clientDeletion>"
                + ManagementMessageTest.client() + ManagementMessageTest.server() + "</xroad:clientDeletion>");

        assertThatThrownBy(() -> validate(requests, ManagementMessageTest.utf8(bad))).isInstanceOf(SAXException.class);
    }

    private static void validate(Schema schema, byte[] soap) throws SAXException, IOException {
        Document doc = SafeXml.documentBuilder().parse(new ByteArrayInputStream(soap));
        Element body = (Element) doc.getDocumentElement().getElementsByTagNameNS(EnvelopeXml.SOAP_NS, "Body").item(0);
        Node element = body.getFirstChild();
        while (element.getNodeType() != Node.ELEMENT_NODE) {
            element = element.getNextSibling();
        }
        schema.newValidator().validate(new DOMSource(element));
    }
}
