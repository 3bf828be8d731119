package org.sild.securityserver.opmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapParser;
import org.sild.runtime.json.Json;
import org.sild.securityserver.proxy.Soap;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

/** Who sees what: the owner naming this server, the monitoring client, and everyone else. */
class MonitoringServicesTest {

    static final MemberId OWNER = new MemberId("EE", "GOV", "owner");
    static final SecurityServerId SELF = new SecurityServerId(OWNER, "ss1");
    static final MemberId A = new MemberId("EE", "GOV", "a");
    static final MemberId B = new MemberId("EE", "GOV", "b");
    static final ClientId MONITOR = new MemberId("EE", "GOV", "ria").subsystem("monitoring");
    static final String SS_HEADER = "<xroad:securityServer id:objectType=\"SERVER\"><id:xRoadInstance>EE</id:xRoadInstance>"
            + "<id:memberClass>GOV</id:memberClass><id:memberCode>owner</id:memberCode>"
            + "<id:serverCode>ss1</id:serverCode></xroad:securityServer>";

    private TestStore db;
    private OpMonitor monitor;
    private MonitoringServices services;

    @BeforeEach
    void start() {
        db = TestStore.open(TestDatabases.H2);
        monitor = OpMonitor.open(db.store(), OpMonitorSettings.defaults(), Clock.systemUTC());
        services = new MonitoringServices(monitor);
        long past = System.currentTimeMillis() / 1000 - 600;
        monitor.store().insert(List.of(record(A, B, "a-b"), record(B, B, "b-b")), past);
    }

    @AfterEach
    void stop() {
        monitor.close();
        db.close();
    }

    private static OpRecord record(ClientId client, ClientId provider, String id) {
        return OpRecord.start(OpRecord.Side.PRODUCER, 1).client(client).service(new ServiceId(provider, "svc"))
                .message(id, Optional.empty(), Optional.empty(), Optional.of("4.0"))
                .finish(2, Optional.empty(), Optional.empty());
    }

    private List<Map<String, Object>> ask(ClientId caller, Optional<String> header, Optional<ClientId> monitoring) {
        byte[] xml = Soap.envelope(caller, new ServiceId(OWNER, MonitoringServices.OPERATIONAL_DATA), "q", header,
                OpMonitorProxyTest.operationalDataBody(0, System.currentTimeMillis() / 1000 + 10));
        SoapMessage request = new SoapParser(SoapLimits.withMaxSoapBytes(1_000_000))
                .parseRequest(new ByteArrayInputStream(xml), "text/xml; charset=UTF-8");
        MonitoringServices.Answer answer = services.answer(request, SELF, monitoring);
        assertThat(new String(answer.envelope(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("getSecurityServerOperationalDataResponse").contains("<xroad:id>q</xroad:id>");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(answer.records().orElseThrow()))) {
            @SuppressWarnings("unchecked")
            var rows = (List<Map<String, Object>>) Json.read(in.readAllBytes(), Map.class).get("records");
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("messageId")).toList();
    }

    @Test
    void theOwnerNamingThisServerSeesEverythingWithTheInternalAddress() {
        var rows = ask(OWNER, Optional.of(SS_HEADER), Optional.empty());
        assertThat(ids(rows)).containsExactly("a-b", "b-b");
        assertThat(rows).allSatisfy(r -> assertThat(r).containsKey("securityServerInternalIp"));
    }

    @Test
    void theOwnerWithoutTheSecurityServerHeaderIsAnOrdinaryClient() {
        assertThat(ask(OWNER, Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void theMonitoringClientOfGlobalConfigurationSeesEverything() {
        assertThat(ids(ask(MONITOR, Optional.empty(), Optional.of(MONITOR)))).containsExactly("a-b", "b-b");
        assertThat(ask(MONITOR, Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void anyOtherClientSeesOnlyRecordsItTookPartIn() {
        assertThat(ids(ask(A, Optional.empty(), Optional.of(MONITOR)))).containsExactly("a-b");
        assertThat(ids(ask(B, Optional.of(SS_HEADER), Optional.empty()))).containsExactly("a-b", "b-b");
    }

    @Test
    void onlyTheOwnersServicesAreClaimed() {
        assertThat(MonitoringServices.claims(new ServiceId(OWNER, MonitoringServices.HEALTH_DATA), SELF)).isTrue();
        assertThat(MonitoringServices.claims(new ServiceId(A, MonitoringServices.HEALTH_DATA), SELF)).isFalse();
        assertThat(MonitoringServices.claims(new ServiceId(OWNER.subsystem("x"), MonitoringServices.OPERATIONAL_DATA),
                SELF)).isFalse();
        assertThat(MonitoringServices.claims(new ServiceId(OWNER, "listMethods"), SELF)).isFalse();
    }
}
