package org.sild.securityserver.opmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.core.soap.Attachment;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapPackage;
import org.sild.core.soap.SoapParser;
import org.sild.runtime.json.Json;
import org.sild.securityserver.proxy.ProviderIs;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.proxy.Soap;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

/** Operational monitoring through real proxies: records on both sides and the two monitoring services. */
class OpMonitorProxyTest {

    private static final OpMonitorSettings SETTINGS = OpMonitorSettings.builder().bufferSize(1000)
            .recordsAvailableOffset(Duration.ZERO).build();
    private static final ServiceId OPERATIONAL_DATA = new ServiceId(ProxyHarness.PRODUCER,
            MonitoringServices.OPERATIONAL_DATA);
    private static final ServiceId HEALTH_DATA = new ServiceId(ProxyHarness.PRODUCER, MonitoringServices.HEALTH_DATA);

    private static TestStore consumerDb;
    private static TestStore providerDb;
    private static OpMonitor consumer;
    private static OpMonitor provider;
    private static ProxyHarness harness;

    @BeforeAll
    static void start() {
        consumerDb = TestStore.open(TestDatabases.H2);
        providerDb = TestStore.open(TestDatabases.H2);
        consumer = OpMonitor.open(consumerDb.store(), SETTINGS, Clock.systemUTC());
        provider = OpMonitor.open(providerDb.store(), SETTINGS, Clock.systemUTC());
        harness = ProxyHarness.builder().opMonitors(consumer, provider).build();
    }

    @AfterAll
    static void stop() {
        harness.close();
        consumer.close();
        provider.close();
        consumerDb.close();
        providerDb.close();
    }

    @BeforeEach
    void provider() {
        harness.providerIs(new ProviderIs().soapEcho());
    }

    /** The record of {@code messageId}; proxies submit it just after the answer went out, so it may come a moment later. */
    private static Map<String, Object> only(OpMonitor monitor, String messageId) {
        List<Map<String, Object>> rows = List.of();
        for (int i = 0; i < 200 && rows.isEmpty(); i++) {
            assertThat(monitor.flush(Duration.ofSeconds(10))).isTrue();
            rows = monitor.store().select(0, Long.MAX_VALUE, new OpStore.Filter(Optional.empty(), Optional.empty()),
                    10_000).stream().filter(r -> messageId.equals(r.get("messageId"))).toList();
            pause(25);
        }
        assertThat(rows).as("records of " + messageId).hasSize(1);
        return rows.get(0);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long ts(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).longValue();
    }

    @Test
    void aSuccessfulSoapExchangeIsRecordedOnBothSidesWithTheSameRequestId() {
        var answer = harness.soap(Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "op-soap-1"),
                Soap.TEXT_XML);
        assertThat(answer.faultCode()).isEmpty();

