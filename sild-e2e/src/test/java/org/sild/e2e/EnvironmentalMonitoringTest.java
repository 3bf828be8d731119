package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.e2e.TwoServers.APP;
import static org.sild.e2e.TwoServers.CONSUMER;
import static org.sild.e2e.TwoServers.SS1;
import static org.sild.e2e.TwoServers.SS2;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.MonitoringParameters;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;

/**
 * Issue 6, acceptance 5: the owner of server 1, made the monitoring client in global configuration
 * by the central publisher, asks server 2 for its metrics through server 1's client proxy and gets
 * server 2's metric set; before that (and any other client always) the answer is AccessDenied.
 */
class EnvironmentalMonitoringTest {

    @Test
    void theMonitoringClientGetsTheMetricsOfAnotherServerThroughItsOwn() {
        try (TestNetwork net = TwoServers.builder().start()) {
            IsClient client = net.client(SS1);
            Answer before = client.soapCall(request(CONSUMER, SS2, "env-before"));
            assertThat(before.faultCodeText()).contains("Server.ServerProxy.AccessDenied");

            net.updateGlobalConf(d -> d.toBuilder().optionalPart(ContentPart.MONITORING, "monitoring-params.xml",
                    new MonitoringParameters(Optional.of(CONSUMER)).toXml()).build());

            Answer answer = client.soapCall(request(CONSUMER, SS2, "env-1"));
            assertThat(answer.faultCodeText()).as(answer.text()).isEmpty();
            assertThat(answer.text()).contains("<m:name>SERVER:E2E/COM/2002/ss2</m:name>")
                    .contains("<m:name>proxyVersion</m:name>").contains("<m:name>OperatingSystem</m:name>")
                    .contains("<m:name>Certificates</m:name>").contains("<m:name>SystemCpuLoad</m:name>")
                    .contains("AUTH_OR_SIGN")
                    .contains("SECURITY_SERVER_TLS").contains("requestHash");

            Answer denied = client.soapCall(request(APP, SS2, "env-denied"));
            assertThat(denied.faultCodeText()).contains("Server.ServerProxy.AccessDenied");
        }
    }

    /** A {@code getSecurityServerMetrics} request of {@code client} to server {@code target}'s owner. */
    static byte[] request(ClientId client, SecurityServerId target, String id) {
        var owner = target.owner();
        String xml = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:id=\"http://x-road.eu/xsd/identifiers\" xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\""
                + " xmlns:m=\"http://x-road.eu/xsd/monitoring\"><SOAP-ENV:Header>"
                + "<xrd:client id:objectType=\"" + client.objectType() + "\">" + codes(client) + "</xrd:client>"
                + "<xrd:service id:objectType=\"SERVICE\">" + codes(owner)
                + "<id:serviceCode>getSecurityServerMetrics</id:serviceCode></xrd:service>"
                + "<xrd:securityServer id:objectType=\"SERVER\">" + codes(owner) + "<id:serverCode>"
                + target.serverCode() + "</id:serverCode></xrd:securityServer>"
                + "<xrd:id>" + id + "</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion>"
                + "</SOAP-ENV:Header><SOAP-ENV:Body><m:getSecurityServerMetrics/></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static String codes(ClientId id) {
        return "<id:xRoadInstance>" + id.instance() + "</id:xRoadInstance><id:memberClass>" + id.member().memberClass()
                + "</id:memberClass><id:memberCode>" + id.member().memberCode() + "</id:memberCode>"
                + id.subsystemCode().map(s -> "<id:subsystemCode>" + s + "</id:subsystemCode>").orElse("");
    }
}
