package org.sild.securityserver.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.sild.core.fault.FaultCode;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.XRoadIds;
import org.sild.securityserver.globalconf.GlobalConfProvider;
import org.sild.securityserver.opmonitor.OpRecord;

/**
 * Metrics of the proxies: a timer {@code sild.proxy.exchanges} per leg, protocol, result, client and
 * service, and a counter {@code sild.proxy.faults} per leg and fault code this proxy answered with.
 *
 * <p>The result is the operational data record's: {@code fault} when the exchange failed anywhere
 * (this proxy's fault or one relayed from the other security server or the service's SOAP fault),
 * else {@code success} (a REST service's 4xx/5xx answer included, as X-Road's {@code succeeded}).
 *
 * <p>Cardinality is bounded: {@code client} is the client's path ({@code INSTANCE/CLASS/MEMBER[/SUBSYSTEM]})
 * and {@code service} the service's path without its version ({@code INSTANCE/CLASS/MEMBER/SUBSYSTEM/CODE})
 * only when the client, respectively the service's provider, is registered in global configuration;
 * otherwise (and when the exchange failed before the ids were read) the tag is {@value #OTHER}. At most
 * {@link #maxParties()} distinct client/service pairs get their own series; later pairs are counted
 * under {@value #OTHER}/{@value #OTHER}.
 *
 * <p>Thread-safe. {@link #none()} records nothing.
 */
public final class ProxyMetrics {

    /** The timer's name. */
    public static final String EXCHANGES = "sild.proxy.exchanges";
    /** The fault counter's name. */
    public static final String FAULTS = "sild.proxy.faults";
    /** The tag value of an unknown, absent or over-the-cap client or service. */
    public static final String OTHER = "other";
    /** The default cap on distinct client/service pairs. */
    public static final int DEFAULT_MAX_PARTIES = 1000;

    private final MeterRegistry registry;
    private final int maxParties;
    private final Set<String> parties = ConcurrentHashMap.newKeySet();

    public ProxyMetrics(MeterRegistry registry) {
        this(registry, DEFAULT_MAX_PARTIES);
    }

    /** Metrics into {@code registry} with at most {@code maxParties} client/service pairs. */
    public ProxyMetrics(MeterRegistry registry, int maxParties) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (maxParties < 0) {
            throw new IllegalArgumentException("maxParties must not be negative, was " + maxParties);
        }
        this.maxParties = maxParties;
    }

    /** Metrics that go nowhere. */
    public static ProxyMetrics none() {
        return new ProxyMetrics(new CompositeMeterRegistry());
    }

    /** The cap on distinct client/service pairs with their own series. */
    public int maxParties() {
        return maxParties;
    }

    /** Whether a client is registered in the global configuration in force (false when there is none). */
    public static Predicate<ClientId> registeredIn(GlobalConfProvider globalConf, Clock clock) {
        return id -> {
            try {
                return globalConf.current(clock.instant()).instanceOf(id).filter(i -> i.isRegistered(id)).isPresent();
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    /**
     * Records one exchange on {@code leg} for {@code protocol} ({@code soap} or {@code rest}) that took
     * {@code duration}, in which this proxy answered with {@code fault}, if any, and whose finished
     * operational data record is {@code op}; {@code registered} tells which ids may be tags.
     */
    public void record(Leg leg, String protocol, Duration duration, Optional<FaultCode> fault, OpRecord op,
            Predicate<ClientId> registered) {
        String clientTag = op.clientId().filter(registered).map(XRoadIds::toPath).orElse(OTHER);
        String serviceTag = op.serviceId().filter(s -> registered.test(s.provider()))
                .map(s -> XRoadIds.toPath(new ServiceId(s.provider(), s.serviceCode()))).orElse(OTHER);
        if (!admitted(clientTag + " " + serviceTag)) {
            clientTag = OTHER;
            serviceTag = OTHER;
        }
        Timer.builder(EXCHANGES).description("X-Road exchanges handled by the proxies")
                .tag("leg", leg.label()).tag("protocol", protocol)
                .tag("result", op.succeeded() && fault.isEmpty() ? "success" : "fault")
                .tag("client", clientTag).tag("service", serviceTag)
                .register(registry).record(duration);
        fault.ifPresent(code -> Counter.builder(FAULTS).description("faults answered by the proxies")
                .tag("leg", leg.label()).tag("code", code.toString())
                .register(registry).increment());
    }

    /** Whether the pair has (or now gets) its own series: known already, or still under the cap. */
    private boolean admitted(String pair) {
        if (parties.contains(pair)) {
            return true;
        }
        synchronized (parties) {
            return parties.contains(pair) || parties.size() < maxParties && parties.add(pair);
        }
    }
}
