package org.sild.core.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.management.Fixtures.ID;
import static org.sild.core.management.Fixtures.OWNER;
import static org.sild.core.management.Fixtures.PROVIDER;
import static org.sild.core.management.Fixtures.SERVER;
import static org.sild.core.management.Fixtures.SUBSYSTEM;
import static org.sild.core.management.Fixtures.assertFault;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ServiceId;
import org.sild.core.management.ManagementRequest.ClientReg;
import org.sild.core.management.ManagementRequest.MaintenanceModeEnable;
import org.sild.core.soap.RequestHash;
import org.sild.core.soap.SoapFaultWriter;
import org.sild.core.soap.SoapHeader;

class ManagementMessageTest {

    static Stream<ManagementRequest> everyRequest() {
        return Fixtures.everyRequest().stream();
    }

    @ParameterizedTest
    @MethodSource("everyRequest")
    void everyRequestRoundTripsThroughItsSoapMessage(ManagementRequest request) {
        ManagementMessage written = ManagementMessage.create(PROVIDER, ID, request);

        ManagementMessage read = ManagementMessage.parse(written.bytes(), "text/xml; charset=UTF-8");

        assertThat(read.request()).isEqualTo(request);
        assertThat(read.bytes()).isEqualTo(written.bytes());
        assertThat(read.header().client()).isEqualTo(OWNER);
        assertThat(read.header().service()).isEqualTo(new ServiceId(PROVIDER, request.type().serviceCode()));
        assertThat(read.id()).isEqualTo(ID);
        assertThat(read.header().protocolVersion()).isEqualTo("4.0");
        assertThat(read.type()).isEqualTo(request.type());
    }

    @ParameterizedTest
    @MethodSource("everyRequest")
    void everyResponseRoundTripsAndIsAcceptedAsTheAnswer(ManagementRequest request) {
        ManagementMessage message = ManagementMessage.create(PROVIDER, ID, request);
        byte[] soap = ManagementResponse.to(message, 392).toSoap(message);

        ManagementResponse read = ManagementResponse.read(message, new ByteArrayInputStream(soap),
                ManagementResponse.contentType());

        assertThat(read).isEqualTo(new ManagementResponse(request, 392));
        assertThat(ManagementResponse.parse(soap, "text/xml")).isEqualTo(read);
    }

    @Test
    void theWrittenMessageHasTheShapeOfTheProtocolsExamples() {
        String xml = new String(Fixtures.message(new ClientReg(SERVER, SUBSYSTEM, Optional.of("Portal"))).bytes(),
                StandardCharsets.UTF_8);

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope")
                .contains("<xroad:client id:objectType=\"MEMBER\"><id:xRoadInstance>EE</id:xRoadInstance>"
                        + "<id:memberClass>GOV</id:memberClass><id:memberCode>TS1OWNER</id:memberCode></xroad:client>")
                .contains("<id:serviceCode>clientReg</id:serviceCode></xroad:service><xroad:id>" + ID
                        + "</xroad:id><xroad:protocolVersion>4.0</xroad:protocolVersion></SOAP-ENV:Header>")
                .contains("<SOAP-ENV:Body><xroad:clientReg><xroad:server id:objectType=\"SERVER\">")
                .contains("<xroad:subsystemName>Portal</xroad:subsystemName></xroad:clientReg></SOAP-ENV:Body>");
    }

    @Test
    void aResponseThroughTheManagementServersSecurityServerCarriesTheRequestHash() {
        ManagementMessage message = Fixtures.message(new ManagementRequest.MaintenanceModeDisable(SERVER));
        byte[] plain = new ManagementResponse(message.request(), 7).toSoap(message);
        var rewritten = EnvelopeXml.PARSER.parse(new ByteArrayInputStream(plain), "text/xml");
        byte[] withHash = ((org.sild.core.soap.SoapMessage) rewritten).withRequestHash(message.soap().requestHash())
                .bytes();
        byte[] withWrongHash = ((org.sild.core.soap.SoapMessage) rewritten)
                .withRequestHash(RequestHash.sha512(new byte[] {1})).bytes();

        assertThat(ManagementResponse.read(message, new ByteArrayInputStream(withHash), "text/xml").requestId())
                .isEqualTo(7);
        assertFault(() -> ManagementResponse.read(message, new ByteArrayInputStream(withWrongHash), "text/xml"),
                ErrorCode.INCONSISTENT_RESPONSE);
    }

