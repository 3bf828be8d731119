package org.sild.securityserver.envmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.proxy.Soap;
import org.sild.securityserver.serverconf.LocalClient;

/**
 * {@code getSecurityServerMetrics} through real proxies: the provider server's owner (hosted, for
 * this test, also on the consumer server) is answered with signed metrics, another member is
 * denied; output fields select metrics. The monitoring client of global configuration and the
 * limited data set are covered by {@link EnvMonitorTest} and the e2e test.
 */
class EnvMonitorProxyTest {

    private static final ServiceId METRICS = new ServiceId(ProxyHarness.PRODUCER, EnvMonitor.SERVICE_CODE,
            Optional.empty());
    private static EnvMonitor monitor;
    private static ProxyHarness harness;

    @BeforeAll
    static void start() {
        monitor = EnvMonitor.start(new EnvMonitorSettings(false, Duration.ofSeconds(5), 10), Clock.systemUTC(),
                List::of);
        harness = ProxyHarness.builder().providerEnvMonitor(monitor).build();
        // The producer member also calls from the consumer server, so that the target's owner can ask.
        harness.consumerSigner.addMember(ProxyHarness.PRODUCER);
        harness.consumerConf.client(new LocalClient(ProxyHarness.PRODUCER, LocalClient.Status.REGISTERED,
                LocalClient.ConnectionType.NOSSL, List.of()));
        harness.globalConf(p -> ProxyHarness.with(p, p.securityServers().stream().map(s -> s.id()
                .equals(ProxyHarness.CONSUMER_SS) ? withClient(s, ProxyHarness.PRODUCER) : s).toList(),
                p.globalGroups()));
    }

    private static SecurityServer withClient(SecurityServer s, ClientId client) {
        var clients = new java.util.ArrayList<>(s.clients());
        clients.add(client);
        return new SecurityServer(s.id(), s.address(), s.authCertHashes(), clients, s.maintenanceMode());
    }

    @AfterAll
    static void stop() {
        harness.close();
        monitor.close();
    }

    private static String request(String... fields) {
        var b = new StringBuilder("<m:getSecurityServerMetrics xmlns:m=\"http://x-road.eu/xsd/monitoring\">");
        if (fields.length > 0) {
            b.append("<m:outputSpec>");
            for (String f : fields) {
                b.append("<m:outputField>").append(f).append("</m:outputField>");
            }
            b.append("</m:outputSpec>");
        }
        return b.append("</m:getSecurityServerMetrics>").toString();
    }

    private static String securityServerHeader() {
        return "<xroad:securityServer id:objectType=\"SERVER\"><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>BUSINESS</id:memberClass><id:memberCode>producer</id:memberCode>"
                + "<id:serverCode>producerSS</id:serverCode></xroad:securityServer>\n";
    }

    @Test
    void theOwnerGetsTheSignedMetricSetOfTheTargetServer() {
        var answer = harness.soap(Soap.envelope(ProxyHarness.PRODUCER, METRICS, "env-owner",
                Optional.of(securityServerHeader()), request()), Soap.TEXT_XML);
        assertThat(answer.faultCode()).as(answer.text()).isEmpty();
        assertThat(answer.text()).contains("<m:name>SERVER:EE/BUSINESS/producer/producerSS</m:name>")
                .contains("<m:name>proxyVersion</m:name>").contains("<m:name>systemMetrics</m:name>")
                .contains("<m:name>SystemCpuLoad</m:name>").contains("<m:name>Xroad Processes</m:name>")
                .contains("requestHash");
        assertThat(harness.providerLog.records()).anyMatch(r -> r.response() && r.queryId().equals("env-owner"));
    }

    @Test
    void outputFieldsSelectTheSystemMetrics() {
        var answer = harness.soap(Soap.envelope(ProxyHarness.PRODUCER, METRICS, "env-fields", Optional.empty(),
                request("OperatingSystem", "TotalPhysicalMemory")), Soap.TEXT_XML);
        assertThat(answer.faultCode()).as(answer.text()).isEmpty();
        assertThat(answer.text()).contains("<m:name>OperatingSystem</m:name>")
                .contains("<m:name>TotalPhysicalMemory</m:name>").doesNotContain("<m:name>Processes</m:name>")
                .doesNotContain("histogramMetric");
    }

    @Test
    void anotherMemberIsDenied() {
        var answer = harness.soap(Soap.envelope(ProxyHarness.CONSUMER, METRICS, "env-denied", Optional.empty(),
                request()), Soap.TEXT_XML);
        assertThat(answer.faultCode()).contains("Server.ServerProxy.AccessDenied");
        assertThat(answer.text()).contains("Request is not allowed: ");
    }
}
