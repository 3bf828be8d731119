package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.id.ClientId;
import org.sild.core.id.IdentifierXml;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.soap.Attachment;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapPackage;
import org.sild.core.soap.SoapParser;
import org.sild.e2e.ProviderIs.Reply;
import org.sild.runtime.json.Json;
import org.sild.securityserver.opmonitor.MonitoringServices;
import org.sild.securityserver.opmonitor.OpMonitor;
import org.sild.securityserver.opmonitor.OpMonitorSettings;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.testing.MutableClock;
import org.sild.testing.Vectors;

/**
 * Issue 6, acceptance 4: after exchanges that succeed and that fail in each way the reference tells
 * apart, {@code getSecurityServerOperationalData} asked through the client proxy returns one record
 * per exchange and side with the right fields, pages by {@code max-records-in-payload} without
 * splitting a second, holds back the records of the availability offset, and shows a client that is
 * neither owner nor monitoring client only the records it took part in.
 */
class OperationalDataTest {

    static final MemberId CONSUMER = TwoServers.CONSUMER;
    static final MemberId PROVIDER = TwoServers.PROVIDER;
    static final SubsystemId APP = TwoServers.APP;
    static final SubsystemId OTHER = CONSUMER.subsystem("other");
    static final SubsystemId STRANGER = CONSUMER.subsystem("stranger");
    static final SubsystemId API = TwoServers.API;
    static final SecurityServerId SS1 = TwoServers.SS1;
    static final SecurityServerId SS2 = TwoServers.SS2;
    static final ServiceId ECHO = new ServiceId(API, "echo", "v1");
    static final ServiceId FAULTY = new ServiceId(API, "faulty", "v1");
    static final ServiceId DENIED = new ServiceId(API, "denied", "v1");
    static final ServiceId PERSONS = TwoServers.PERSONS;
    static final ServiceId OFFLINE = new ServiceId(API, "offline");
    static final int MAX_RECORDS = 3;
    static final Duration OFFSET = Duration.ofSeconds(1);

    /** What each exchange of the scenario must leave in the records. */
    record Expected(String messageId, boolean reachesProvider, boolean succeeded, Optional<FaultCode> fault) {
    }

