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
import org.sild.securityserver.opmonitor.OpRecord;

class ProxyMetricsTest {

    private static final MemberId CLIENT = new MemberId("EE", "GOV", "1");
    private static final ClientId PROVIDER = new MemberId("EE", "COM", "2").subsystem("api");
    private static final Predicate<ClientId> KNOWN = Set.<ClientId>of(CLIENT, PROVIDER)::contains;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static OpRecord op(Optional<ClientId> client, Optional<ServiceId> service, boolean ok) {
        var op = OpRecord.start(OpRecord.Side.CLIENT, 1);
        client.ifPresent(op::client);
        service.ifPresent(op::service);
        return op.finish(2, ok ? Optional.empty() : Optional.of("Server.X"), Optional.empty());
    }

    private long count(String client, String service, String result) {
        return registry.find(ProxyMetrics.EXCHANGES).tag("client", client).tag("service", service)
                .tag("result", result).timers().stream().mapToLong(Timer::count).sum();
    }

    @Test
    void exchangesAreTaggedByClientServiceWithoutVersionAndTheRecordsResult() {
        var metrics = new ProxyMetrics(registry);
        metrics.record(Leg.CONSUMER_TO_PROXY, "soap", Duration.ofMillis(5), Optional.empty(),
                op(Optional.of(CLIENT), Optional.of(new ServiceId(PROVIDER, "getPerson", "v1")), true), KNOWN);
        metrics.record(Leg.CONSUMER_TO_PROXY, "soap", Duration.ofMillis(5), Optional.of(FaultCode.of(ErrorCode.CLIENT)),
                op(Optional.of(CLIENT), Optional.of(new ServiceId(PROVIDER, "getPerson", "v2")), false), KNOWN);
        // A fault relayed from elsewhere: this proxy answered without a fault of its own, the record failed.
        metrics.record(Leg.CONSUMER_TO_PROXY, "soap", Duration.ofMillis(5), Optional.empty(),
                op(Optional.of(CLIENT), Optional.of(new ServiceId(PROVIDER, "getPerson")), false), KNOWN);

        assertThat(count("EE/GOV/1", "EE/COM/2/api/getPerson", "success")).isEqualTo(1);
        assertThat(count("EE/GOV/1", "EE/COM/2/api/getPerson", "fault")).isEqualTo(2);
    }

    @Test
    void unknownOrAbsentIdsAreOther() {
        var metrics = new ProxyMetrics(registry);
        var stranger = new MemberId("EE", "GOV", "stranger");
        metrics.record(Leg.PROXY_TO_PROXY, "rest", Duration.ofMillis(1), Optional.empty(),
                op(Optional.of(stranger), Optional.of(new ServiceId(stranger, "x")), true), KNOWN);
        metrics.record(Leg.PROXY_TO_PROXY, "rest", Duration.ofMillis(1), Optional.empty(),
                op(Optional.empty(), Optional.empty(), true), KNOWN);

        assertThat(count(ProxyMetrics.OTHER, ProxyMetrics.OTHER, "success")).isEqualTo(2);
    }

    @Test
    void pairsPastTheCapShareTheOtherSeries() {
        var metrics = new ProxyMetrics(registry, 2);
        for (int i = 0; i < 5; i++) {
            metrics.record(Leg.PROXY_TO_PROXY, "rest", Duration.ofMillis(1), Optional.empty(),
                    op(Optional.of(CLIENT), Optional.of(new ServiceId(PROVIDER, "s" + i)), true), KNOWN);
        }
        metrics.record(Leg.PROXY_TO_PROXY, "rest", Duration.ofMillis(1), Optional.empty(),
                op(Optional.of(CLIENT), Optional.of(new ServiceId(PROVIDER, "s0")), true), KNOWN);

        assertThat(count("EE/GOV/1", "EE/COM/2/api/s0", "success")).isEqualTo(2);
        assertThat(count("EE/GOV/1", "EE/COM/2/api/s1", "success")).isEqualTo(1);
        assertThat(count(ProxyMetrics.OTHER, ProxyMetrics.OTHER, "success")).isEqualTo(3);
        assertThat(registry.find(ProxyMetrics.EXCHANGES).timers()).hasSize(3);
    }
}