        Map<String, Object> client = only(consumer, "op-soap-1");
        Map<String, Object> producer = only(provider, "op-soap-1");
        assertThat(client).containsEntry("securityServerType", "Client");
        assertThat(producer).containsEntry("securityServerType", "Producer");
        for (Map<String, Object> r : List.of(client, producer)) {
            assertThat(r).containsEntry("succeeded", true).containsEntry("clientXRoadInstance", "EE")
                    .containsEntry("clientMemberClass", "BUSINESS").containsEntry("clientMemberCode", "consumer")
                    .containsEntry("serviceMemberCode", "producer").containsEntry("serviceCode", "getState")
                    .containsEntry("messageUserId", "EE12345678901").containsEntry("messageProtocolVersion", "4.0")
                    .containsEntry("serviceType", "WSDL").containsEntry("requestAttachmentCount", 0)
                    .containsKeys("clientSecurityServerAddress", "serviceSecurityServerAddress")
                    .doesNotContainKeys("faultCode", "clientSubsystemCode", "restMethod");
            assertThat(ts(r, "requestSize")).isPositive();
            assertThat(ts(r, "responseSize")).isPositive();
            assertThat(ts(r, "requestInTs")).isLessThanOrEqualTo(ts(r, "requestOutTs"));
            assertThat(ts(r, "requestOutTs")).isLessThanOrEqualTo(ts(r, "responseInTs"));
            assertThat(ts(r, "responseInTs")).isLessThanOrEqualTo(ts(r, "responseOutTs"));
            assertThat(r.get("monitoringDataTs")).isInstanceOf(Number.class);
        }
        assertThat(client.get("xRequestId")).isNotNull().isEqualTo(producer.get("xRequestId"));
    }

    @Test
    void aFailedExchangeIsRecordedOnBothSidesWithTheFault() {
        var answer = harness.soap(Soap.request(ProxyHarness.CONSUMER, new ServiceId(ProxyHarness.PRODUCER, "nothing"),
                "op-fail-1"), Soap.TEXT_XML);
        assertThat(answer.faultCode()).contains("Server.ServerProxy.UnknownService");

        for (OpMonitor side : List.of(consumer, provider)) {
            Map<String, Object> r = only(side, "op-fail-1");
            assertThat(r).containsEntry("succeeded", false)
                    .containsEntry("faultCode", "Server.ServerProxy.UnknownService").containsKey("faultString")
                    .containsEntry("serviceCode", "nothing");
        }
    }

    @Test
    void aRestExchangeRecordsMethodPathAndStatus() {
        harness.providerIs(new ProviderIs().answer(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
        var answer = ProxyHarness.send(harness.client()
                .newRequest(harness.clientUri("/r1/EE/BUSINESS/producer/subsys2/persons/7")).method("GET")
                .headers(h -> h.put("X-Road-Client", "EE/BUSINESS/consumer/subsys1").put("X-Road-Id", "op-rest-1")));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);

        Map<String, Object> client = only(consumer, "op-rest-1");
        Map<String, Object> producer = only(provider, "op-rest-1");
        for (Map<String, Object> r : List.of(client, producer)) {
            assertThat(r).containsEntry("succeeded", true).containsEntry("restMethod", "GET")
                    .containsEntry("restPath", "/7").containsEntry("xRoadVersion", "r1")
                    .containsEntry("statusCode", 200).containsEntry("clientSubsystemCode", "subsys1")
                    .containsEntry("serviceSubsystemCode", "subsys2").containsEntry("serviceCode", "persons");
        }
        assertThat(client).containsEntry("serviceType", "REST");
        assertThat(client.get("xRequestId")).isEqualTo(producer.get("xRequestId"));
    }

    @Test
    void metaservicesAreRecordedOnBothSidesAsAnsweredByTheProvidersServer() {
        var soap = harness.soap(Soap.envelope(ProxyHarness.CONSUMER, new ServiceId(ProxyHarness.PRODUCER, "listMethods"),
                "op-meta-soap", Optional.empty(), "<xroad:listMethods/>"), Soap.TEXT_XML);
        assertThat(soap.faultCode()).as(soap.text()).isEmpty();
        var rest = ProxyHarness.send(harness.client()
                .newRequest(harness.clientUri("/r1/EE/BUSINESS/producer/subsys2/listMethods")).method("GET")
                .headers(h -> h.put("X-Road-Client", "EE/BUSINESS/consumer/subsys1").put("X-Road-Id", "op-meta-rest")));
        assertThat(rest.status()).as(rest.text()).isEqualTo(200);

        for (var id : List.of("op-meta-soap", "op-meta-rest")) {
            Map<String, Object> client = only(consumer, id);
            Map<String, Object> producer = only(provider, id);
            assertThat(client).containsEntry("succeeded", true).containsEntry("serviceCode", "listMethods");
            assertThat(producer).containsEntry("succeeded", true).containsEntry("serviceCode", "listMethods")
                    .containsEntry("serviceType", id.endsWith("soap") ? "WSDL" : "REST");
            assertThat(ts(producer, "requestOutTs")).isEqualTo(ts(producer, "requestInTs"));
            assertThat(ts(producer, "responseInTs")).isEqualTo(ts(producer, "responseOutTs"));
            assertThat(ts(producer, "responseSize")).isPositive();
        }
    }

    @Test
    void operationalDataAnswersAMemberWithItsOwnRecordsAsGzippedJson() throws Exception {
        harness.soap(Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "op-before-query"), Soap.TEXT_XML);
        only(provider, "op-before-query");
        Thread.sleep(1100);   // records of the current second are not yet available (offset 0)
        long now = System.currentTimeMillis() / 1000;

        var answer = harness.soap(Soap.envelope(ProxyHarness.CONSUMER, OPERATIONAL_DATA, "op-query-1", Optional.empty(),
                operationalDataBody(0, now + 3600)), Soap.TEXT_XML);
        assertThat(answer.faultCode()).as(answer.text()).isEmpty();
        SoapPackage reply = new SoapParser(SoapLimits.withMaxSoapBytes(10_000_000)).read(new ByteArrayInputStream(answer.body()),
                answer.contentType());
        String xml = new String(reply.message().orElseThrow().bytes(), StandardCharsets.UTF_8);
        Attachment records = reply.nextAttachment().orElseThrow();
        assertThat(records.headers().first("Content-ID")).contains("<operational-monitoring-data.json.gz>");
        @SuppressWarnings("unchecked")
        var rows = (List<Map<String, Object>>) json(records.body()).get("records");

        assertThat(xml).contains("<om:recordsCount>" + rows.size() + "</om:recordsCount>")
                .contains("cid:operational-monitoring-data.json.gz").contains("<om:nextRecordsFrom>")
                .contains("requestHash");
        assertThat(rows).extracting(r -> r.get("messageId")).contains("op-before-query");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r).doesNotContainKey("securityServerInternalIp");
            assertThat(r.get("clientMemberCode").equals("consumer") && !r.containsKey("clientSubsystemCode")
                    || r.get("serviceMemberCode").equals("consumer")).isTrue();
        });
        assertThat(rows).noneMatch(r -> "subsys1".equals(r.get("clientSubsystemCode")));
    }

    @Test
    void invalidSearchCriteriaAreClientInvalidRequest() {
        var answer = harness.soap(Soap.envelope(ProxyHarness.CONSUMER, OPERATIONAL_DATA, "op-query-bad",
                Optional.empty(), operationalDataBody(100, 50)), Soap.TEXT_XML);
        assertThat(answer.faultCode()).contains("Client.InvalidRequest");
    }

    @Test
    void monitoringServicesOfAnotherClientThanTheOwnerAreUnknown() {
        ClientId notOwner = ProxyHarness.PRODUCER_SUB;
        var answer = harness.soap(Soap.envelope(ProxyHarness.CONSUMER,
                new ServiceId(notOwner, MonitoringServices.OPERATIONAL_DATA), "op-query-other", Optional.empty(),
                operationalDataBody(0, 10)), Soap.TEXT_XML);
        assertThat(answer.faultCode()).contains("Server.ServerProxy.UnknownService");
    }

    @Test
    void healthDataCountsTheProvidersServices() {
        harness.soap(Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "op-health-1"), Soap.TEXT_XML);
        var answer = harness.soap(Soap.envelope(ProxyHarness.CONSUMER, HEALTH_DATA, "op-health-q", Optional.empty(),
                "<om:getSecurityServerHealthData xmlns:om=\"" + MonitoringServices.NAMESPACE + "\"/>"), Soap.TEXT_XML);
        assertThat(answer.faultCode()).as(answer.text()).isEmpty();
        assertThat(answer.text()).contains("<om:statisticsPeriodSeconds>600</om:statisticsPeriodSeconds>")
                .contains("<id:serviceCode>getState</id:serviceCode>").contains("<om:serviceType>WSDL</om:serviceType>")
                .contains("<om:lastSuccessfulRequestTimestamp>").containsPattern(
                        "<om:successfulRequestCount>[1-9][0-9]*</om:successfulRequestCount>")
                .contains("<om:requestAverageDuration>");
    }

    static String operationalDataBody(long from, long to) {
        return "<om:getSecurityServerOperationalData xmlns:om=\"" + MonitoringServices.NAMESPACE + "\">"
                + "<om:searchCriteria><om:recordsFrom>" + from + "</om:recordsFrom><om:recordsTo>" + to
                + "</om:recordsTo></om:searchCriteria></om:getSecurityServerOperationalData>";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(InputStream gzipped) {
        try (var in = new GZIPInputStream(gzipped)) {
            return Json.read(in.readAllBytes(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