    /** The network's clock: it moves only when the test moves it. */
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)
            .plusMillis(200));
    private static TestNetwork net;
    private static final List<Expected> EXPECTED = new ArrayList<>();
    private static long firstSecond;
    private static long lastSecond;

    @BeforeAll
    static void exchange() throws Exception {
        var settings = OpMonitorSettings.builder().maxRecordsInPayload(MAX_RECORDS).recordsAvailableOffset(OFFSET)
                .build();
        net = TestNetwork.builder()
                .clock(CLOCK)
                .member(CONSUMER, "Consumer Agency", "app", "other", "stranger")
                .member(PROVIDER, "Provider Company", "api")
                .server(SS1, APP, OTHER)
                .server(SS2, API)
                .configure(SS1, c -> c.withOpMonitor(settings))
                .configure(SS2, c -> c.withOpMonitor(settings))
                .start();
        ProviderIs is = net.providerIs("op-is").answer(OperationalDataTest::answer);
        for (ServiceId soap : List.of(ECHO, FAULTY, DENIED)) {
            net.service(soap, ServiceType.WSDL, is.url("/" + soap.serviceCode()), s -> s);
        }
        net.restService(PERSONS, is.url("/persons"));
        net.service(OFFLINE, ServiceType.REST, URI.create("http://127.0.0.1:" + FreePorts.unused() + "/x"), s -> s);
        for (ServiceId allowed : List.of(ECHO, FAULTY, PERSONS, OFFLINE)) {
            net.allow(APP, allowed);
        }
        net.allow(OTHER, PERSONS);

        // Records of the set-up, if any, stay out of the scenario's seconds.
        awaitStored(0, 0);
        CLOCK.advance(Duration.ofSeconds(2));
        firstSecond = CLOCK.instant().getEpochSecond();
        IsClient client = net.client(SS1);
        soap(client, APP, ECHO, "op-soap-ok", true, true, Optional.empty());
        rest(client, APP, "/1", "op-rest-ok", true, Optional.empty());
        rest(client, APP, "/missing", "op-rest-404", true, Optional.empty());
        rest(client, APP, "/broken", "op-rest-500", true, Optional.empty());
        soap(client, APP, FAULTY, "op-soap-fault", true, false, Optional.of(FaultCode.parse("Server.Persons.NotFound")));
        // The rest is stored in a later second than these five, so the owner's answers must page.
        awaitStored(5, 5);
        CLOCK.advance(Duration.ofSeconds(1));
        soap(client, STRANGER, ECHO, "op-unknown-member", false, false,
                Optional.of(FaultCode.of(ErrorCode.SERVER, ErrorCode.CLIENT_PROXY, ErrorCode.UNKNOWN_MEMBER)));
        soap(client, APP, DENIED, "op-denied", true, false,
                Optional.of(FaultCode.of(ErrorCode.SERVER, ErrorCode.SERVER_PROXY, ErrorCode.ACCESS_DENIED)));
        soap(client, APP, new ServiceId(API, "nothingHere", "v1"), "op-unknown-service", true, false,
                Optional.of(FaultCode.of(ErrorCode.SERVER, ErrorCode.SERVER_PROXY, ErrorCode.UNKNOWN_SERVICE)));
        Answer offline = client.send(client.rest(APP, "GET", OFFLINE, "/1").headers(h -> h.put("X-Road-Id",
                "op-service-failed")));
        assertThat(offline.faultCode()).as(offline.toString()).hasValueSatisfying(code -> assertThat(code)
                .matches(c -> c.contains(ErrorCode.SERVICE_FAILED)));
        EXPECTED.add(new Expected("op-service-failed", true, false, offline.faultCode()));
        rest(net.client(SS1), OTHER, "/other", "op-other", true, Optional.empty());
        awaitStored(EXPECTED.size(), (int) EXPECTED.stream().filter(Expected::reachesProvider).count());
        lastSecond = CLOCK.instant().getEpochSecond();
        CLOCK.advance(OFFSET.plusSeconds(2));          // past the availability offset; the queries come later
    }

    private static long storedBefore1 = -1;
    private static long storedBefore2 = -1;

    /**
     * Waits until each side has stored this many records of the scenario (the client proxy hands its
     * record over after the answer, so an answered exchange may not have it yet); {@code 0, 0} first
     * waits for whatever the set-up left and makes that the baseline.
     */
    private static void awaitStored(int consumerSide, int providerSide) throws InterruptedException {
        OpMonitor ss1 = net.server(SS1).opMonitor();
        OpMonitor ss2 = net.server(SS2).opMonitor();
        if (storedBefore1 < 0) {
            assertThat(ss1.flush(Duration.ofSeconds(30)) && ss2.flush(Duration.ofSeconds(30))).isTrue();
            storedBefore1 = ss1.stored();
            storedBefore2 = ss2.stored();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ss1.stored() - storedBefore1 < consumerSide || ss2.stored() - storedBefore2 < providerSide) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("records stored: " + (ss1.stored() - storedBefore1) + " of " + consumerSide
                        + " on ss1, " + (ss2.stored() - storedBefore2) + " of " + providerSide + " on ss2");
            }
            Thread.sleep(10);
        }
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    private static Reply answer(ProviderIs.Received r) {
        String path = r.uri().getPath();
        if (path.endsWith("/faulty")) {
            return Reply.of(200, "text/xml; charset=UTF-8", ("<SOAP-ENV:Envelope xmlns:SOAP-ENV="
                    + "\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body><SOAP-ENV:Fault>"
                    + "<faultcode>Server.Persons.NotFound</faultcode><faultstring>no such person</faultstring>"
                    + "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>").getBytes(StandardCharsets.UTF_8));
        }
        if (r.header("Content-Type").orElse("").startsWith("text/xml")) {
            return Reply.of(200, "text/xml; charset=UTF-8", Soap.answer(r.body()));
        }
        int status = path.endsWith("/missing") ? 404 : path.endsWith("/broken") ? 500 : 200;
        return Reply.of(status, "application/json", ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static void soap(IsClient client, ClientId from, ServiceId service, String id, boolean reachesProvider,
            boolean succeeded, Optional<FaultCode> fault) {
        Answer answer = client.soapCall(Soap.request(from, service, id,
                "<e:" + service.serviceCode() + " xmlns:e=\"urn:e2e\"/>"));
        assertThat(answer.faultCode()).as(answer.toString()).isEqualTo(fault);
        EXPECTED.add(new Expected(id, reachesProvider, succeeded, fault));
    }

    private static void rest(IsClient client, ClientId from, String path, String id, boolean succeeded,
            Optional<FaultCode> fault) {
        Answer answer = client.send(client.rest(from, "GET", PERSONS, path).headers(h -> h.put("X-Road-Id", id)));
        assertThat(answer.faultCode()).as(answer.toString()).isEqualTo(fault);
        EXPECTED.add(new Expected(id, true, succeeded, fault));
    }

    /** One page of {@code getSecurityServerOperationalData}: the response XML and the records. */
    record Page(String xml, List<Map<String, Object>> records) {

        Optional<Long> nextRecordsFrom() {
            int at = xml.indexOf("<om:nextRecordsFrom>");
            return at < 0 ? Optional.empty() : Optional.of(Long.parseLong(
                    xml.substring(at + "<om:nextRecordsFrom>".length(), xml.indexOf("</om:nextRecordsFrom>"))));
        }
    }

    /** Asks {@code server} (service of its owner) as {@code caller} through {@code via}'s client proxy. */
    private static Page query(SecurityServerId via, ClientId caller, SecurityServerId server, long from, long to,
            String id) {
        String request = new String(Soap.request(caller, new ServiceId(server.owner(),
                MonitoringServices.OPERATIONAL_DATA), id, "<om:getSecurityServerOperationalData xmlns:om=\""
                + MonitoringServices.NAMESPACE + "\"><om:searchCriteria><om:recordsFrom>" + from
                + "</om:recordsFrom><om:recordsTo>" + to + "</om:recordsTo></om:searchCriteria>"
                + "</om:getSecurityServerOperationalData>"), StandardCharsets.UTF_8)
                .replace("</xrd:service>", "</xrd:service>" + IdentifierXml.toXml("securityServer", server));
        return page(net.client(via).soapCall(request.getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static Page page(Answer answer) {
        assertThat(answer.faultCode()).as(answer.toString()).isEmpty();
        assertThat(answer.contentType()).startsWith("multipart/related");
        SoapPackage reply = new SoapParser(SoapLimits.withMaxSoapBytes(10_000_000))
                .read(new ByteArrayInputStream(answer.body()), answer.contentType());
        String xml = new String(reply.message().orElseThrow().bytes(), StandardCharsets.UTF_8);
        Attachment attachment = reply.nextAttachment().orElseThrow();
        assertThat(attachment.headers().first("Content-ID")).contains("<" + MonitoringServices.RECORDS_CID + ">");
        try (var in = new GZIPInputStream(attachment.body())) {
            var records = (List<Map<String, Object>>) Json.read(in.readAllBytes(), Map.class).get("records");
            assertThat(xml).contains("<om:recordsCount>" + records.size() + "</om:recordsCount>");
            return new Page(xml, records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record of the scenario's window on {@code server}, page by page, as its owner; by message id. */
    private static Map<String, Map<String, Object>> allPages(SecurityServerId server, int[] pages) {
        return allPages(server, server.owner(), server, pages);
    }

    /** Every record of the scenario's window on {@code server} that {@code caller} may see, asked through {@code via}. */
    private static Map<String, Map<String, Object>> allPages(SecurityServerId via, ClientId caller,
            SecurityServerId server, int[] pages) {
        var byId = new LinkedHashMap<String, Map<String, Object>>();
        long from = firstSecond;
        for (int page = 0; page < 50; page++) {
            Page p = query(via, caller, server, from, lastSecond, "op-q-" + server.serverCode() + "-" + pages[0]);
            pages[0]++;
            for (Map<String, Object> r : p.records()) {
                assertThat(byId.put((String) r.get("messageId"), r)).as("record of " + r.get("messageId") + " twice")
                        .isNull();
            }
            if (p.nextRecordsFrom().isEmpty()) {
                return byId;
            }
            assertThat(p.records().size()).as("a page is cut only at the limit").isGreaterThanOrEqualTo(MAX_RECORDS);
            from = p.nextRecordsFrom().get();
        }
        throw new AssertionError("more than 50 pages");
    }

    private static long ts(Map<String, Object> r, String field) {
        return ((Number) r.get(field)).longValue();
    }

    @Test
    void theOwnerOfEachSideGetsOneRecordPerExchangeWithItsFields() {
        int[] pages = {0};
        Map<String, Map<String, Object>> client = allPages(SS1, pages);
        Map<String, Map<String, Object>> producer = allPages(SS2, pages);
        assertThat(pages[0]).as("max-records-in-payload makes the owner page").isGreaterThan(2);

        Set<String> all = EXPECTED.stream().map(Expected::messageId).collect(Collectors.toSet());
        Set<String> reaching = EXPECTED.stream().filter(Expected::reachesProvider).map(Expected::messageId)
                .collect(Collectors.toSet());
        assertThat(client.keySet()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(producer.keySet()).containsExactlyInAnyOrderElementsOf(reaching);

        for (Expected e : EXPECTED) {
            Map<String, Object> c = client.get(e.messageId());
            check(c, e, "Client");
            if (e.reachesProvider()) {
                Map<String, Object> p = producer.get(e.messageId());
                check(p, e, "Producer");
                assertThat(p.get("xRequestId")).as("xRequestId of " + e.messageId()).isNotNull()
                        .isEqualTo(c.get("xRequestId"));
                assertThat(p).containsEntry("serviceXRoadInstance", "E2E").containsEntry("serviceMemberClass", "COM")
                        .containsEntry("serviceMemberCode", "2002").containsEntry("serviceSubsystemCode", "api")
                        .containsKeys("clientSecurityServerAddress", "serviceSecurityServerAddress");
            }
        }
        assertThat(client.get("op-soap-ok")).containsEntry("serviceCode", "echo").containsEntry("serviceVersion", "v1")
                .containsEntry("serviceType", "WSDL").containsEntry("messageProtocolVersion", "4.0")
                .containsEntry("requestAttachmentCount", 0);
        assertThat(producer.get("op-rest-ok")).containsEntry("restMethod", "GET").containsEntry("restPath", "/1")
                .containsEntry("xRoadVersion", "r1").containsEntry("statusCode", 200)
                .containsEntry("serviceType", "REST");
        assertThat(producer.get("op-rest-404")).containsEntry("statusCode", 404).containsEntry("succeeded", true);
        assertThat(client.get("op-rest-500")).containsEntry("statusCode", 500).containsEntry("succeeded", true);
        assertThat(producer.get("op-soap-fault")).containsEntry("faultString", "no such person");
        assertThat(client.get("op-unknown-member")).containsEntry("clientSubsystemCode", "stranger")
                .doesNotContainKey("requestOutTs");
        assertThat(client.get("op-other")).containsEntry("clientSubsystemCode", "other");
    }

    private static void check(Map<String, Object> r, Expected e, String side) {
        assertThat(r).as(side + " record of " + e.messageId())
                .containsEntry("securityServerType", side).containsEntry("succeeded", e.succeeded())
                .containsEntry("clientXRoadInstance", "E2E").containsEntry("clientMemberClass", "GOV")
                .containsEntry("clientMemberCode", "1001").containsKeys("securityServerInternalIp", "monitoringDataTs");
        if (e.fault().isPresent()) {
            assertThat(FaultCode.parse((String) r.get("faultCode"))).as(e.messageId()).isEqualTo(e.fault().get());
            assertThat((String) r.get("faultString")).isNotBlank();
        } else {
            assertThat(r).doesNotContainKeys("faultCode", "faultString");
        }
        if (r.containsKey("requestMimeSize")) {
            assertThat(ts(r, "requestMimeSize")).isGreaterThanOrEqualTo(ts(r, "requestSize")).isPositive();
        }
        if (e.succeeded()) {
            assertThat(ts(r, "requestMimeSize")).isPositive();
            assertThat(ts(r, "responseSize")).isPositive();
            assertThat(ts(r, "responseMimeSize")).isGreaterThanOrEqualTo(ts(r, "responseSize"));
        }
        assertThat(ts(r, "requestInTs")).isLessThanOrEqualTo(ts(r, "responseOutTs"));
        if (r.containsKey("requestOutTs") && r.containsKey("responseInTs")) {
            assertThat(ts(r, "requestInTs")).isLessThanOrEqualTo(ts(r, "requestOutTs"));
            assertThat(ts(r, "requestOutTs")).isLessThanOrEqualTo(ts(r, "responseInTs"));
            assertThat(ts(r, "responseInTs")).isLessThanOrEqualTo(ts(r, "responseOutTs"));
        }
        assertThat(ts(r, "monitoringDataTs")).isBetween(firstSecond, lastSecond);
    }

    @Test
    void aWindowReachingIntoTheFutureEndsAtTheAvailabilityOffset() {
        long now = CLOCK.instant().getEpochSecond();
        Page p = query(SS1, CONSUMER, SS1, now - 30, now + 3600, "op-q-future");
        assertThat(p.nextRecordsFrom()).hasValueSatisfying(next -> assertThat(next)
                .isBetween(now - OFFSET.toSeconds() - 5, now - OFFSET.toSeconds() + 2));
        assertThat(p.records()).allSatisfy(r -> assertThat(ts(r, "monitoringDataTs")).isLessThan(p.nextRecordsFrom()
                .get()));
    }

    @Test
    void aClientThatIsNeitherOwnerNorMonitoringClientSeesOnlyItsOwnRecords() {
        Map<String, Map<String, Object>> seen = allPages(SS1, APP, SS2, new int[1]);
        Set<String> reaching = EXPECTED.stream().filter(Expected::reachesProvider).map(Expected::messageId)
                .filter(id -> !id.equals("op-other")).collect(Collectors.toSet());
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(reaching);
        assertThat(seen.values()).allSatisfy(r -> {
            assertThat(r).containsEntry("clientSubsystemCode", "app").doesNotContainKey("securityServerInternalIp");
        });
    }

    @Test
    void theMonitoringServicesOfAnyoneButTheOwnerAreUnknownServices() {
        Answer answer = net.client(SS1).soapCall(Soap.request(APP, new ServiceId(API,
                MonitoringServices.OPERATIONAL_DATA), "op-q-subsystem", "<om:getSecurityServerOperationalData xmlns:om=\""
                + MonitoringServices.NAMESPACE + "\"/>"));
        assertThat(answer.faultCode()).contains(FaultCode.of(ErrorCode.SERVER, ErrorCode.SERVER_PROXY,
                ErrorCode.UNKNOWN_SERVICE));
    }

    @Test
    void theSystemTestsOwnRequestsAreAnsweredThroughTheProxies() {
        String operational = vector("operational-data.request");
        Page p = page(net.client(SS2).soapCall(operational.getBytes(StandardCharsets.UTF_8)));
        assertThat(p.xml()).contains("<om:nextRecordsFrom>").contains("DBOxxqv2csKysKHNwRCrU4QV0EWkqSUY");
        // From 0 with max-records-in-payload 3: the first page starts with the scenario's first exchange.
        assertThat(p.records()).extracting(r -> r.get("messageId")).contains("op-soap-ok");

        // The vector filters by the owner member: its monitoring services (asked above), not those of subsystem api.
        String healthRequest = vector("health-data.request");
        Answer filtered = net.client(SS2).soapCall(healthRequest.getBytes(StandardCharsets.UTF_8));
        assertThat(filtered.faultCode()).as(filtered.toString()).isEmpty();
        assertThat(filtered.text()).contains("<om:statisticsPeriodSeconds>600</om:statisticsPeriodSeconds>")
                .contains("<om:monitoringStartupTimestamp>")
                .contains("<id:serviceCode>getSecurityServerOperationalData</id:serviceCode>")
                .doesNotContain("<id:serviceCode>persons</id:serviceCode>");
        Answer all = net.client(SS2).soapCall(healthRequest.replaceFirst("(?s)<om:filterCriteria>.*</om:filterCriteria>",
                "").replace("DBOxxqv2csKysKHNwRCrU4QV0EWkqSUY", "op-health-all").getBytes(StandardCharsets.UTF_8));
        assertThat(all.text()).contains("<id:serviceCode>persons</id:serviceCode>")
                .contains("<id:serviceCode>echo</id:serviceCode>").contains("<om:lastSuccessfulRequestTimestamp>")
                .contains("<om:lastUnsuccessfulRequestTimestamp>");
        Vectors.report("op-monitoring requests through the proxies", 2);
    }

    /** A system-test request with its DEV identifiers replaced by this network's provider and server. */
    private static String vector(String name) {
        String text = new String(Vectors.bytes(
                "src/security-server/system-test/src/intTest/resources/files/soap-requests/" + name),
                StandardCharsets.UTF_8);
        return text.replace("<id:xRoadInstance>DEV</id:xRoadInstance>", "<id:xRoadInstance>E2E</id:xRoadInstance>")
                .replace("<id:memberCode>1234</id:memberCode>", "<id:memberCode>2002</id:memberCode>")
                .replace("<id:serverCode>SS0</id:serverCode>", "<id:serverCode>ss2</id:serverCode>");
    }
}
