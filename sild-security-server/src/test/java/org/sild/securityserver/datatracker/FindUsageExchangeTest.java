package org.sild.securityserver.datatracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.runtime.json.Json;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.proxy.Soap;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.MutableClock;
import org.sild.testing.TestDatabases;

/**
 * findUsage through real client and server proxies (TLS, signatures, message log): records appended
 * to the store are answered to granted clients only, for the subject only (or to a representation
 * client), hidden ones at their time; REST and SOAP.
 */
class FindUsageExchangeTest {

    private static final String SUBJECT = "EE12345678901";             // the userId of Soap.envelope
    private static final String OTHER = "EE49002020002";
    private static final String FIND_USAGE = "/r1/EE/BUSINESS/producer/subsys2/findUsage/v2/findUsage";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static TestStore db;
    private static UsageStore store;
    private static MutableClock trackerClock;
    private static ProxyHarness harness;

    @BeforeAll
    static void start() {
        db = TestStore.open(TestDatabases.H2);
        store = new UsageStore(db.store());
        trackerClock = new MutableClock(NOW);
        // The provider's subsystem and member both have declarations; the consumer member represents people.
        var findUsage = new FindUsage(store, Set.of(ProxyHarness.PRODUCER_SUB, ProxyHarness.PRODUCER)::contains,
                Set.of(ProxyHarness.CONSUMER), trackerClock);
        harness = ProxyHarness.builder().findUsage(findUsage).build();
        grantBoth();
        store.append(List.of(
                use(SUBJECT, NOW.minusSeconds(120), Optional.of("Prescribing"), false, Optional.empty()),
                use(SUBJECT, NOW.minusSeconds(60), Optional.of("Dispensing"), false, Optional.empty()),
                use(SUBJECT, NOW.minusSeconds(30), Optional.of("Investigation"), true, Optional.of(NOW.plusSeconds(3600))),
                use(OTHER, NOW.minusSeconds(90), Optional.of("Prescribing"), false, Optional.empty())));
    }

    private static void grantBoth() {
        harness.providerConf.grant(ProxyHarness.PRODUCER_SUB, AccessRight.wholeService(ProxyHarness.CONSUMER_SUB,
                FindUsage.SERVICE_CODE));
        harness.providerConf.grant(ProxyHarness.PRODUCER_SUB, AccessRight.wholeService(ProxyHarness.CONSUMER,
                FindUsage.SERVICE_CODE));
    }

    @AfterAll
    static void stop() {
        harness.close();
        db.close();
    }

    @BeforeEach
    void clear() {
        harness.consumerLog.clear();
        harness.providerLog.clear();
        trackerClock.set(NOW);
    }

    private static UsageRecord use(String subject, Instant time, Optional<String> purpose, boolean hidden,
            Optional<Instant> until) {
        ClientId consumer = ProxyHarness.CONSUMER_SUB;
        return new UsageRecord(subject, time, consumer, Optional.of("Consumer"),
                new ServiceId(ProxyHarness.PRODUCER_SUB, "persons"), Optional.of("GET /persons/{id}"), "read", purpose,
                Optional.empty(), Optional.empty(), Optional.of(subject), Optional.empty(), "q-" + time, Optional.empty(),
                true, hidden, until);
    }

    private static Request rest(String pathAndQuery, String client, String userId) {
        return harness.client().newRequest(harness.clientUri(pathAndQuery)).method("GET")
                .headers(h -> h.put("X-Road-Client", client).put("X-Road-UserId", userId));
    }

    private static JsonNode usages(ProxyHarness.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        DataTrackerSchemas.assertValid("FindUsageResponse", answer.body());
        return Json.read(answer.body(), JsonNode.class);
    }

