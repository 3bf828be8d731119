package org.sild.securityserver.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.ServiceId;

/** X-Road SOAP messages for tests. */
public final class Soap {

    public static final String TEXT_XML = "text/xml; charset=UTF-8";

    private Soap() {
    }

    /** A request of {@code client} for {@code service} with message id {@code id}. */
    public static byte[] request(ClientId client, ServiceId service, String id) {
        return envelope(client, service, id, Optional.empty(), "<" + "xroad:" + service.serviceCode() + ">"
                + "<param>1</param></xroad:" + service.serviceCode() + ">");
    }

    /** The answer to {@link #request} as the information system gives it. */
    public static byte[] response(ClientId client, ServiceId service, String id) {
        return envelope(client, service, id, Optional.empty(), "<" + "xroad:" + service.serviceCode() + "Response>"
                + "<result>42</result></xroad:" + service.serviceCode() + "Response>");
    }

    /** An envelope with the X-Road headers and {@code body} inside {@code SOAP-ENV:Body}. */
    public static byte[] envelope(ClientId client, ServiceId service, String id, Optional<String> extraHeader,
            String body) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:xroad=\"http://x-road.eu/xsd/xroad.xsd\" xmlns:id=\"http://x-road.eu/xsd/identifiers\">\n"
                + "<SOAP-ENV:Header>\n"
                + identifier("client", client)
                + identifier("service", service)
                + "<xroad:userId>EE12345678901</xroad:userId>\n"
                + "<xroad:id>" + id + "</xroad:id>\n"
                + "<xroad:protocolVersion>4.0</xroad:protocolVersion>\n"
                + extraHeader.orElse("")
                + "</SOAP-ENV:Header>\n"
                + "<SOAP-ENV:Body>" + body + "</SOAP-ENV:Body>\n"
                + "</SOAP-ENV:Envelope>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static String identifier(String element, ClientId client) {
        return element(element, client.objectType().name(), clientElements(client));
    }

    private static String identifier(String element, ServiceId service) {
        var parts = new java.util.ArrayList<>(clientElements(service.provider()));
        parts.add("serviceCode=" + service.serviceCode());
        service.serviceVersion().ifPresent(v -> parts.add("serviceVersion=" + v));
        return element(element, "SERVICE", parts);
    }

    private static java.util.List<String> clientElements(ClientId client) {
        var parts = new java.util.ArrayList<String>();
        parts.add("xRoadInstance=" + client.instance());
        parts.add("memberClass=" + client.member().memberClass());
        parts.add("memberCode=" + client.member().memberCode());
        client.subsystemCode().ifPresent(s -> parts.add("subsystemCode=" + s));
        return parts;
    }

    private static String element(String element, String type, java.util.List<String> parts) {
        var out = new StringBuilder("<xroad:" + element + " id:objectType=\"" + type + "\">");
        for (String part : parts) {
            String name = part.substring(0, part.indexOf('='));
            out.append("<id:").append(name).append('>').append(part.substring(part.indexOf('=') + 1))
                    .append("</id:").append(name).append('>');
        }
        return out.append("</xroad:").append(element).append(">\n").toString();
    }

    static String ns() {
        return IdentifierXml.NAMESPACE;
    }
}
