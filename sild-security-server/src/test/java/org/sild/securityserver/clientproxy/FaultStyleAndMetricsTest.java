package org.sild.securityserver.clientproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.FaultStyle;
import org.sild.securityserver.proxy.ProviderIs;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.proxy.ProxyMetrics;
import org.sild.securityserver.proxy.Soap;

/** X-Road 7.8's spelling of fault codes on request, and the metrics of both legs. */
class FaultStyleAndMetricsTest {

    @Test
    void snakeCaseFaultsAndExchangeMetrics() {
        var registry = new SimpleMeterRegistry();
        try (var harness = ProxyHarness.builder().metrics(new ProxyMetrics(registry))
                .consumerSettings(s -> s.faultStyle(FaultStyle.SNAKE_CASE))
                .providerSettings(s -> s.faultStyle(FaultStyle.SNAKE_CASE)).build()) {
            harness.providerIs(new ProviderIs().soapEcho());
            assertThat(harness.soap(new byte[0], Soap.TEXT_XML).faultCode()).contains("client.invalid_soap");
            harness.providerConf.revokeAll();
            assertThat(harness.soap(Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "a"), Soap.TEXT_XML)
                    .faultCode()).contains("server.serverproxy.access_denied");
            var rest = ProxyHarness.send(harness.client().newRequest(harness.clientUri(
                    "/r1/EE/BUSINESS/producer/subsys2/persons")).headers(h -> h.put("X-Road-Client",
                    "EE/BUSINESS/consumer/subsys1")));
            assertThat(rest.status()).isEqualTo(500);
            assertThat(rest.headers().get("X-Road-Error")).isEqualTo("server.serverproxy.access_denied");
        }
        assertThat(registry.get(ProxyMetrics.EXCHANGES).tag("leg", "consumerToProxy").tag("result", "fault").timers())
                .isNotEmpty();
        assertThat(registry.get(ProxyMetrics.FAULTS).tag("leg", "proxyToProxy")
                .tag("code", "Server.ServerProxy.AccessDenied").counter().count()).isEqualTo(2.0);
    }
}
