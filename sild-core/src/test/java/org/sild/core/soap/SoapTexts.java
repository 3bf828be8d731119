package org.sild.core.soap;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Builds small SOAP envelopes for the tests of this package. */
final class SoapTexts {

    static final String NS = "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\" xmlns:id=\"http://x-road.eu/xsd/identifiers\"";
    static final String CLIENT = "<xrd:client id:objectType=\"SUBSYSTEM\"><id:xRoadInstance>EE</id:xRoadInstance>"
            + "<id:memberClass>GOV</id:memberClass><id:memberCode>1</id:memberCode>"
            + "<id:subsystemCode>client</id:subsystemCode></xrd:client>";
    static final String SERVICE = "<xrd:service id:objectType=\"SERVICE\"><id:xRoadInstance>EE</id:xRoadInstance>"
            + "<id:memberClass>GOV</id:memberClass><id:memberCode>2</id:memberCode>"
            + "<id:serviceCode>getX</id:serviceCode><id:serviceVersion>v1</id:serviceVersion></xrd:service>";
    static final String REQUIRED = CLIENT + SERVICE + "<xrd:id>id-1</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion>";
    static final String BODY = "<SOAP-ENV:Body><m:getX xmlns:m=\"urn:m\"><m:a>1</m:a></m:getX></SOAP-ENV:Body>";

    private SoapTexts() {
    }

    /** An envelope with the given header children and body. */
    static String envelope(String headers, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope " + NS + "><SOAP-ENV:Header>" + headers
                + "</SOAP-ENV:Header>" + body + "</SOAP-ENV:Envelope>";
    }

    static String request(String extraHeaders) {
        return envelope(REQUIRED + extraHeaders, BODY);
    }

    static ByteArrayInputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }
}
