package org.sild.securityserver.datatracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sild.core.id.ClientId;
import org.sild.securityserver.datatracker.PersonalDataDeclaration.Endpoint;
import org.sild.securityserver.datatracker.SubjectLocator.Kind;
import org.sild.securityserver.proxy.ProviderIs;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.proxy.Soap;
import org.sild.securityserver.serverconf.LocalClient.ConnectionType;
import org.sild.securityserver.serverconf.LocalClient.Status;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.serverconf.ServiceSpec;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

/** Usage recording through real client and server proxies: what each declared exchange leaves in the store. */
class DataTrackerProxyTest {

    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");
    private static final String PATIENT = "38001010001";

    private static TestStore db;
    private static UsageStore usage;
    private static DataTracker tracker;
    private static ProxyHarness harness;
    private static ProviderIs is;

    @BeforeAll
    static void start() {
        db = TestStore.open(TestDatabases.H2);
        var conf = new ServerConfStore(db.store(), Clock.systemUTC());
        conf.clients().add(ProxyHarness.PRODUCER, Status.REGISTERED, ConnectionType.NOSSL);
        conf.clients().add(ProxyHarness.PRODUCER_SUB, Status.REGISTERED, ConnectionType.NOSSL);
        conf.serviceDescriptions().add(ProxyHarness.PRODUCER_SUB, ServiceType.REST, URI.create("http://127.0.0.1:9/api"),
                List.of(ServiceSpec.of("persons")));
        for (String[] e : new String[][] {{"GET", "/{personalCode}"}, {"GET", "/search"}, {"POST", "/prescriptions"},
                {"POST", "/prescriptions/{id}/dispense"}}) {
            conf.endpoints().add(ProxyHarness.PRODUCER_SUB,
                    new org.sild.securityserver.serverconf.Endpoint("persons", e[0], e[1]));
        }
        conf.serviceDescriptions().add(ProxyHarness.PRODUCER, ServiceType.WSDL, URI.create("http://127.0.0.1:9/wsdl"),
                List.of(ServiceSpec.of("getState")));
        var declarations = new Declarations(db.store(), conf, Clock.systemUTC());
        declare(declarations, "GET /{personalCode}", SubjectLocator.of(Kind.PATH, "personalCode"), "read");
        declare(declarations, "GET /search", SubjectLocator.of(Kind.QUERY, "patient"), "read");
        declare(declarations, "POST /prescriptions", SubjectLocator.of(Kind.JSON_POINTER, "/patient"), "write");
        declare(declarations, "POST /prescriptions/{id}/dispense",
                SubjectLocator.of(Kind.RESPONSE_JSON_POINTER, "/patient"), "update");
        declarations.declare(PersonalDataDeclaration.builder(ProxyHarness.PRODUCER, "getState").subjectPrefix("EE")
                .locator(new SubjectLocator(Kind.XPATH, "p:getState/p:code", Map.of("p", "urn:persons")))
                .purpose("register upkeep").build());
        usage = new UsageStore(db.store());
        tracker = new DataTracker(declarations, usage, DataTrackerSettings.defaults(), Clock.systemUTC());
        harness = ProxyHarness.builder().dataTracker(tracker).build();
        is = new ProviderIs();
    }

    private static void declare(Declarations declarations, String endpoint, SubjectLocator locator, String type) {
        declarations.declare(PersonalDataDeclaration.builder(ProxyHarness.PRODUCER_SUB, "persons")
                .endpoint(Endpoint.parse(endpoint)).locator(locator).subjectPrefix("EE").processingType(type)
                .purpose("default purpose").legalBasis("default basis").build());
    }

    @AfterAll
    static void stop() {
        harness.close();
        db.close();
    }

    private static List<UsageRecord> records(ClientId provider, String subject) {
        return usage.find(new UsageStore.Query(provider, subject, Optional.empty(), Optional.empty(), 0, 100), LATER)
                .records();
    }

