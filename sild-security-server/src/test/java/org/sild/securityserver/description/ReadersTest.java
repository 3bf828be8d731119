package org.sild.securityserver.description;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.securityserver.description.OpenApiReader.Operation;

/** Invalid WSDL and OpenAPI documents are refused with a report naming what is wrong. */
class ReadersTest {

    static final URI URL = URI.create("http://is.example/api/openapi.yaml");

    static String wsdl(String bindingOperations) {
        return """
                <definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:t"
                    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xrd="http://x-road.eu/xsd/xroad.xsd"
                    targetNamespace="urn:t">
                  <binding name="b" type="tns:pt">%s</binding>
                  <service name="s"><port name="p" binding="tns:b"><soap:address location="REPLACE_ME"/></port></service>
                </definitions>""".formatted(bindingOperations);
    }

    static List<String> wsdlProblems(String text) {
        var e = catchThrowableOfType(InvalidDescriptionException.class,
                () -> WsdlReader.read(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.BAD_REQUEST));
        return e.problems();
    }

    static List<String> openApiProblems(String text) {
        return catchThrowableOfType(InvalidDescriptionException.class,
                () -> OpenApiReader.read(text.getBytes(StandardCharsets.UTF_8), URL)).problems();
    }

    @Test
    void wsdlVersionOptionalAddressFallsBack() {
        var services = WsdlReader.read(wsdl("""
                <operation name="getPerson"><xrd:version>v2</xrd:version></operation>
                <operation name="listPersons"/>""").getBytes(StandardCharsets.UTF_8));
        assertThat(services).containsExactly(
                new WsdlReader.WsdlService("getPerson", java.util.Optional.of("v2"), java.util.Optional.empty()),
                new WsdlReader.WsdlService("listPersons", java.util.Optional.empty(), java.util.Optional.empty()));
    }

    @Test
    void invalidWsdlsReport() {
        assertThat(wsdlProblems("<definitions")).singleElement().asString().startsWith("the WSDL is not well-formed");
        assertThat(wsdlProblems("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>")).singleElement()
                .asString().contains("not well-formed");
        assertThat(wsdlProblems("<description xmlns='http://www.w3.org/ns/wsdl'/>")).singleElement().asString()
                .contains("WSDL 2.0");
        assertThat(wsdlProblems("<html/>")).singleElement().asString().contains("not {http://schemas.xmlsoap.org/wsdl/}");
        assertThat(wsdlProblems(wsdl(""))).singleElement().asString().contains("declares no operations");
        assertThat(wsdlProblems(wsdl("""
                <operation name="a"/><operation name="a"/><operation name="listMethods"/>
                <operation name="getWsdl"/>"""))).containsExactly(
                "operation a appears more than once in binding b",
                "operation listMethods has a service code reserved for X-Road's own services " + ReservedCodes.CODES,
                "operation getWsdl has a service code reserved for X-Road's own services " + ReservedCodes.CODES);
        assertThat(wsdlProblems(wsdl("<operation name='a'/>").replace("tns:b\"", "tns:nope\"")))
                .singleElement().asString().contains("binding 'nope'");
        assertThat(wsdlProblems(wsdl("<operation name='a'/>").replace("<binding", "<import location='x'/><binding")))
                .singleElement().asString().contains("wsdl:import");
    }

    @Test
    void openApiYamlAndJson() {
        var api = OpenApiReader.read("""
                openapi: 3.0.3
                info: {title: t, version: '1'}
                servers:
                  - url: /v1
                paths:
                  /persons/{id}:
                    get: {}
                    delete: {}
                    parameters: []
                  /persons:
                    post: {}
                """.getBytes(StandardCharsets.UTF_8), URL);
        assertThat(api.baseUrl()).isEqualTo(URI.create("http://is.example/v1"));
        assertThat(api.operations()).containsExactly(new Operation("GET", "/persons/{id}"),
                new Operation("DELETE", "/persons/{id}"), new Operation("POST", "/persons"));
        var json = OpenApiReader.read("""
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "servers": [{"url": "https://{host}/x", "variables": {"host": {"default": "h.example"}}}]}
                """.getBytes(StandardCharsets.UTF_8), URL);
        assertThat(json.baseUrl()).isEqualTo(URI.create("https://h.example/x"));
        assertThat(json.operations()).isEmpty();
    }

    @Test
    void invalidOpenApiReport() {
        assertThat(openApiProblems("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}")).containsExactly(
                "Swagger 2.0 is not supported; use OpenAPI 3.0 or 3.1");
        assertThat(openApiProblems("openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths: {}")).containsExactly(
                "OpenAPI version '3.2.0' is not supported; use 3.0.x or 3.1.x");
        assertThat(openApiProblems("openapi: 2.0.0")).singleElement().asString().contains("not supported");
        assertThat(openApiProblems("info: {}")).containsExactly("the document has no 'openapi' version field");
        assertThat(openApiProblems("{\"openapi\": ")).singleElement().asString().startsWith("the document is neither");
        assertThat(openApiProblems("a: [")).singleElement().asString().startsWith("the document is neither");
        assertThat(openApiProblems("- a")).containsExactly("the document is not a JSON object or YAML mapping");
        assertThat(openApiProblems("openapi: 3.0.0\nopenapi: 3.0.1")).singleElement().asString()
                .startsWith("the document is neither");
        assertThat(openApiProblems("""
                openapi: 3.0.0
                servers: [{url: 'https://{h}/'}]
                paths:
                  persons: {get: {}}
                  /a b: {get: {}}
                """)).containsExactly("'info' with 'title' and 'version' is required",
                "path 'persons' does not start with /", "path '/a b' contains a space, control character, ?, # or *",
                "server URL variable 'h' has no default");
        assertThat(openApiProblems("openapi: 3.0.0\ninfo: {title: t, version: '1'}")).containsExactly(
                "'paths' is required in OpenAPI 3.0");
        assertThat(openApiProblems("openapi: 3.1.0\ninfo: {title: t, version: '1'}\nservers: [{url: 'ftp://x/'}]"))
                .containsExactly("server URL 'ftp://x/' is not an http or https URL");
    }

    @Test
    void yamlAliasBombRefused() {
        String bomb = "openapi: 3.0.0\na: &a [x, x, x, x, x, x, x, x, x]\n" + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\n";
        assertThat(openApiProblems(bomb)).singleElement().asString().startsWith("the document is neither");
    }
}
