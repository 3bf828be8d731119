package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.cli.AdminApiFixture.ok;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.runtime.http.HttpServer;

/**
 * {@code sild security-server descriptions} against a real admin API, which downloads the documents
 * over HTTP from a small document server.
 */
class SecurityServerDescriptionsCommandTest {

    static final Map<String, String> DOCUMENTS = new ConcurrentHashMap<>();
    static AdminApiFixture admin;
    static com.sun.net.httpserver.HttpServer documents;
    static String base;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        admin = AdminApiFixture.start(dir);
        documents = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        documents.createContext("/", exchange -> {
            String doc = DOCUMENTS.get(exchange.getRequestURI().getPath());
            byte[] body = doc == null ? new byte[0] : doc.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(doc == null ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        documents.start();
        base = "http://127.0.0.1:" + documents.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        documents.stop(0);
        admin.close();
    }

    static CliRunner ss(String... args) {
        return admin.run(args);
    }

    static String wsdl(String operations) {
        return """
                <definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:t"
                    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/">
                  <binding name="b" type="tns:pt">%s</binding>
                  <service name="s"><port name="p" binding="tns:b"><soap:address location="http://is/soap"/></port></service>
                </definitions>""".formatted(operations);
    }

    @Test
    void addRefreshDisableEnableList() {
        String registry = "DEV/GOV/70000001/registry";
        ok(ss("clients", "add", registry, "--connection-type", "NOSSL"), "added");
        DOCUMENTS.put("/persons.wsdl", wsdl("<operation name='getPerson'/>"));
        String added = ok(ss("descriptions", "add", registry, base + "/persons.wsdl"), "WSDL  " + base
                + "/persons.wsdl  [" + registry + "/getPerson]");
        String id = added.substring(0, added.indexOf(' '));
        DOCUMENTS.put("/persons.wsdl", wsdl("<operation name='getPerson'/><operation name='findPersons'/>"));
        ok(ss("descriptions", "refresh", id), "[" + registry + "/findPersons, " + registry + "/getPerson]");
        ok(ss("descriptions", "disable", id, "--notice", "moving"), "disabled: moving");
        ok(ss("descriptions", "enable", id), id + "  WSDL");

        DOCUMENTS.put("/openapi.json", """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "servers": [{"url": "http://is/api"}],
                 "paths": {"/persons": {"get": {}}}}""");
        ok(ss("descriptions", "add", registry, base + "/openapi.json", "--type", "openapi3", "--code", "persons"),
                "OPENAPI3", registry + "/persons]", "    GET /persons");
        ok(ss("descriptions", "add", registry, "http://is/rest", "--type", "REST", "--code", "things"),
                registry + "/things]");
        ok(ss("descriptions", "list", registry), "WSDL", "OPENAPI3", "REST", "GET /persons");
    }

    @Test
    void invalidDocumentPrintsTheReport() {
        String other = "DEV/GOV/70000001/other";
        ok(ss("clients", "add", other, "--connection-type", "NOSSL"), "added");
        DOCUMENTS.put("/bad.wsdl", wsdl("<operation name='getWsdl'/>"));
        var bad = ss("descriptions", "add", other, base + "/bad.wsdl");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("The WSDL is invalid: operation getWsdl has a service code reserved");
        DOCUMENTS.put("/swagger.yaml", "swagger: '2.0'\n");
        var swagger = ss("descriptions", "add", other, base + "/swagger.yaml", "--type", "OPENAPI3", "--code", "x");
        assertThat(swagger.exitCode()).isEqualTo(1);
        assertThat(swagger.err()).contains("Swagger 2.0 is not supported");
        var missing = ss("descriptions", "add", other, base + "/missing.wsdl");
        assertThat(missing.err()).contains("cannot download " + base + "/missing.wsdl: HTTP status 404");
    }
}
