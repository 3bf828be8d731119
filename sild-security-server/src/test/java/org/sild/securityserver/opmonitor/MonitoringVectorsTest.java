package org.sild.securityserver.opmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
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
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;
import org.sild.testing.Vectors;

/**
 * X-Road's own monitoring requests (README-vectors F: the op-monitor daemon's and the system tests'
 * {@code getSecurityServerOperationalData} / {@code getSecurityServerHealthData}) answered in the
 * reference's shape by the server they name.
 */
class MonitoringVectorsTest {

    private static final String DAEMON = "src/service/op-monitor/op-monitor-core/src/test/resources/";
    private static final String SYSTEM = "src/security-server/system-test/src/intTest/resources/files/soap-requests/";
    private static final MemberId CI_OWNER = new MemberId("XTEE-CI-XM", "GOV", "00000001");
    private static final ClientId CI_SYSTEM1 = CI_OWNER.subsystem("System1");
    private static final MemberId DEV_OWNER = new MemberId("DEV", "COM", "1234");
    private static final ClientId STRANGER = new MemberId("XTEE-CI-XM", "GOV", "00000002").subsystem("x");
    private static int exercised;

    private TestStore db;
    private OpMonitor monitor;
    private MonitoringServices services;

    @BeforeEach
    void start() {
        db = TestStore.open(TestDatabases.H2);
        monitor = OpMonitor.open(db.store(), OpMonitorSettings.defaults(), Clock.systemUTC());
        services = new MonitoringServices(monitor);
    }

    @AfterEach
    void stop() {
        monitor.close();
        db.close();
    }

    @AfterAll
    static void report() {
        Vectors.report("op-monitoring requests", exercised);
    }

    private static OpRecord record(ClientId client, ClientId provider, String id) {
        return OpRecord.start(OpRecord.Side.PRODUCER, System.currentTimeMillis() - 50).client(client)
                .service(new ServiceId(provider, "svc")).message(id, Optional.empty(), Optional.empty(), Optional.of("4.0"))
                .requestSizes(10, 10, 0).responseSizes(20, 20, 0)
                .finish(System.currentTimeMillis(), Optional.empty(), Optional.empty());
    }

    private static SoapMessage vector(String path) {
        exercised++;
        return new SoapParser(SoapLimits.withMaxSoapBytes(1_000_000))
                .parseRequest(new ByteArrayInputStream(Vectors.bytes(path)), "text/xml; charset=UTF-8");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(MonitoringServices.Answer answer) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(answer.records().orElseThrow()))) {
            return (List<Map<String, Object>>) Json.read(in.readAllBytes(), Map.class).get("records");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDaemonsOperationalDataRequestFromASubsystemOfTheOwnerGetsItsOwnRecordsOfTheWindow() {
        long inWindow = 1477468200;
        monitor.store().insert(List.of(record(CI_SYSTEM1, STRANGER, "mine"), record(STRANGER, STRANGER, "theirs")),
                inWindow);
        monitor.store().insert(List.of(record(CI_SYSTEM1, STRANGER, "later")), 1477468206);

        var answer = services.answer(vector(DAEMON + "operationaldata.request"), new SecurityServerId(CI_OWNER,
                "00000001_1"), Optional.empty());

        String envelope = new String(answer.envelope(), StandardCharsets.UTF_8);
        assertThat(envelope).contains("<om:recordsCount>1</om:recordsCount>")
                .contains("<om:records>cid:" + MonitoringServices.RECORDS_CID + "</om:records>")
                .doesNotContain("nextRecordsFrom").contains("DBOxxqv2csKysKHNwRCrU4QV0EWkqSUY");
        assertThat(records(answer)).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("messageId", "mine").containsEntry("monitoringDataTs", (int) inWindow)
                .containsEntry("clientSubsystemCode", "System1").doesNotContainKey("securityServerInternalIp"));
    }

    @Test
    void theSystemTestsOperationalDataRequestFromTheOwnerSeesEverythingUpToTheAvailabilityOffset() {
        long past = System.currentTimeMillis() / 1000 - 3600;
        monitor.store().insert(List.of(record(STRANGER, DEV_OWNER, "a"), record(STRANGER, STRANGER, "b")), past);

        var answer = services.answer(vector(SYSTEM + "operational-data.request"), new SecurityServerId(DEV_OWNER,
                "SS0"), Optional.empty());

        String envelope = new String(answer.envelope(), StandardCharsets.UTF_8);
        assertThat(envelope).contains("<om:recordsCount>2</om:recordsCount>").contains("<om:nextRecordsFrom>");
        assertThat(records(answer)).extracting(r -> r.get("messageId")).containsExactly("a", "b");
        assertThat(records(answer)).allSatisfy(r -> assertThat(r).containsKey("securityServerInternalIp"));
    }

    @Test
    void bothHealthDataRequestsAreAnsweredForTheFilteredProviderOnly() {
        monitor.submit(record(STRANGER, CI_SYSTEM1, "h1"));
        monitor.submit(record(STRANGER, DEV_OWNER, "h2"));
        monitor.submit(record(STRANGER, STRANGER, "h3"));

        var ci = services.answer(vector(DAEMON + "healthdata.request"), new SecurityServerId(CI_OWNER, "00000001_1"),
                Optional.empty());
        var dev = services.answer(vector(SYSTEM + "health-data.request"), new SecurityServerId(DEV_OWNER, "SS0"),
                Optional.empty());

        for (var answer : List.of(ci, dev)) {
            String xml = new String(answer.envelope(), StandardCharsets.UTF_8);
            assertThat(answer.records()).isEmpty();
            assertThat(xml).contains("getSecurityServerHealthDataResponse").contains("<om:monitoringStartupTimestamp>")
                    .contains("<om:statisticsPeriodSeconds>600</om:statisticsPeriodSeconds>")
                    .contains("<om:successfulRequestCount>1</om:successfulRequestCount>");
            assertThat(xml.split("<om:serviceEvents>", -1)).hasSize(2);
        }
        assertThat(new String(ci.envelope(), StandardCharsets.UTF_8)).contains("<id:subsystemCode>System1</id:subsystemCode>");
        assertThat(new String(dev.envelope(), StandardCharsets.UTF_8)).contains("<id:memberCode>1234</id:memberCode>")
                .doesNotContain("System1");
    }
}
