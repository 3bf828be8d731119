package org.sild.core.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.core.soap.SoapTexts.BODY;
import static org.sild.core.soap.SoapTexts.CLIENT;
import static org.sild.core.soap.SoapTexts.NS;
import static org.sild.core.soap.SoapTexts.REQUIRED;
import static org.sild.core.soap.SoapTexts.SERVICE;
import static org.sild.core.soap.SoapTexts.envelope;
import static org.sild.core.soap.SoapTexts.request;
import static org.sild.core.soap.SoapTexts.stream;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;

class SoapParserTest {

    private static final String XML = "text/xml; charset=UTF-8";
    private final SoapParser parser = new SoapParser(new SoapLimits(64 * 1024, 20, 10));

    @Test
    void readsAllHeadersOfTheProtocolAndItsExtensions() {
        SoapMessage m = parse(request("<xrd:userId>EE1</xrd:userId><xrd:issue>case 7</xrd:issue>"
                + "<xrd:securityServer id:objectType=\"SERVER\"><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>GOV</id:memberClass><id:memberCode>2</id:memberCode><id:serverCode>ss1</id:serverCode>"
                + "</xrd:securityServer>"
                + "<repr:representedParty xmlns:repr=\"http://x-road.eu/xsd/representation.xsd\">"
                + "<repr:partyCode>P1</repr:partyCode></repr:representedParty>"
                + "<tok:securityToken xmlns:tok=\"http://x-road.eu/xsd/security-token.xsd\""
                + " tokenType=\"urn:ietf:params:oauth:token-type:jwt\">eyJ.x.y</tok:securityToken>"
                + "<xrd:requestHash algorithmId=\"urn:alg\">aGFzaA==</xrd:requestHash>"
                + "<other:thing xmlns:other=\"urn:other\"><other:deep/></other:thing><xrd:unknown/>"));
        SoapHeader h = m.header();
        assertThat(h.client()).isEqualTo(new SubsystemId("EE", "GOV", "1", "client"));
        assertThat(h.service()).isEqualTo(new ServiceId(new MemberId("EE", "GOV", "2"), "getX", "v1"));
        assertThat(h.id()).isEqualTo("id-1");
        assertThat(h.userId()).contains("EE1");
        assertThat(h.issue()).contains("case 7");
        assertThat(h.securityServer()).contains(new SecurityServerId(new MemberId("EE", "GOV", "2"), "ss1"));
        assertThat(h.representedParty()).contains(new RepresentedParty(Optional.empty(), "P1"));
        assertThat(h.securityToken()).contains(new SecurityToken("eyJ.x.y", Optional.of(SecurityToken.JWT_TOKEN_TYPE)));
        assertThat(h.securityToken().orElseThrow().toString()).doesNotContain("eyJ");
        assertThat(h.requestHash()).contains(new RequestHash(Optional.of("urn:alg"), "aGFzaA=="));
        assertThat(h.otherHeaders()).containsExactly(new QName("urn:other", "thing"),
                new QName("http://x-road.eu/xsd/xroad.xsd", "unknown"));
        assertThat(m.bodyElement()).isEqualTo(new QName("urn:m", "getX"));
        assertThat(m.contentType()).isEqualTo(XML);
    }

    @Test
    void acceptsAnyFourDotProtocolVersionAndRefusesOthers() {
        String v41 = envelope(CLIENT + SERVICE + "<xrd:id>1</xrd:id><xrd:protocolVersion>4.1</xrd:protocolVersion>", BODY);
        assertThat(parse(v41).header().protocolVersion()).isEqualTo("4.1");
        for (String bad : new String[] {"4", "5.0", " 4.0", ""}) {
            assertFault(envelope(CLIENT + SERVICE + "<xrd:id>1</xrd:id><xrd:protocolVersion>" + bad
                    + "</xrd:protocolVersion>", BODY), ErrorCode.INVALID_PROTOCOL_VERSION, "'" + bad + "'");
        }
    }

    @Test
    void identifiersOfTheWrongKindAreInvalidXml() {
        String memberAsService = SERVICE.replace("SERVICE\"", "MEMBER\"").replace("<id:serviceCode>getX</id:serviceCode>"
                + "<id:serviceVersion>v1</id:serviceVersion>", "");
        assertFault(envelope(CLIENT + memberAsService + "<xrd:id>1</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion>",
                BODY), ErrorCode.INVALID_XML, "must be a SERVICE identifier");
        String serviceAsClient = SERVICE.replace("xrd:service", "xrd:client");
        assertFault(envelope(serviceAsClient + SERVICE + "<xrd:id>1</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion>",
                BODY), ErrorCode.INVALID_XML, "must be a client");
        assertFault(request("<xrd:securityServer id:objectType=\"MEMBER\"><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>GOV</id:memberClass><id:memberCode>2</id:memberCode></xrd:securityServer>"),
                ErrorCode.INVALID_XML, "must be a SERVER identifier");
        assertFault(envelope(CLIENT.replace("id:objectType", "objectType") + SERVICE, BODY),
                ErrorCode.INVALID_XML, "objectType");
    }