    @Test
    void aGrantedClientGetsExactlyTheSubjectsRecordsSignedAndLogged() {
        int isHits = harness.providerIsHits();
        ProxyHarness.Answer answer = ProxyHarness.send(rest(FIND_USAGE + "?userCode=" + SUBJECT,
                "EE/BUSINESS/consumer/subsys1", SUBJECT));
        JsonNode json = usages(answer);
        assertThat(json.get("totalUsages").asInt()).isEqualTo(2);
        assertThat(json.get("usages").findValuesAsText("action")).containsExactly("Dispensing", "Prescribing");
        assertThat(json.get("usages").get(0).toString()).isEqualTo("{\"logtime\":\"" + NOW.minusSeconds(60)
                + "\",\"action\":\"Dispensing\",\"receiverCode\":\"consumer\",\"receiverName\":\"Consumer\","
                + "\"receiverSystem\":\"subsys1\"}");
        assertThat(answer.headers().get("x-road-request-hash")).isNotBlank();
        assertThat(harness.providerIsHits()).as("answered by the provider's security server").isEqualTo(isHits);
        assertThat(harness.providerLog.records()).hasSize(2);
        assertThat(harness.consumerLog.records()).hasSize(2);

        ProxyHarness.Answer period = ProxyHarness.send(rest("/r1/EE/BUSINESS/producer/subsys2/findUsage/v2/usagePeriod",
                "EE/BUSINESS/consumer/subsys1", SUBJECT));
        assertThat(period.status()).isEqualTo(200);
        DataTrackerSchemas.assertValid("UsagePeriodResponse", period.body());
        ProxyHarness.Answer heartbeat = ProxyHarness.send(rest("/r1/EE/BUSINESS/producer/subsys2/findUsage/v2/heartbeat",
                "EE/BUSINESS/consumer/subsys1", SUBJECT));
        assertThat(heartbeat.text()).contains("\"status\":\"OK\"");
        DataTrackerSchemas.assertValid("HeartbeatResponse", heartbeat.body());
    }

    @Test
    void aClientWithoutTheGrantGetsTheAccessFault() {
        harness.providerConf.revokeAll().grant(ProxyHarness.PRODUCER_SUB, AccessRight.wholeService(
                ProxyHarness.CONSUMER, FindUsage.SERVICE_CODE));
        try {
            ProxyHarness.Answer denied = ProxyHarness.send(rest(FIND_USAGE + "?userCode=" + SUBJECT,
                    "EE/BUSINESS/consumer/subsys1", SUBJECT));
            assertThat(denied.status()).isEqualTo(500);
            assertThat(denied.headers().get("X-Road-Error")).isEqualTo("Server.ServerProxy.AccessDenied");
            assertThat(harness.providerLog.records()).as("refused before anything is logged").isEmpty();
        } finally {
            harness.providerConf.revokeAll();
            grantBoth();
        }
    }

    @Test
    void anotherPersonsRecordsAreRefusedUnlessTheClientRepresents() {
        ProxyHarness.Answer refused = ProxyHarness.send(rest(FIND_USAGE + "?userCode=" + OTHER,
                "EE/BUSINESS/consumer/subsys1", SUBJECT));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("userCode must be the X-Road-UserId");

        JsonNode represented = usages(ProxyHarness.send(rest(FIND_USAGE + "?userCode=" + OTHER, "EE/BUSINESS/consumer",
                SUBJECT)));
        assertThat(represented.get("totalUsages").asInt()).isEqualTo(1);

        ProxyHarness.Answer noUser = ProxyHarness.send(harness.client().newRequest(harness.clientUri(FIND_USAGE
                + "?userCode=" + SUBJECT)).method("GET").headers(h -> h.put("X-Road-Client", "EE/BUSINESS/consumer/subsys1")));
        assertThat(noUser.status()).isEqualTo(400);
        assertThat(noUser.text()).contains("X-Road-UserId");
    }

