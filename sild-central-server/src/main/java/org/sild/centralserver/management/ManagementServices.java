package org.sild.centralserver.management;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.eclipse.jetty.server.Handler;
import org.sild.centralserver.registry.Registry;
import org.sild.core.fault.FaultStyle;
import org.sild.core.soap.SoapFaultWriter;

/**
 * The central server's management services: one Jetty handler per {@link ManagementPort}, sharing
 * the verifier of the registry's current trust; each port has its own rate limit per source
 * address.
 *
 * <pre>{@code
 * var services = ManagementServices.builder().registry(registry).rateLimitPerMinute(10)
 *         .requestTimeout(Duration.ofSeconds(30)).build();
 * HttpServer.builder().port(4001).tls(tls).handler(services.handler(ManagementPort.REGISTRATION))...
 * }</pre>
 *
 * <p>The handlers answer POST on their port's path only (other paths are left to the next handler,
 * other methods get a fault with HTTP 405). Thread-safe; nothing to close.
 */
public final class ManagementServices {

    private final Map<ManagementPort, ManagementHandler> handlers = new EnumMap<>(ManagementPort.class);

    private ManagementServices(Builder b) {
        var trust = new RegistryTrust(b.registry, b.clock);
        var faults = new SoapFaultWriter(FaultStyle.CLASSIC, b.random);
        for (ManagementPort port : ManagementPort.values()) {
            handlers.put(port, new ManagementHandler(port, b.registry, trust, new RateLimiter(b.rateLimitPerMinute,
                    b.clock), b.requestTimeout, faults));
        }
    }

    /** A builder; the registry is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The handler of {@code port}. */
    public Handler handler(ManagementPort port) {
        return handlers.get(port);
    }

    /** Collects the settings of the management services. Not thread-safe. */
    public static final class Builder {
        private Registry registry;
        private int rateLimitPerMinute = 10;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Random random = new SecureRandom();

        private Builder() {
        }

        /** The registry requests are verified against and recorded in. */
        public Builder registry(Registry value) {
            this.registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /** Requests accepted per source address and minute on each port (default 10). */
        public Builder rateLimitPerMinute(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("rateLimitPerMinute must be at least 1, not " + value);
            }
            this.rateLimitPerMinute = value;
            return this;
        }

        /** How long reading one request body may take (default 30 s). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
            return this;
        }

        /** The clock of verification and rate limits (default system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Randomness for the fault details (default a new {@link SecureRandom}). */
        public Builder random(Random value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        public ManagementServices build() {
            Objects.requireNonNull(registry, "registry is required");
            return new ManagementServices(this);
        }
    }
}