    @Test
    void representedPartyFollowsItsSchema() {
        String open = "<repr:representedParty xmlns:repr=\"http://x-road.eu/xsd/representation.xsd\">";
        assertFault(request(open + "<repr:partyClass>C</repr:partyClass></repr:representedParty>"),
                ErrorCode.INVALID_XML, "no partyCode");
        assertFault(request(open + "<repr:partyCode>A</repr:partyCode><repr:partyCode>B</repr:partyCode>"
                + "</repr:representedParty>"), ErrorCode.DUPLICATE_HEADER_FIELD, "partyCode");
        assertFault(request(open + "<repr:other/><repr:partyCode>A</repr:partyCode></repr:representedParty>"),
                ErrorCode.INVALID_XML, "unexpected element");
    }

    @Test
    void textHeadersMustBeTextAndMayNotRepeat() {
        assertFault(request("<xrd:userId><b>x</b></xrd:userId>"), ErrorCode.INVALID_XML, "text only");
        assertFault(request("<xrd:issue>a</xrd:issue><xrd:issue>b</xrd:issue>"), ErrorCode.DUPLICATE_HEADER_FIELD, "issue");
        assertFault(request("<xrd:id>again</xrd:id>"), ErrorCode.DUPLICATE_HEADER_FIELD, "}id");
        assertFault(request(SERVICE), ErrorCode.DUPLICATE_HEADER_FIELD, "service");
    }

    @Test
    void emptyOptionalHeadersArePresentAndEmpty() {
        SoapHeader h = parse(request("<xrd:issue/><xrd:userId></xrd:userId>")).header();
        assertThat(h.issue()).contains("");
        assertThat(h.userId()).contains("");
    }

    @Test
    void missingPiecesAreReportedInXRoadsOrder() {
        assertFault(envelope(CLIENT + SERVICE + "<xrd:id>1</xrd:id>", BODY), ErrorCode.MISSING_HEADER_FIELD, "protocolVersion");
        assertFault(envelope(SERVICE + "<xrd:id>1</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion>", BODY),
                ErrorCode.MISSING_HEADER_FIELD, "'client'");
        assertFault(envelope(CLIENT + "<xrd:id>1</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion>", BODY),
                ErrorCode.MISSING_HEADER_FIELD, "service id");
        assertFault("<SOAP-ENV:Envelope " + NS + ">" + BODY + "</SOAP-ENV:Envelope>", ErrorCode.MISSING_HEADER, "header");
        assertFault(envelope(REQUIRED, ""), ErrorCode.MISSING_BODY, "body");
        assertFault(envelope(REQUIRED, "<SOAP-ENV:Body> <!-- none --> </SOAP-ENV:Body>"), ErrorCode.INVALID_BODY, "none");
        assertFault(envelope(REQUIRED, "<SOAP-ENV:Body><a:getX xmlns:a='urn:a'/><a:getX xmlns:a='urn:a'/></SOAP-ENV:Body>"),
                ErrorCode.INVALID_BODY, "another one");
        assertFault(envelope(REQUIRED, "<SOAP-ENV:Body><a:get xmlns:a='urn:a'/></SOAP-ENV:Body>"),
                ErrorCode.INCONSISTENT_HEADERS, "<get>");
    }

    @Test
    void responseWrapperStartingWithTheServiceCodePasses() {
        SoapMessage m = parse(envelope(REQUIRED, "<SOAP-ENV:Body><a:getXResponse xmlns:a='urn:a'/></SOAP-ENV:Body>"));
        assertThat(m.bodyElement().getLocalPart()).isEqualTo("getXResponse");
    }

    @Test
    void onlySoap11EnvelopesAreSoap() {
        assertFault("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/></e:Envelope>",
                ErrorCode.INVALID_SOAP, "SOAP 1.2");
        assertFault("<Envelope/>", ErrorCode.INVALID_SOAP, "not a SOAP 1.1 Envelope");
        assertFault("", ErrorCode.INVALID_SOAP, "empty");
        assertFault("  <!-- nothing -->  ", ErrorCode.INVALID_SOAP, "malformed");
        assertFault(request("").replace("</SOAP-ENV:Envelope>", ""), ErrorCode.INVALID_SOAP, "malformed");
        assertFault(request("") + "<trailing/>", ErrorCode.INVALID_SOAP, "malformed");
        assertFault(envelope(REQUIRED, BODY + BODY).replace("<SOAP-ENV:Header>", "<SOAP-ENV:Header/><SOAP-ENV:Header>"),
                ErrorCode.INVALID_SOAP, "more than one Header");
        assertFault(envelope(REQUIRED, BODY + BODY), ErrorCode.INVALID_SOAP, "more than one Body");
    }

