package org.sild.securityserver.description;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.DescriptionDocument;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.securityserver.serverconf.LocalConfException;
import org.sild.securityserver.serverconf.LocalClient.ConnectionType;
import org.sild.securityserver.serverconf.LocalClient.Status;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.serverconf.ServiceDescription;
import org.sild.securityserver.serverconf.ServiceUpdate;
import org.sild.securityserver.serverconf.StoreServerConf;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

/** Registering and refreshing descriptions from documents, on H2 and PostgreSQL. */
class DescriptionImporterTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    static final SubsystemId PROVIDER = new MemberId("DEV", "GOV", "70000001").subsystem("registry");
    static final SubsystemId CONSUMER = new MemberId("DEV", "COM", "70000002").subsystem("portal");
    static final URI WSDL_URL = URI.create("http://is.example/persons.wsdl");
    static final URI API_URL = URI.create("http://is.example/openapi.yaml");

    /** Documents by URL; an absent one cannot be downloaded. */
    final Map<URI, String> documents = new ConcurrentHashMap<>();
    final DocumentSource source = url -> Optional.ofNullable(documents.get(url))
            .map(s -> s.getBytes(StandardCharsets.UTF_8))
            .orElseThrow(() -> new InvalidDescriptionException("The document", List.of("cannot download " + url)));

    static String wsdl(String... operations) {
        var ops = new StringBuilder();
        for (String op : operations) {
            String[] codeVersion = op.split(":");
            ops.append("<operation name='").append(codeVersion[0]).append("'>")
                    .append(codeVersion.length > 1 ? "<xrd:version>" + codeVersion[1] + "</xrd:version>" : "")
                    .append("</operation>");
        }
        return ReadersTest.wsdl(ops.toString()).replace("REPLACE_ME", "http://is.example/soap");
    }

    static String openApi(String... pathsAndMethods) {
        var paths = new StringBuilder();
        for (String pm : pathsAndMethods) {
            String[] p = pm.split(" ");
            paths.append("  ").append(p[1]).append(":\n    ").append(p[0]).append(": {}\n");
        }
        return "openapi: 3.0.1\ninfo: {title: t, version: '1'}\nservers: [{url: 'http://is.example/api'}]\npaths:\n"
                + paths;
    }

    static ServerConfStore store(TestStore db) {
        var store = new ServerConfStore(db.store(), CLOCK);
        store.clients().add(PROVIDER, Status.REGISTERED, ConnectionType.NOSSL);
        return store;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void wsdlAddRefreshKeepsSettingsAndDropsRightsOfRemovedServices(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = store(db);
            var importer = new DescriptionImporter(store, source);
            documents.put(WSDL_URL, wsdl("getPerson:v1", "listPersons"));
            ServiceDescription d = importer.addWsdl(PROVIDER, WSDL_URL);
            assertThat(d.type()).isEqualTo(ServiceType.WSDL);
            assertThat(d.services()).extracting(s -> s.id().toString()).containsExactly(
                    new ServiceId(PROVIDER, "getPerson", Optional.of("v1")).toString(),
                    new ServiceId(PROVIDER, "listPersons").toString());
            assertThat(d.services()).allSatisfy(s -> assertThat(s.url()).isEqualTo(URI.create("http://is.example/soap")));
            assertThat(store.serviceDescriptions().document(d.id())).hasValueSatisfying(
                    b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo(documents.get(WSDL_URL)));

            var listPersons = new ServiceId(PROVIDER, "listPersons");
            store.serviceDescriptions().updateService(listPersons, new ServiceUpdate(
                    Optional.of(URI.create("http://other.example/")), Optional.of(Duration.ofSeconds(7)), Optional.empty()));
            store.accessRights().grant(PROVIDER, AccessRight.wholeService(CONSUMER, "getPerson"));
            store.accessRights().grant(PROVIDER, AccessRight.wholeService(CONSUMER, "listPersons"));

            documents.put(WSDL_URL, wsdl("listPersons", "addPerson"));
            ServiceDescription refreshed = importer.refresh(d.id());
            assertThat(refreshed.services()).extracting(s -> s.id().serviceCode()).containsExactly("addPerson",
                    "listPersons");
            assertThat(store.serviceDescriptions().service(listPersons)).hasValueSatisfying(s -> {
                assertThat(s.url()).isEqualTo(URI.create("http://other.example/"));
                assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(7));
            });
            assertThat(store.accessRights().list(PROVIDER)).extracting(AccessRight::serviceCode)
                    .containsExactly("listPersons");
            assertThat(store.serviceDescriptions().document(d.id())).hasValueSatisfying(
                    b -> assertThat(new String(b, StandardCharsets.UTF_8)).contains("addPerson"));

            // Disabled stays disabled across a refresh; the proxies see the notice.
            store.serviceDescriptions().disable(d.id(), "closed for the summer");
            documents.put(WSDL_URL, wsdl("listPersons", "addPerson"));
            refreshed = importer.refresh(d.id());
            assertThat(new StoreServerConf(store).service(new ServiceId(PROVIDER, "addPerson")))
                    .hasValueSatisfying(s -> assertThat(s.disabledNotice()).contains("closed for the summer"));

            // A refresh that finds problems changes nothing.
            documents.put(WSDL_URL, "<definitions");
            var e = catchThrowableOfType(InvalidDescriptionException.class, () -> importer.refresh(d.id()));
            assertThat(e.problems()).singleElement().asString().contains("not well-formed");
            assertThat(store.serviceDescriptions().get(d.id())).contains(refreshed);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void refusedWithReports(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = store(db);
            var importer = new DescriptionImporter(store, source);
            documents.put(WSDL_URL, wsdl("getPerson"));
            importer.addWsdl(PROVIDER, WSDL_URL);
            URI second = URI.create("http://is.example/second.wsdl");
            documents.put(second, wsdl("getPerson", "getWsdl"));
            var e = catchThrowableOfType(InvalidDescriptionException.class, () -> importer.addWsdl(PROVIDER, second));
            assertThat(e.problems()).containsExactly("operation getWsdl has a service code reserved for X-Road's own"
                    + " services " + ReservedCodes.CODES);
            documents.put(second, wsdl("getPerson"));
            e = catchThrowableOfType(InvalidDescriptionException.class, () -> importer.addWsdl(PROVIDER, second));
            assertThat(e.problems()).containsExactly("service getPerson exists already in service description "
                    + WSDL_URL);
            e = catchThrowableOfType(InvalidDescriptionException.class, () -> importer.addWsdl(PROVIDER,
                    URI.create("http://is.example/missing")));
            assertThat(e.problems()).containsExactly("cannot download http://is.example/missing");
            documents.put(API_URL, "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}");
            e = catchThrowableOfType(InvalidDescriptionException.class, () -> importer.addOpenApi(PROVIDER, API_URL,
                    "persons"));
            assertThat(e.problems()).containsExactly("Swagger 2.0 is not supported; use OpenAPI 3.0 or 3.1");
            e = catchThrowableOfType(InvalidDescriptionException.class, () -> importer.addOpenApi(PROVIDER, API_URL,
                    "listMethods"));
            assertThat(e.problems()).singleElement().asString().contains("reserved");
            assertThat(store.serviceDescriptions().list(PROVIDER)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void openApiEndpointsGeneratedAndRefreshed(TestDatabases kind) {
        try (var db = TestStore.open(kind)) {
            var store = store(db);
            var importer = new DescriptionImporter(store, source);
            documents.put(API_URL, openApi("get /persons", "get /persons/{id}"));
            ServiceDescription d = importer.addOpenApi(PROVIDER, API_URL, "persons");
            assertThat(d.type()).isEqualTo(ServiceType.OPENAPI3);
            assertThat(d.services()).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo(new ServiceId(PROVIDER, "persons"));
                assertThat(s.url()).isEqualTo(URI.create("http://is.example/api"));
            });
            assertThat(d.endpoints()).containsExactlyInAnyOrder(new Endpoint("persons", "GET", "/persons"),
                    new Endpoint("persons", "GET", "/persons/*"));
            Endpoint byHand = new Endpoint("persons", "POST", "/persons/search");
            store.endpoints().add(PROVIDER, byHand);
            store.accessRights().grant(PROVIDER, new AccessRight(CONSUMER, "persons", "GET", "/persons/*"));
            store.accessRights().grant(PROVIDER, new AccessRight(CONSUMER, "persons", "GET", "/persons"));

            documents.put(API_URL, openApi("get /persons", "delete /persons/{id}"));
            ServiceDescription refreshed = importer.refresh(d.id());
            assertThat(refreshed.endpoints()).containsExactlyInAnyOrder(new Endpoint("persons", "GET", "/persons"),
                    new Endpoint("persons", "DELETE", "/persons/*"), byHand);
            assertThat(store.accessRights().list(PROVIDER)).containsExactly(
                    new AccessRight(CONSUMER, "persons", "GET", "/persons"));
            assertThat(store.serviceDescriptions().document(d.id())).isPresent();

            var foreign = new DescriptionDocument(ServiceType.OPENAPI3, URI.create("http://elsewhere/"), new byte[1],
                    List.of(), List.of());
            var refused = catchThrowableOfType(LocalConfException.class,
                    () -> store.serviceDescriptions().refresh(d.id(), foreign));
            assertThat(refused.reason()).isEqualTo(LocalConfException.Reason.INVALID);
            assertThat(refused.field()).contains("url");
        }
    }

    @Test
    void openApiPathTemplatesBecomeXRoadGlobs() {
        // PR-MREST Annex B lists the petstore's /pet/{petId}/uploadImage as /pet/*/uploadImage.
        assertThat(DescriptionImporter.endpointPath("/pet/{petId}/uploadImage")).isEqualTo("/pet/*/uploadImage");
        assertThat(DescriptionImporter.endpointPath("/files/{name}.{ext}")).isEqualTo("/files/*.*");
        assertThat(DescriptionImporter.endpointPath("/store/inventory")).isEqualTo("/store/inventory");
        assertThat(DescriptionImporter.endpointPath("/odd/{}/{a/b}")).isEqualTo("/odd/{}/{a/b}");
    }

    @Test
    void httpSourceDownloadsWithinBounds() throws IOException {
        var server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().equals("/big") ? new byte[2000]
                    : "hello".getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().equals("/gone") ? 404 : 200;
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            var source = new HttpDocumentSource(1000, Duration.ofSeconds(5));
            assertThat(new String(source.fetch(URI.create(base + "/doc")), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(catchThrowableOfType(InvalidDescriptionException.class,
                    () -> source.fetch(URI.create(base + "/big"))).problems())
                    .containsExactly("cannot download " + base + "/big: larger than 1000 bytes");
            assertThat(catchThrowableOfType(InvalidDescriptionException.class,
                    () -> source.fetch(URI.create(base + "/gone"))).problems())
                    .containsExactly("cannot download " + base + "/gone: HTTP status 404");
            assertThat(catchThrowableOfType(InvalidDescriptionException.class,
                    () -> source.fetch(URI.create("file:///etc/passwd"))).problems()).singleElement().asString()
                    .contains("not an absolute http or https URL");
        } finally {
            server.stop(0);
        }
    }
}
