package org.sild.securityserver.datatracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.XRoadIds;
import org.sild.core.rest.HttpHeader;
import org.sild.core.rest.RestRequest;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapParser;
import org.sild.runtime.json.Json;
import org.sild.securityserver.serverconf.AccessRights;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.MutableClock;
import org.sild.testing.TestDatabases;

/** findUsage's answers over a real store (H2), without the proxies: parameters, subject rules, mapping, schemas. */
class FindUsageTest {

    static final ClientId PROVIDER = UsageStoreTest.PRESCRIPTIONS;
    static final ClientId DATATRACKER = new MemberId("DEV", "GOV", "70006317").subsystem("datatracker");
    static final String ME = "EE38001010001";
    static final Instant T0 = UsageStoreTest.T0;

    private TestStore db;
    private UsageStore store;
    private final MutableClock clock = new MutableClock(T0.plusSeconds(3600));
    private FindUsage findUsage;

    @BeforeEach
    void open() {
        db = TestStore.open(TestDatabases.H2);
        store = new UsageStore(db.store());
        findUsage = new FindUsage(store, PROVIDER::equals, Set.of(DATATRACKER), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static UsageRecord record(String subject, Instant time, ClientId consumer, Optional<String> name,
            Optional<String> purpose, Optional<String> system) {
        return new UsageRecord(subject, time, consumer, name, new ServiceId(PROVIDER, "eprescription"),
                Optional.of("GET /prescriptions"), "read", purpose, Optional.empty(), system, Optional.of(subject),
                Optional.empty(), "q-" + time.toEpochMilli(), Optional.empty(), true, false, Optional.empty());
    }

    private static RestRequest get(ClientId client, String path, Optional<String> query, Optional<String> userId) {
        var headers = new ArrayList<HttpHeader>(List.of(new HttpHeader("X-Road-Client",
                XRoadIds.toPath(client))));
        userId.ifPresent(u -> headers.add(new HttpHeader("X-Road-UserId", u)));
        return RestRequest.fromClient("GET", "/r1/DEV/GOV/70000002/prescriptions/findUsage" + path, query, headers,
                "req-1", () -> "DEV-1");
    }

    private static JsonNode json(FindUsage.Answer answer) {
        assertThat(answer.contentType()).startsWith("application/json");
        return Json.read(answer.body(), JsonNode.class);
    }

    @Test
    void servesOnlyTheFindUsageCodeOfSubsystemsWithDeclarations() {
        assertThat(findUsage.serves(new ServiceId(PROVIDER, "findUsage"))).isTrue();
        assertThat(findUsage.serves(new ServiceId(PROVIDER, "findUsage", Optional.of("v1")))).isTrue();
        assertThat(findUsage.serves(new ServiceId(PROVIDER, "eprescription"))).isFalse();
        assertThat(findUsage.serves(new ServiceId(UsageStoreTest.REGISTRY, "findUsage"))).as("no declarations").isFalse();
        assertThat(AccessRights.BUILT_IN_SERVICE_CODES).as("grantable without a description")
                .contains(FindUsage.SERVICE_CODE);
    }

    @Test
    void findUsageAnswersTheSubjectsRecordsNewestFirstMappedAsTheProtocolSays() {
        ClientId clinic = UsageStoreTest.CLINIC;
        ClientId memberLevel = new MemberId("DEV", "COM", "10000001");
        store.append(List.of(
                record(ME, T0, clinic, Optional.of("Family Clinic"), Optional.of("Prescribing"), Optional.empty()),
                record(ME, T0.plusSeconds(60), memberLevel, Optional.empty(), Optional.empty(), Optional.of("POS 2")),
                record(ME, T0.plusSeconds(120), memberLevel, Optional.empty(), Optional.empty(), Optional.empty()),
                record("EE49002020002", T0, clinic, Optional.empty(), Optional.empty(), Optional.empty())));

        FindUsage.Answer answer = findUsage.answer(get(DATATRACKER, "/v2/findUsage",
                Optional.of("userCode=" + ME + "&limit=2"), Optional.of(ME)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(json(answer).toString()).isEqualTo("{\"totalUsages\":3,\"usages\":["
                + "{\"logtime\":\"2026-11-01T10:02:00Z\",\"action\":\"read\",\"receiverCode\":\"10000001\","
                + "\"receiverSystem\":\"DEV/COM/10000001\"},"
                + "{\"logtime\":\"2026-11-01T10:01:00Z\",\"action\":\"read\",\"receiverCode\":\"10000001\","
                + "\"receiverSystem\":\"POS 2\"}]}");
        DataTrackerSchemas.assertValid("FindUsageResponse", answer.body());

        JsonNode last = json(findUsage.answer(get(DATATRACKER, "/v2/findUsage",
                Optional.of("userCode=" + ME + "&offset=2"), Optional.of(ME))));
        assertThat(last.get("totalUsages").asInt()).as("unaffected by offset and limit").isEqualTo(3);
        assertThat(last.get("usages").toString()).isEqualTo("[{\"logtime\":\"2026-11-01T10:00:00Z\","
                + "\"action\":\"Prescribing\",\"receiverCode\":\"10000002\",\"receiverName\":\"Family Clinic\","
                + "\"receiverSystem\":\"clinic\"}]");

        JsonNode window = json(findUsage.answer(get(DATATRACKER, "/v2/findUsage", Optional.of("userCode=" + ME
                + "&periodStart=2026-11-01T10:00:30Z&periodEnd=2026-11-01T10:01:30Z"), Optional.of(ME))));
        assertThat(window.get("totalUsages").asInt()).isEqualTo(1);
    }

    @Test
    void subjectRulesAndBadRequestsAnswerWithJsonErrors() {
        var someone = findUsage.answer(get(UsageStoreTest.CLINIC, "/v2/findUsage", Optional.of("userCode=EE49002020002"),
                Optional.of(ME)));
        assertThat(someone.status()).isEqualTo(403);
        assertThat(json(someone).get("message").asText()).contains("userCode must be the X-Road-UserId");

        var represented = findUsage.answer(get(DATATRACKER, "/v2/findUsage", Optional.of("userCode=EE49002020002"),
                Optional.of(ME)));
        assertThat(represented.status()).as("a representation client").isEqualTo(200);

        var noUser = findUsage.answer(get(DATATRACKER, "/v2/findUsage", Optional.of("userCode=" + ME), Optional.empty()));
        assertThat(noUser.status()).isEqualTo(400);
        assertThat(json(noUser).get("message").asText()).contains("X-Road-UserId header is required");

        var bad = findUsage.answer(get(DATATRACKER, "/v2/findUsage", Optional.of("userCode=" + ME + "&limit=-1"),
                Optional.of(ME)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(json(bad).toString()).isEqualTo("{\"error\":\"Bad Request\",\"message\":\"limit must not be negative: -1\"}");

        assertThat(findUsage.answer(get(DATATRACKER, "/v2/nothing", Optional.empty(), Optional.of(ME))).status())
                .isEqualTo(404);
        var post = RestRequest.fromClient("POST", "/r1/DEV/GOV/70000002/prescriptions/findUsage/v2/findUsage",
                Optional.empty(), List.of(new HttpHeader("X-Road-Client", "DEV/GOV/70006317/datatracker")), "r", () -> "i");
        assertThat(findUsage.answer(post).status()).isEqualTo(405);
    }

    @Test
    void hiddenRecordsAppearAtTheirTime() {
        Instant until = T0.plusSeconds(7200);
        store.append(List.of(new UsageRecord(ME, T0, UsageStoreTest.CLINIC, Optional.empty(),
                new ServiceId(PROVIDER, "eprescription"), Optional.empty(), "read", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), "q", Optional.empty(), true, true,
                Optional.of(until))));
        var request = get(DATATRACKER, "/v2/findUsage", Optional.of("userCode=" + ME), Optional.of(ME));
        assertThat(json(findUsage.answer(request)).get("totalUsages").asInt()).isZero();
        clock.set(until);
        assertThat(json(findUsage.answer(request)).get("totalUsages").asInt()).isEqualTo(1);
    }

    @Test
    void usagePeriodAndHeartbeat() {
        var empty = findUsage.answer(get(DATATRACKER, "/v2/usagePeriod", Optional.empty(), Optional.empty()));
        assertThat(json(empty).toString()).as("nothing kept: from now").isEqualTo("{\"periodStart\":\"2026-11-01T11:00:00Z\"}");
        store.append(List.of(record(ME, T0, UsageStoreTest.CLINIC, Optional.empty(), Optional.empty(), Optional.empty())));
        var period = findUsage.answer(get(DATATRACKER, "/v2/usagePeriod", Optional.empty(), Optional.empty()));
        assertThat(json(period).toString()).isEqualTo("{\"periodStart\":\"2026-11-01T10:00:00Z\"}");
        DataTrackerSchemas.assertValid("UsagePeriodResponse", period.body());

        var ok = findUsage.answer(get(DATATRACKER, "/v2/heartbeat", Optional.empty(), Optional.empty()));
        assertThat(json(ok).get("status").asText()).isEqualTo("OK");
        DataTrackerSchemas.assertValid("HeartbeatResponse", ok.body());

        db.close();                                      // the store goes away
        var fail = findUsage.answer(get(DATATRACKER, "/v2/heartbeat", Optional.empty(), Optional.empty()));
        assertThat(fail.status()).isEqualTo(200);
        assertThat(json(fail).get("status").asText()).isEqualTo("FAIL");
        DataTrackerSchemas.assertValid("HeartbeatResponse", fail.body());
        db = TestStore.open(TestDatabases.H2);           // for close()
    }

    @Test
    void theValidatorRejectsWhatTheSchemaForbids() {
        assertThat(DataTrackerSchemas.errors("FindUsageResponse", ("{\"totalUsages\":1.5,\"usages\":[{\"logtime\":"
                + "\"yesterday\",\"receiverCode\":\"1\",\"receiverSystem\":2}]}").getBytes(StandardCharsets.UTF_8)))
                .containsExactlyInAnyOrder("$.totalUsages is not an integer", "$.usages[0] lacks required action",
                        "$.usages[0].logtime 'yesterday' is not an RFC 3339 date-time",
                        "$.usages[0].receiverSystem is not a string");
        assertThat(DataTrackerSchemas.errors("HeartbeatResponse", "{\"status\":\"MAYBE\"}".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("$.status 'MAYBE' is not one of [OK, FAIL]");
        assertThat(DataTrackerSchemas.errors("UsagePeriodResponse", "{}".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("$ lacks required periodStart");
    }

    private static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";

    static byte[] soapRequest(String userId, String body) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + SOAP_ENV + "\""
                + " xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\" xmlns:id=\"http://x-road.eu/xsd/identifiers\""
                + " xmlns=\"urn:a-default-namespace\"><SOAP-ENV:Header>"
                + "<xrd:client id:objectType=\"SUBSYSTEM\"><id:xRoadInstance>DEV</id:xRoadInstance><id:memberClass>GOV"
                + "</id:memberClass><id:memberCode>70006317</id:memberCode><id:subsystemCode>datatracker"
                + "</id:subsystemCode></xrd:client>"
                + "<xrd:service id:objectType=\"SERVICE\"><id:xRoadInstance>DEV</id:xRoadInstance><id:memberClass>GOV"
                + "</id:memberClass><id:memberCode>70000002</id:memberCode><id:subsystemCode>prescriptions"
                + "</id:subsystemCode><id:serviceCode>findUsage</id:serviceCode><id:serviceVersion>v1"
                + "</id:serviceVersion></xrd:service>"
                + userId + "<xrd:id>soap-1</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion></SOAP-ENV:Header>"
                + "<SOAP-ENV:Body>" + body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static SoapMessage soap(byte[] envelope) {
        return new SoapParser(SoapLimits.withMaxSoapBytes(1 << 20)).parseRequest(new ByteArrayInputStream(envelope),
                "text/xml; charset=UTF-8");
    }

    @Test
    void soapFindUsageAnswersUnqualifiedUsagesThatValidateAgainstTheWsdl() throws Exception {
        store.append(List.of(
                record(ME, T0, UsageStoreTest.CLINIC, Optional.of("Family Clinic"), Optional.of("Prescribing"),
                        Optional.empty()),
                record(ME, T0.plusSeconds(60), UsageStoreTest.CLINIC, Optional.empty(), Optional.empty(),
                        Optional.of("Clinic IS"))));
        byte[] answer = findUsage.answer(soap(soapRequest("<xrd:userId>" + ME + "</xrd:userId>",
                "<dum:findUsage xmlns:dum=\"" + FindUsageSoap.NAMESPACE + "\"><offset>0</offset><limit>+10</limit>"
                        + "</dum:findUsage>")));
        String xml = new String(answer, StandardCharsets.UTF_8);
        assertThat(xml).contains("<xrd:id>soap-1</xrd:id>").contains("<dum:findUsageResponse ")
                .contains("xmlns=\"\"").contains("xmlns:dum=\"" + FindUsageSoap.NAMESPACE + "\"")
                .contains("<usage><logtime>2026-11-01T10:01:00Z</logtime><action>read</action>"
                + "<receiver>10000002, Clinic IS</receiver></usage><usage><logtime>2026-11-01T10:00:00Z</logtime>"
                + "<action>Prescribing</action><receiver>Family Clinic (10000002), clinic</receiver></usage>"
                + "</dum:findUsageResponse>");
        DataTrackerSchemas.assertSoapBodyValid(answer);
        // The parser of the server proxy accepts it as the response it signs.
        assertThat(soap(answer).header().userId()).contains(ME);

        byte[] none = findUsage.answer(soap(soapRequest("<xrd:userId>EE49002020002</xrd:userId>",
                "<dum:findUsage xmlns:dum=\"" + FindUsageSoap.NAMESPACE + "\"/>")));
        DataTrackerSchemas.assertSoapBodyValid(none);
        assertThat(new String(none, StandardCharsets.UTF_8)).doesNotContain("<usage>");
    }

    @Test
    void soapWithoutUserIdOrWithABadLimitIsAnInvalidRequest() {
        String call = "<dum:findUsage xmlns:dum=\"" + FindUsageSoap.NAMESPACE + "\"><limit>-3</limit></dum:findUsage>";
        assertThatThrownBy(() -> findUsage.answer(soap(soapRequest("", call))))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code().toString())
                        .isEqualTo("InvalidRequest")).hasMessageContaining("userId header");
        assertThatThrownBy(() -> findUsage.answer(soap(soapRequest("<xrd:userId>" + ME + "</xrd:userId>", call))))
                .hasMessageContaining("limit must not be negative: -3");
    }
}