    @Test
    void doctypesAndDeepNestingAreRefused() {
        assertFault("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>" + request("<xrd:userId>&e;</xrd:userId>"),
                ErrorCode.INVALID_SOAP, "DOCTYPE");
        String deep = "<a>".repeat(150) + "</a>".repeat(150);
        assertFault(envelope(REQUIRED, "<SOAP-ENV:Body><m:getX xmlns:m='urn:m'>" + deep + "</m:getX></SOAP-ENV:Body>"),
                ErrorCode.INVALID_SOAP, "depth");
    }

    @Test
    void headerCountAndMessageSizeAreBounded() {
        assertFault(request("<x:h xmlns:x='urn:x'/>".repeat(17)), ErrorCode.INVALID_SOAP, "more than 20 elements");
        var small = new SoapParser(SoapLimits.withMaxSoapBytes(100));
        assertThatThrownBy(() -> small.parse(stream(request("")), XML)).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_MESSAGE))).hasMessageContaining("100 bytes");
    }

    @Test
    void contentTypeMustBeXml() {
        assertContentTypeFault("", "no Content-Type");
        assertContentTypeFault("text/plain", "'text/plain'");
        assertContentTypeFault("application/soap+xml; charset=UTF-8", "application/soap+xml");
        assertContentTypeFault("text/xml; charset=no-such-charset", "no-such-charset");
        assertContentTypeFault("text xml", "invalid content type");
        assertThat(parser.parse(stream(request("")), "Application/XOP+XML; charset=\"utf-8\"; type=\"text/xml\""))
                .isInstanceOf(SoapMessage.class);
    }

    @Test
    void contentTypeCharsetWinsElseDeclarationElseUtf8() {
        String xml = request("<xrd:userId>Jõgeva</xrd:userId>").replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
        byte[] latin1 = xml.getBytes(StandardCharsets.ISO_8859_1);
        SoapMessage declared = (SoapMessage) parser.parse(new ByteArrayInputStream(latin1), "text/xml");
        assertThat(declared.header().userId()).contains("Jõgeva");
        assertThat(declared.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(latin1), XML))
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_SOAP)));
        String noDeclaration = request("<xrd:userId>Jõgeva</xrd:userId>").replaceFirst("<\\?xml[^>]*>", "");
        SoapMessage utf8 = (SoapMessage) parser.parse(stream(noDeclaration), "text/xml");
        assertThat(utf8.header().userId()).contains("Jõgeva");
        assertThat(utf8.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void aRequestThatIsAFaultIsRefusedWithItsOwnCode() {
        String fault = "<SOAP-ENV:Envelope " + NS + "><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode> Server.Custom </faultcode>"
                + "<faultstring>it broke</faultstring><detail>plain <x>ignored</x> detail</detail></SOAP-ENV:Fault>"
                + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
        assertThat(parser.parse(stream(fault), XML)).isInstanceOfSatisfying(SoapFaultMessage.class, f ->
                assertThat(f.fault()).isEqualTo(new SoapFault("Server.Custom", "it broke", Optional.empty(),
                        Optional.of("plain  detail"))));
        assertThatThrownBy(() -> parser.parseRequest(stream(fault), XML)).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.withPrefix(ErrorCode.CLIENT).code()).isEqualTo(FaultCode.parse("Client.Server.Custom")))
                .hasMessage("it broke");
        String noCode = fault.replace("<faultcode> Server.Custom </faultcode>", "");
        assertFault(noCode, ErrorCode.INVALID_SOAP, "faultcode");
        String withSibling = fault.replace("</SOAP-ENV:Fault>", "</SOAP-ENV:Fault><other/>");
        assertFault(withSibling, ErrorCode.INVALID_BODY, "exactly one child");
    }

    private SoapMessage parse(String xml) {
        return parser.parseRequest(stream(xml), XML);
    }

    private void assertFault(String xml, ErrorCode code, String messagePart) {
        assertThatThrownBy(() -> parse(xml))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code()).isEqualTo(FaultCode.of(code)))
                .hasMessageContaining(messagePart);
    }

    private void assertContentTypeFault(String contentType, String messagePart) {
        assertThatThrownBy(() -> parser.parse(stream(request("")), contentType))
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_CONTENT_TYPE)))
                .hasMessageContaining(messagePart);
    }
}
