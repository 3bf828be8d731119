package org.sild.cli.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.IdentifierXml;
import org.sild.core.soap.SoapHeader;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapParser;
import org.sild.core.xml.SafeXml;
import org.sild.core.xml.XmlValues;

/**
 * The classic X-Road example services {@code getRandom} and {@code helloService} (version
 * {@code v1}, namespace {@value #NAMESPACE}), as the X-Road example adapter offers them: the
 * response echoes the request's X-Road headers, {@code getRandom} answers a random number and
 * {@code helloService} greets the name it is given. {@code GET ?wsdl} returns the WSDL, whose SOAP
 * address is the URL the WSDL was asked at (so a security server that reads it calls this adapter).
 *
 * <p>Thread-safe: behind security server {@code ss3} as subsystem {@code DEV/GOV/70000002/testservice}.
 */
public final class TestServiceAdapter extends Handler.Abstract {

    /** The services' XML namespace. */
    public static final String NAMESPACE = "http://test.x-road.global/producer";
    /** Where the adapter serves its WSDL, relative to its base URL. */
    public static final String WSDL_PATH = "/?wsdl";
    private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String XROAD_NS = IdentifierXml.XROAD_NAMESPACE;

    private final SoapParser parser = new SoapParser(SoapLimits.withMaxSoapBytes(1024 * 1024));
    private final Random random;

    public TestServiceAdapter(Random random) {
        this.random = random;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        if ("GET".equals(request.getMethod())) {
            HttpURI uri = request.getHttpURI();
            byte[] wsdl = wsdl(uri.getScheme() + "://" + uri.getAuthority() + "/").getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml; charset=UTF-8");
            response.write(true, ByteBuffer.wrap(wsdl), callback);
            return true;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        SoapMessage message;
        try (InputStream in = Content.Source.asInputStream(request)) {
            message = parser.parseRequest(in, contentType == null ? "" : contentType);
        } catch (XRoadException e) {
            fault(response, callback, "Client", e.getMessage());
            return true;
        }
        String operation = message.bodyElement().getLocalPart();
        String name = operation.equals("helloService") ? helloName(message) : "";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml; charset=UTF-8");
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            writeResponse(out, message.header(), operation, name);
            callback.succeeded();
        } catch (XMLStreamException | RuntimeException e) {
            callback.failed(e);
        }
        return true;
    }

