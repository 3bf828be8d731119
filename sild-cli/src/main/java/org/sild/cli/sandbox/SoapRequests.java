package org.sild.cli.sandbox;

import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.ServiceId;

/** X-Road SOAP 4.0 requests for the quickstart and the tests, written as an information system would. */
public final class SoapRequests {

    private SoapRequests() {
    }

    /** A request from {@code client} to {@code service} with message id {@code id} and the body element {@code body}. */
    public static String request(ClientId client, ServiceId service, String id, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
                    xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" xmlns:id="http://x-road.eu/xsd/identifiers">
                  <SOAP-ENV:Header>
                    %s
                    %s
                    <xrd:userId>EE30101010006</xrd:userId>
                    <xrd:id>%s</xrd:id>
                    <xrd:protocolVersion>4.0</xrd:protocolVersion>
                  </SOAP-ENV:Header>
                  <SOAP-ENV:Body>
                    %s
                  </SOAP-ENV:Body>
                </SOAP-ENV:Envelope>
                """.formatted(element("client", client), element("service", service), id, body);
    }

    /** The identifier as a header element relying on the envelope's {@code xrd} and {@code id} prefixes. */
    private static String element(String name, org.sild.core.id.XRoadId id) {
        String xml = IdentifierXml.toXml(name, id);
        return xml.replace(" xmlns:xrd=\"" + IdentifierXml.XROAD_NAMESPACE + "\"", "")
                .replace(" xmlns:id=\"" + IdentifierXml.NAMESPACE + "\"", "");
    }
}
