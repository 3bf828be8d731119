package org.sild.securityserver.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;

class ProxyMetricsTest {

    private static final MemberId CLIENT = new MemberId("EE", "GOV", "1");
    private static final ClientId PROVIDER = new MemberId("EE", "COM", "2").subsystem("api");
    private static final Predicate<ClientId> KNOWN = Set.<ClientId>of(CLIENT, PROVIDER)::contains;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private long count(String client, String service, String result) {
        return registry.find(ProxyMetrics.EXCHANGES).tag("client", client).tag("service", service)
                .tag("result", result).timers().stream().mapToLong(Timer::count).sum();
    }

    @Test
    void exchangesAreTaggedByClientAndServiceWithoutVersion() {
        var metrics = new ProxyMetrics(registry);
        metrics.record(Leg.CONSUMER_TO_PROXY, "soap", Duration.ofMillis(5), Optional.empty(), Optional.of(CLIENT),
                Optional.of(new ServiceId(PROVIDER, "getPerson", "v1")), KNOWN);
        metrics.record(Leg.CONSUMER_TO_PROXY, "soap", Duration.ofMillis(5), Optional.of(FaultCode.of(ErrorCode.CLIENT)),
                Optional.of(CLIENT), Optional.of(new ServiceId(PROVIDER, "getPerson", "v2")), KNOWN);

        assertThat(count("EE/GOV/1", "EE/COM/2/api/getPerson", "success")).isEqualTo(1);
        assertThat(count("EE/GOV/1", "EE/COM/2/api/getPerson", "fault")).isEqualTo(1);
    }

    @Test
    void unknownOrAbsentIdsAreOther() {
        var metrics = new ProxyMetrics(registry);
        var stranger = new MemberId("EE", "GOV", "stranger");
        metrics.record(Leg.PROXY_TO_PROXY, "rest", Duration.ofMillis(1), Optional.empty(), Optional.of(stranger),
                Optional.of(new ServiceId(stranger, "x")), KNOWN);
        metrics.record(Leg.PROXY_TO_PROXY, "rest", Duration.ofMillis(1), Optional.empty(), Optional.empty(),
                Optional.empty(), KNOWN);

        assertThat(count(ProxyMetrics.OTHER, ProxyMetrics.OTHER, "success")).isEqualTo(2);
    }

    @Test
    void pairsPastTheCapShareTheOtherSeries() {
        var metrics = new ProxyMetrics(registry, 2);
        for (int i = 0; i < 5; i++) {
            metrics.record(Leg.PROXY_TO_PROXY, "rest", Duration.ofMillis(1), Optional.empty(), Optional.of(CLIENT),
                    Optional.of(new ServiceId(PROVIDER, "s" + i)), KNOWN);
        }
        metrics.record(Leg.PROXY_TO_PROXY, "rest", Duration.ofMillis(1), Optional.empty(), Optional.of(CLIENT),
                Optional.of(new ServiceId(PROVIDER, "s0")), KNOWN);

        assertThat(count("EE/GOV/1", "EE/COM/2/api/s0", "success")).isEqualTo(2);
        assertThat(count("EE/GOV/1", "EE/COM/2/api/s1", "success")).isEqualTo(1);
        assertThat(count(ProxyMetrics.OTHER, ProxyMetrics.OTHER, "success")).isEqualTo(3);
        assertThat(registry.find(ProxyMetrics.EXCHANGES).timers()).hasSize(3);
    }
}