    private static ProxyHarness.Answer rest(String method, String path, String queryId, Map<String, String> headers,
            Optional<String> json) {
        Request request = harness.client().newRequest(harness.clientUri("/r1/EE/BUSINESS/producer/subsys2/persons"
                + path)).method(method).headers(h -> {
                    h.put("X-Road-Client", "EE/BUSINESS/consumer/subsys1").put("X-Road-Id", queryId);
                    headers.forEach(h::put);
                });
        json.ifPresent(j -> request.body(new StringRequestContent("application/json", j)));
        var answer = ProxyHarness.send(request);
        assertThat(answer.status()).as(answer.text()).isLessThan(300);
        return answer;
    }

    @Test
    void aPathLocatorWithTheConsumersPduHeadersLeavesOneExactRecord() {
        harness.providerIs(is.answer(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
        rest("GET", "/" + PATIENT, "pdu-rest-1", Map.of("X-Road-UserId", "EE47101010033",
                "X-Road-Issue", "visit 12", "X-Road-Pdu-Reason", "treatment", "X-Road-Pdu-System", "clinic-app",
                "X-Road-Pdu-Legal-Basis", "Health Services Organisation Act",
                "X-Road-Pdu-Hidden-Until", "2030-01-01T00:00:00Z"), Optional.empty());

        List<UsageRecord> found = records(ProxyHarness.PRODUCER_SUB, "EE" + PATIENT);
        assertThat(found).singleElement().satisfies(r -> {
            assertThat(r.consumer()).isEqualTo(ProxyHarness.CONSUMER_SUB);
            assertThat(r.consumerName()).contains("Consumer");
            assertThat(r.service()).isEqualTo(ProxyHarness.PERSONS);
            assertThat(r.endpoint()).contains("GET /{personalCode}");
            assertThat(r.processingType()).isEqualTo("read");
            assertThat(r.purpose()).contains("treatment");
            assertThat(r.legalBasis()).contains("Health Services Organisation Act");
            assertThat(r.consumerSystem()).contains("clinic-app");
            assertThat(r.userId()).contains("EE47101010033");
            assertThat(r.issue()).contains("visit 12");
            assertThat(r.queryId()).isEqualTo("pdu-rest-1");
            assertThat(r.requestId()).isPresent();
            assertThat(r.succeeded()).isTrue();
            assertThat(r.hidden()).isTrue();
            assertThat(r.hiddenUntil()).contains(Instant.parse("2030-01-01T00:00:00Z"));
        });
        assertThat(usage.find(new UsageStore.Query(ProxyHarness.PRODUCER_SUB, "EE" + PATIENT, Optional.empty(),
                Optional.empty(), 0, 10), Instant.parse("2029-01-01T00:00:00Z")).total()).as("hidden until 2030")
                .isZero();
        assertThat(is.received().getLast().headers().get("X-Road-Pdu-Reason"))
                .as("the provider's information system gets the consumer's headers too").isEqualTo("treatment");
    }

    @Test
    void everyQueryMatchIsARecordWithTheDeclaredDefaults() {
        harness.providerIs(is.answer(200, "application/json", "[]".getBytes(StandardCharsets.UTF_8)));
        rest("GET", "/search?patient=38001010002&patient=EE38001010003", "pdu-query-1",
                Map.of("X-Road-Pdu-Hidden", "maybe"), Optional.empty());
        for (String subject : List.of("EE38001010002", "EE38001010003")) {
            assertThat(records(ProxyHarness.PRODUCER_SUB, subject)).singleElement().satisfies(r -> {
                assertThat(r.queryId()).isEqualTo("pdu-query-1");
                assertThat(r.purpose()).contains("default purpose");
                assertThat(r.legalBasis()).contains("default basis");
                assertThat(r.consumerSystem()).isEmpty();
                assertThat(r.hidden()).as("a malformed Hidden header is ignored").isFalse();
                assertThat(r.endpoint()).contains("GET /search");
            });
        }
    }

    @Test
    void requestAndResponseBodyLocators() {
        harness.providerIs(is.answer(201, "application/json", "{\"id\":7}".getBytes(StandardCharsets.UTF_8)));
        rest("POST", "/prescriptions", "pdu-write-1", Map.of("X-Road-Pdu-Reason", "prescribing"),
                Optional.of("{\"patient\":\"38001010004\",\"medication\":\"ibuprofen\"}"));
        assertThat(records(ProxyHarness.PRODUCER_SUB, "EE38001010004")).singleElement().satisfies(r -> {
            assertThat(r.processingType()).isEqualTo("write");
            assertThat(r.purpose()).contains("prescribing");
        });

        harness.providerIs(is.answer(200, "application/json",
                "{\"id\":7,\"patient\":\"38001010005\",\"status\":\"dispensed\"}".getBytes(StandardCharsets.UTF_8)));
        var answer = rest("POST", "/prescriptions/7/dispense", "pdu-dispense-1", Map.of(), Optional.empty());
        assertThat(answer.text()).contains("dispensed");
        assertThat(records(ProxyHarness.PRODUCER_SUB, "EE38001010005")).singleElement().satisfies(r -> {
            assertThat(r.processingType()).isEqualTo("update");
            assertThat(r.endpoint()).contains("POST /prescriptions/{id}/dispense");
        });
    }

    @Test
    void theSubjectsOwnAccessAndUndeclaredEndpointsLeaveNoRecord() {
        harness.providerIs(is.answer(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
        long before = tracker.exchangesWithoutSubject();
        rest("GET", "/38001010006", "pdu-own-1", Map.of("X-Road-UserId", "EE38001010006"), Optional.empty());
        rest("GET", "/38001010007", "pdu-own-2", Map.of("X-Road-UserId", "38001010007"), Optional.empty());
        rest("GET", "/38001010008/history", "pdu-undeclared-1", Map.of(), Optional.empty());
        rest("GET", "/search", "pdu-none-1", Map.of(), Optional.empty());
        assertThat(records(ProxyHarness.PRODUCER_SUB, "EE38001010006")).isEmpty();
        assertThat(records(ProxyHarness.PRODUCER_SUB, "EE38001010007")).isEmpty();
        assertThat(records(ProxyHarness.PRODUCER_SUB, "EE38001010008")).isEmpty();
        assertThat(tracker.exchangesWithoutSubject()).as("no subject in the query").isEqualTo(before + 1);
    }

    @Test
    void soapXpathWithThePduHeader() {
        harness.providerIs(is.soapEcho());
        String header = "<pdu:pdu xmlns:pdu=\"http://x-road.eu/xsd/pdu.xsd\"><pdu:reason>dispensing</pdu:reason>"
                + "<pdu:system>pharmacy-pos</pdu:system><pdu:hidden>false</pdu:hidden></pdu:pdu>"
                + "<s:pduExtension xmlns:s=\"" + PduInfo.SILD_NAMESPACE + "\"><s:legalBasis>Medicinal Products Act"
                + "</s:legalBasis></s:pduExtension>\n";
        var answer = harness.soap(Soap.envelope(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "pdu-soap-1",
                Optional.of(header), "<p:getState xmlns:p=\"urn:persons\"><p:code>38001010009</p:code>"
                        + "<p:code>38001010010</p:code></p:getState>"), Soap.TEXT_XML);
        assertThat(answer.faultCode()).as(answer.text()).isEmpty();
        for (String subject : List.of("EE38001010009", "EE38001010010")) {
            assertThat(records(ProxyHarness.PRODUCER, subject)).singleElement().satisfies(r -> {
                assertThat(r.consumer()).isEqualTo(ProxyHarness.CONSUMER);
                assertThat(r.service()).isEqualTo(ProxyHarness.GET_STATE);
                assertThat(r.endpoint()).isEmpty();
                assertThat(r.purpose()).contains("dispensing");
                assertThat(r.consumerSystem()).contains("pharmacy-pos");
                assertThat(r.legalBasis()).contains("Medicinal Products Act");
                assertThat(r.userId()).contains("EE12345678901");
                assertThat(r.queryId()).isEqualTo("pdu-soap-1");
                assertThat(r.succeeded()).isTrue();
                assertThat(r.hidden()).isFalse();
            });
        }
    }

    @Test
    void aProviderThatDeclaresNothingPaysNothing() {
        assertThat(tracker.declarations().declares(ProxyHarness.CONSUMER)).isFalse();
        assertThat(tracker.declarations().find(ProxyHarness.CONSUMER, "persons", "GET", "/1")).isEmpty();
    }
}