    private void writeResponse(OutputStream out, SoapHeader header, String operation, String name)
            throws XMLStreamException {
        XMLStreamWriter w = SafeXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("SOAP-ENV", "Envelope", SOAP_NS);
        w.writeNamespace("SOAP-ENV", SOAP_NS);
        w.writeNamespace("xrd", XROAD_NS);
        w.writeNamespace("id", IdentifierXml.NAMESPACE);
        w.writeNamespace("ts", NAMESPACE);
        w.setPrefix("xrd", XROAD_NS);
        w.setPrefix("id", IdentifierXml.NAMESPACE);
        w.writeStartElement("SOAP-ENV", "Header", SOAP_NS);
        IdentifierXml.write(w, "xrd", "client", XROAD_NS, header.client());
        IdentifierXml.write(w, "xrd", "service", XROAD_NS, header.service());
        if (header.userId().isPresent()) {
            text(w, "userId", header.userId().get());
        }
        text(w, "id", header.id());
        if (header.issue().isPresent()) {
            text(w, "issue", header.issue().get());
        }
        text(w, "protocolVersion", header.protocolVersion());
        w.writeEndElement();
        w.writeStartElement("SOAP-ENV", "Body", SOAP_NS);
        switch (operation) {
            case "getRandom" -> {
                w.writeStartElement("ts", "getRandomResponse", NAMESPACE);
                w.writeEmptyElement("ts", "request", NAMESPACE);
                w.writeStartElement("ts", "response", NAMESPACE);
                w.writeStartElement("ts", "data", NAMESPACE);
                w.writeCharacters(Integer.toString(random.nextInt(100)));
                w.writeEndElement();
                w.writeEndElement();
                w.writeEndElement();
            }
            case "helloService" -> {
                w.writeStartElement("ts", "helloServiceResponse", NAMESPACE);
                w.writeStartElement("ts", "request", NAMESPACE);
                w.writeStartElement("ts", "name", NAMESPACE);
                w.writeCharacters(name);
                w.writeEndElement();
                w.writeEndElement();
                w.writeStartElement("ts", "response", NAMESPACE);
                w.writeStartElement("ts", "message", NAMESPACE);
                w.writeCharacters("Hello " + name + "! Greetings from adapter server!");
                w.writeEndElement();
                w.writeEndElement();
                w.writeEndElement();
            }
            default -> {
                w.writeStartElement("SOAP-ENV", "Fault", SOAP_NS);
                w.writeStartElement("faultcode");
                w.writeCharacters("SOAP-ENV:Client");
                w.writeEndElement();
                w.writeStartElement("faultstring");
                w.writeCharacters("Unknown operation " + operation);
                w.writeEndElement();
                w.writeEndElement();
            }
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
    }

    private static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        w.writeStartElement("xrd", element, XROAD_NS);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    /** The {@code request/name} of a helloService request, read with the hardened parser. */
    private static String helloName(SoapMessage message) {
        try {
            var r = SafeXml.reader(new ByteArrayInputStream(message.bytes()));
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("name")
                        && NAMESPACE.equals(r.getNamespaceURI())) {
                    return r.getElementText();
                }
            }
        } catch (XMLStreamException e) {
            return "";
        }
        return "";
    }

    private static void fault(Response response, Callback callback, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + SOAP_NS
                + "\"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>" + code + "</faultcode><faultstring>"
                + XmlValues.escapeText(message)
                + "</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        response.setStatus(500);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml; charset=UTF-8");
        response.write(true, ByteBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** The WSDL of both services at {@code address}, document/literal wrapped with X-Road headers. */
    public static String wsdl(String address) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <wsdl:definitions name="testService" targetNamespace="%1$s"
                    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
                    xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="%1$s"
                    xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" xmlns:id="http://x-road.eu/xsd/identifiers">
                  <wsdl:types>
                    <xsd:schema elementFormDefault="qualified" targetNamespace="%1$s">
                      <xsd:import namespace="http://x-road.eu/xsd/xroad.xsd" schemaLocation="http://x-road.eu/xsd/xroad.xsd"/>
                      <xsd:element name="getRandom" nillable="true"><xsd:complexType/></xsd:element>
                      <xsd:element name="getRandomResponse"><xsd:complexType><xsd:sequence>
                        <xsd:element name="request"><xsd:complexType/></xsd:element>
                        <xsd:element name="response"><xsd:complexType><xsd:sequence>
                          <xsd:element name="data" type="xsd:string"/></xsd:sequence></xsd:complexType></xsd:element>
                      </xsd:sequence></xsd:complexType></xsd:element>
                      <xsd:element name="helloService"><xsd:complexType><xsd:sequence>
                        <xsd:element name="request"><xsd:complexType><xsd:sequence>
                          <xsd:element name="name" type="xsd:string"/></xsd:sequence></xsd:complexType></xsd:element>
                      </xsd:sequence></xsd:complexType></xsd:element>
                      <xsd:element name="helloServiceResponse"><xsd:complexType><xsd:sequence>
                        <xsd:element name="request"><xsd:complexType><xsd:sequence>
                          <xsd:element name="name" type="xsd:string" nillable="true"/></xsd:sequence></xsd:complexType></xsd:element>
                        <xsd:element name="response"><xsd:complexType><xsd:sequence>
                          <xsd:element name="message" type="xsd:string"/></xsd:sequence></xsd:complexType></xsd:element>
                      </xsd:sequence></xsd:complexType></xsd:element>
                    </xsd:schema>
                  </wsdl:types>
                  <wsdl:message name="requestheader">
                    <wsdl:part name="client" element="xrd:client"/><wsdl:part name="service" element="xrd:service"/>
                    <wsdl:part name="userId" element="xrd:userId"/><wsdl:part name="id" element="xrd:id"/>
                    <wsdl:part name="issue" element="xrd:issue"/><wsdl:part name="protocolVersion" element="xrd:protocolVersion"/>
                  </wsdl:message>
                  <wsdl:message name="getRandom"><wsdl:part name="body" element="tns:getRandom"/></wsdl:message>
                  <wsdl:message name="getRandomResponse"><wsdl:part name="body" element="tns:getRandomResponse"/></wsdl:message>
                  <wsdl:message name="helloService"><wsdl:part name="body" element="tns:helloService"/></wsdl:message>
                  <wsdl:message name="helloServiceResponse"><wsdl:part name="body" element="tns:helloServiceResponse"/></wsdl:message>
                  <wsdl:portType name="testServicePortType">
                    <wsdl:operation name="getRandom"><wsdl:input message="tns:getRandom"/><wsdl:output message="tns:getRandomResponse"/></wsdl:operation>
                    <wsdl:operation name="helloService"><wsdl:input message="tns:helloService"/><wsdl:output message="tns:helloServiceResponse"/></wsdl:operation>
                  </wsdl:portType>
                  <wsdl:binding name="testServiceBinding" type="tns:testServicePortType">
                    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                    <wsdl:operation name="getRandom"><soap:operation soapAction="" style="document"/><xrd:version>v1</xrd:version>
                      <wsdl:input><soap:body parts="body" use="literal"/></wsdl:input><wsdl:output><soap:body parts="body" use="literal"/></wsdl:output></wsdl:operation>
                    <wsdl:operation name="helloService"><soap:operation soapAction="" style="document"/><xrd:version>v1</xrd:version>
                      <wsdl:input><soap:body parts="body" use="literal"/></wsdl:input><wsdl:output><soap:body parts="body" use="literal"/></wsdl:output></wsdl:operation>
                  </wsdl:binding>
                  <wsdl:service name="testService"><wsdl:port binding="tns:testServiceBinding" name="testServicePort">
                    <soap:address location="%2$s"/></wsdl:port></wsdl:service>
                </wsdl:definitions>
                """.formatted(NAMESPACE, XmlValues.escapeAttribute(address));
    }
}