    @Test
    void aResponseToAnotherRequestIsInconsistent() {
        ManagementMessage message = Fixtures.message(new ManagementRequest.MaintenanceModeDisable(SERVER));
        ManagementMessage other = ManagementMessage.create(PROVIDER, "another-id", message.request());
        byte[] soap = new ManagementResponse(message.request(), 7).toSoap(other);

        assertFault(() -> ManagementResponse.read(message, new ByteArrayInputStream(soap), "text/xml"),
                ErrorCode.INCONSISTENT_HEADERS);
    }

    @Test
    void aFaultAnswerIsThrownWithItsOwnCode() {
        ManagementMessage message = Fixtures.message(new ManagementRequest.MaintenanceModeDisable(SERVER));
        byte[] fault = new SoapFaultWriter(org.sild.core.fault.FaultStyle.CLASSIC, new java.util.Random(1))
                .write(new XRoadException(ErrorCode.INVALID_REQUEST, "Sender does not match server owner")
                        .withPrefix(ErrorCode.SERVER));

        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(XRoadException.class,
                () -> ManagementResponse.read(message, new ByteArrayInputStream(fault), "text/xml")))
                .satisfies(e -> {
                    assertThat(e.code().toString()).isEqualTo("Server.InvalidRequest");
                    assertThat(e.getMessage()).isEqualTo("Sender does not match server owner");
                });
    }

    @Test
    void aResponseWithoutRequestIdOrWithTheWrongElementIsRefused() {
        ManagementMessage message = Fixtures.message(new ManagementRequest.MaintenanceModeDisable(SERVER));
        String noId = soap("maintenanceModeDisable", "<xroad:maintenanceModeDisableResponse>" + server()
                + "</xroad:maintenanceModeDisableResponse>");
        String wrongElement = soap("maintenanceModeDisable", "<xroad:maintenanceModeDisable>" + server()
                + "<xroad:requestId>1</xroad:requestId></xroad:maintenanceModeDisable>");
        String hugeId = soap("maintenanceModeDisable", "<xroad:maintenanceModeDisableResponse>" + server()
                + "<xroad:requestId>99999999999999999999</xroad:requestId></xroad:maintenanceModeDisableResponse>");

        assertFault(() -> ManagementResponse.parse(utf8(noId), "text/xml"), ErrorCode.INVALID_XML);
        assertFault(() -> ManagementResponse.parse(utf8(wrongElement), "text/xml"), ErrorCode.INVALID_RESPONSE);
        assertFault(() -> ManagementResponse.parse(utf8(hugeId), "text/xml"), ErrorCode.INVALID_XML);
        assertThat(message.type()).isEqualTo(ManagementRequestType.MAINTENANCE_MODE_DISABLE);
    }

    @Test
    void optionalFieldsMayBeAbsentAndElementsMayBeSeparatedByWhitespace() {
        String xml = soap("maintenanceModeEnable", "\n  <xroad:maintenanceModeEnable>\n    " + server()
                + "\n  </xroad:maintenanceModeEnable>\n");

        ManagementMessage read = ManagementMessage.parse(utf8(xml), "text/xml");

        assertThat(read.request()).isEqualTo(new MaintenanceModeEnable(SERVER, Optional.empty()));
    }

    @Test
    void dryRunAcceptsTheSchemaBooleanSpellings() {
        String cert = java.util.Base64.getMimeEncoder().encodeToString(Fixtures.AUTH.encoded());
        for (String spelling : new String[] {"1", " true ", "0", "false"}) {
            String xml = soap("authCertReg", "<xroad:authCertReg>" + server() + "<xroad:authCert>\n" + cert
                    + "\n</xroad:authCert><xroad:dryRun>" + spelling + "</xroad:dryRun></xroad:authCertReg>");

            var request = (ManagementRequest.AuthCertReg) ManagementMessage.parse(utf8(xml), "text/xml").request();

            assertThat(request.dryRun()).contains(spelling.strip().equals("1") || spelling.strip().equals("true"));
            assertThat(request.address()).isEmpty();
            assertThat(request.authCert()).isEqualTo(Fixtures.AUTH.certificate());
        }
    }

    @Test
    void bodiesThatDoNotFitTheSchemaAreInvalidXml() {
        String c = client();
        String s = server();
        String cert = java.util.Base64.getEncoder().encodeToString(Fixtures.AUTH.encoded());
        String[] bodies = {
            "<xroad:clientDeletion>" + s + "</xroad:clientDeletion>",                                   // lacks client
            "<xroad:clientDeletion>" + c + s + "</xroad:clientDeletion>",                               // misordered
            "<xroad:clientDeletion>" + s + c + c + "</xroad:clientDeletion>",                           // repeated
            "<xroad:clientDeletion>" + s + c + "<xroad:extra/></xroad:clientDeletion>",                 // unknown
            "<xroad:clientDeletion>" + s + "text" + c + "</xroad:clientDeletion>",                      // text between
            "<xroad:clientDeletion>" + s.replace("xroad:server", "other:server")
                    .replace("<other:server", "<other:server xmlns:other=\"urn:x\"") + c + "</xroad:clientDeletion>",
            "<xroad:clientRename>" + s + c + "</xroad:clientRename>",                                   // lacks name
            "<xroad:clientRename>" + s + c + "<xroad:subsystemName><b/></xroad:subsystemName></xroad:clientRename>",
            "<xroad:authCertReg>" + s + "<xroad:authCert>%%%</xroad:authCert></xroad:authCertReg>",     // base64
            "<xroad:authCertReg>" + s + "<xroad:authCert>" + cert + "</xroad:authCert><xroad:dryRun>yes</xroad:dryRun>"
                    + "</xroad:authCertReg>",
        };
        for (String body : bodies) {
            String code = body.substring(body.indexOf(':') + 1, body.indexOf('>'));
            assertFault(() -> ManagementMessage.parse(utf8(soap(code, body)), "text/xml"), ErrorCode.INVALID_XML);
        }
    }

    @Test
    void aBodyWithTwoElementsIsInvalid() {
        String two = soap("maintenanceModeDisable", "<xroad:maintenanceModeDisable>" + server()
                + "</xroad:maintenanceModeDisable><xroad:second/>");

        assertFault(() -> ManagementMessage.parse(utf8(two), "text/xml"), ErrorCode.INVALID_BODY);
    }

    @Test
    void identifiersOfTheWrongKindAreRefused() {
        String ownerChangeToSubsystem = soap("ownerChange", "<xroad:ownerChange>" + server() + client()
                + "</xroad:ownerChange>");
        String serverAsMember = soap("clientDeletion", "<xroad:clientDeletion>" + client().replace("client", "server")
                + client() + "</xroad:clientDeletion>");

        assertFault(() -> ManagementMessage.parse(utf8(ownerChangeToSubsystem), "text/xml"),
                ErrorCode.INVALID_CLIENT_IDENTIFIER);
        assertFault(() -> ManagementMessage.parse(utf8(serverAsMember), "text/xml"), ErrorCode.INVALID_XML);
    }

    @Test
    void theBodyMustBeTheServiceNamedInTheHeader() {
        String mismatch = soap("clientReg", "<xroad:clientDeletion>" + server() + client() + "</xroad:clientDeletion>");
        String unknownService = soap("getRandom", "<xroad:getRandom/>");
        String requestId = soap("clientDeletion", "<xroad:clientDeletion>" + server() + client()
                + "<xroad:requestId>5</xroad:requestId></xroad:clientDeletion>");

        assertFault(() -> ManagementMessage.parse(utf8(mismatch), "text/xml"), ErrorCode.INCONSISTENT_HEADERS);
        assertFault(() -> ManagementMessage.parse(utf8(unknownService), "text/xml"), ErrorCode.INVALID_REQUEST);
        assertFault(() -> ManagementMessage.parse(utf8(requestId), "text/xml"), ErrorCode.INVALID_REQUEST);
    }

    @Test
    void messagesAreBoundedAndHardened() {
        String big = soap("maintenanceModeEnable", "<xroad:maintenanceModeEnable>" + server() + "<xroad:message>"
                + "x".repeat(ManagementPackage.MAX_BYTES) + "</xroad:message></xroad:maintenanceModeEnable>");
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"e\">]>" + soap("clientDeletion", "")
                .substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length());

        assertFault(() -> ManagementMessage.parse(utf8(big), "text/xml"), ErrorCode.INVALID_MESSAGE);
        assertFault(() -> ManagementMessage.parse(utf8(doctype), "text/xml"), ErrorCode.INVALID_SOAP);
        assertFault(() -> ManagementMessage.parse(utf8(soap("clientDeletion", "<xroad:clientDeletion>"
                + server() + client() + "</xroad:clientDeletion>")), "application/json"), ErrorCode.INVALID_CONTENT_TYPE);
    }

    @Test
    void textThatXmlCannotCarryIsRefusedWhenWriting() {
        assertFault(() -> Fixtures.message(new MaintenanceModeEnable(SERVER, Optional.of("bell \u0007"))),
                ErrorCode.INVALID_REQUEST);
    }

    @Test
    void theResponseEchoesUserIdAndIssueOfTheRequestHeader() {
        ManagementMessage request = Fixtures.message(new ManagementRequest.MaintenanceModeDisable(SERVER));
        SoapHeader header = SoapHeader.builder().client(OWNER).service(request.header().service()).id(ID)
                .userId("admin").issue("ticket 1").build();
        byte[] soap = EnvelopeXml.write(header, "maintenanceModeDisable", request.request(), Optional.empty());
        ManagementMessage withUser = ManagementMessage.parse(soap, "text/xml");

        byte[] response = new ManagementResponse(request.request(), 1).toSoap(withUser);

        assertThat(ManagementResponse.read(withUser, new ByteArrayInputStream(response), "text/xml").requestId())
                .isEqualTo(1);
    }

    static String server() {
        return "<xroad:server id:objectType=\"SERVER\"><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>GOV</id:memberClass><id:memberCode>TS1OWNER</id:memberCode>"
                + "<id:serverCode>TS1</id:serverCode></xroad:server>";
    }

    static String client() {
        return "<xroad:client id:objectType=\"SUBSYSTEM\"><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>COM</id:memberClass><id:memberCode>client</id:memberCode>"
                + "<id:subsystemCode>subsystem</id:subsystemCode></xroad:client>";
    }

    /** An envelope from the owner to the provider's {@code serviceCode} with {@code body} in the Body. */
    static String soap(String serviceCode, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:id=\"http://x-road.eu/xsd/identifiers\" xmlns:xroad=\"http://x-road.eu/xsd/xroad.xsd\">"
                + "<SOAP-ENV:Header><xroad:client id:objectType=\"MEMBER\"><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>GOV</id:memberClass><id:memberCode>TS1OWNER</id:memberCode></xroad:client>"
                + "<xroad:service id:objectType=\"SERVICE\"><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>GOV</id:memberClass><id:memberCode>CS</id:memberCode>"
                + "<id:subsystemCode>MANAGEMENT</id:subsystemCode><id:serviceCode>" + serviceCode
                + "</id:serviceCode></xroad:service><xroad:id>" + ID + "</xroad:id>"
                + "<xroad:protocolVersion>4.0</xroad:protocolVersion></SOAP-ENV:Header>"
                + "<SOAP-ENV:Body>" + body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