    @Test
    void aHiddenRecordAppearsAtItsTime() {
        String query = FIND_USAGE + "?userCode=" + SUBJECT;
        assertThat(usages(ProxyHarness.send(rest(query, "EE/BUSINESS/consumer/subsys1", SUBJECT))).get("totalUsages")
                .asInt()).isEqualTo(2);
        trackerClock.advance(Duration.ofHours(1));
        JsonNode later = usages(ProxyHarness.send(rest(query, "EE/BUSINESS/consumer/subsys1", SUBJECT)));
        assertThat(later.get("totalUsages").asInt()).isEqualTo(3);
        assertThat(later.get("usages").get(0).get("action").asText()).isEqualTo("Investigation");
    }

    @Test
    void findUsageIsListedForSubsystemsWithDeclarationsAndAllowedToGrantedClients() {
        String listed = ProxyHarness.send(rest("/r1/EE/BUSINESS/producer/subsys2/listMethods",
                "EE/BUSINESS/consumer/subsys1", SUBJECT)).text();
        assertThat(listed).contains("\"service_code\":\"findUsage\",\"service_type\":\"REST\",\"endpoint_list\":["
                + "{\"method\":\"GET\",\"path\":\"/v2/findUsage\"},{\"method\":\"GET\",\"path\":\"/v2/usagePeriod\"},"
                + "{\"method\":\"GET\",\"path\":\"/v2/heartbeat\"}]");
        assertThat(ProxyHarness.send(rest("/r1/EE/BUSINESS/producer/subsys2/allowedMethods",
                "EE/BUSINESS/consumer/subsys1", SUBJECT)).text()).contains("\"service_code\":\"findUsage\"");

        ServiceId list = new ServiceId(ProxyHarness.PRODUCER, "listMethods");
        ProxyHarness.Answer soapList = harness.soap(Soap.envelope(ProxyHarness.CONSUMER_SUB, list, "fu-l",
                Optional.empty(), "<xroad:listMethods/>"), Soap.TEXT_XML);
        assertThat(soapList.text()).contains("<id:serviceCode>findUsage</id:serviceCode>"
                + "<id:serviceVersion>v1</id:serviceVersion>");
        ServiceId allowed = new ServiceId(ProxyHarness.PRODUCER, "allowedMethods");
        ProxyHarness.Answer soapAllowed = harness.soap(Soap.envelope(ProxyHarness.CONSUMER_SUB, allowed, "fu-a",
                Optional.empty(), "<xroad:allowedMethods/>"), Soap.TEXT_XML);
        assertThat(soapAllowed.faultCode()).as(soapAllowed.text()).isEmpty();
        assertThat(soapAllowed.text()).as("not granted on the member").doesNotContain("findUsage</id:serviceCode>");
    }

    @Test
    void soapFindUsageForTheUserIdValidatesAgainstTheWsdl() throws Exception {
        ServiceId service = new ServiceId(ProxyHarness.PRODUCER_SUB, FindUsage.SERVICE_CODE, FindUsage.SOAP_VERSION);
        ProxyHarness.Answer answer = harness.soap(Soap.envelope(ProxyHarness.CONSUMER_SUB, service, "fu-1",
                Optional.empty(), "<dum:findUsage xmlns:dum=\"http://dumonitor.x-road.eu/producer\"><limit>1</limit>"
                        + "</dum:findUsage>"), Soap.TEXT_XML);
        assertThat(answer.faultCode()).as(answer.text()).isEmpty();
        assertThat(answer.text()).contains("requestHash").contains("<action>Dispensing</action>")
                .doesNotContain("Prescribing");
        DataTrackerSchemas.assertSoapBodyValid(answer.body());
        assertThat(harness.providerLog.records()).hasSize(2);

        ServiceId ungranted = new ServiceId(ProxyHarness.PRODUCER, FindUsage.SERVICE_CODE, FindUsage.SOAP_VERSION);
        ProxyHarness.Answer denied = harness.soap(Soap.envelope(ProxyHarness.CONSUMER_SUB, ungranted, "fu-2",
                Optional.empty(), "<dum:findUsage xmlns:dum=\"http://dumonitor.x-road.eu/producer\"/>"), Soap.TEXT_XML);
        assertThat(denied.faultCode()).contains("Server.ServerProxy.AccessDenied");
    }
}
