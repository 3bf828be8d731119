package org.sild.configurationproxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * The proxy's own meters, per instance: download runs by outcome
 * ({@code sild_confproxy_downloads_total{instance,outcome}}), the age of the last successful run
 * ({@code sild_confproxy_last_success_age_seconds}, NaN before the first), the time left until what
 * is served expires ({@code sild_confproxy_expires_in_seconds}, 0 when nothing is) and the number
 * of versions served ({@code sild_confproxy_served_versions}). Thread-safe.
 */
final class ProxyMetrics {

    private final MeterRegistry registry;
    private final Clock clock;

    ProxyMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Registers the gauges of {@code instance}. */
    void register(ProxyInstance instance) {
        Gauge.builder("sild.confproxy.last.success.age", instance, i -> i.lastSuccess()
                        .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(Double.NaN))
                .tag("instance", instance.name()).baseUnit("seconds")
                .description("Time since the last successful download run").register(registry);
        Gauge.builder("sild.confproxy.expires.in", instance, i -> i.expireDate()
                        .map(t -> Math.max(0, Duration.between(clock.instant(), t).toMillis() / 1000.0)).orElse(0.0))
                .tag("instance", instance.name()).baseUnit("seconds")
                .description("Time until the configuration served expires").register(registry);
        Gauge.builder("sild.confproxy.served.versions", instance, i -> i.servedVersions().size())
                .tag("instance", instance.name())
                .description("Configuration versions served").register(registry);
    }

    /** Counts a finished run. */
    void recorded(UpdateResult result) {
        Counter.builder("sild.confproxy.downloads").tag("instance", result.instance())
                .tag("outcome", result.updated() ? "success" : "failure")
                .description("Download runs by outcome").register(registry).increment();
    }
}
