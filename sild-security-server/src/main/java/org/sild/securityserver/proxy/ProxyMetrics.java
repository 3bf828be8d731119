package org.sild.securityserver.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.FaultCode;

/**
 * Metrics of the proxies: a timer {@code sild.proxy.exchanges} per leg, protocol and result
 * ({@code success} or {@code fault}), and a counter {@code sild.proxy.faults} per leg and fault code.
 *
 * <p>Thread-safe. {@link #none()} records nothing.
 */
public final class ProxyMetrics {

    /** The timer's name. */
    public static final String EXCHANGES = "sild.proxy.exchanges";
    /** The fault counter's name. */
    public static final String FAULTS = "sild.proxy.faults";

    private final MeterRegistry registry;

    public ProxyMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Metrics that go nowhere. */
    public static ProxyMetrics none() {
        return new ProxyMetrics(new CompositeMeterRegistry());
    }

    /**
     * Records one exchange on {@code leg} for {@code protocol} ({@code soap} or {@code rest}) that took
     * {@code duration} and ended with {@code fault}, if any.
     */
    public void record(Leg leg, String protocol, Duration duration, Optional<FaultCode> fault) {
        Timer.builder(EXCHANGES).description("X-Road exchanges handled by the proxies")
                .tag("leg", leg.label()).tag("protocol", protocol)
                .tag("result", fault.isPresent() ? "fault" : "success")
                .register(registry).record(duration);
        fault.ifPresent(code -> Counter.builder(FAULTS).description("faults answered by the proxies")
                .tag("leg", leg.label()).tag("code", code.toString())
                .register(registry).increment());
    }
}
