package org.sild.runtime.health;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link HealthCheck}: up or down, with an optional human-readable detail.
 *
 * @param healthy whether the aspect is healthy
 * @param detail  what an operator should know (never secrets), if anything
 */
public record HealthStatus(boolean healthy, Optional<String> detail) {

    public HealthStatus {
        Objects.requireNonNull(detail, "detail");
    }

    public static HealthStatus up() {
        return new HealthStatus(true, Optional.empty());
    }

    public static HealthStatus up(String detail) {
        return new HealthStatus(true, Optional.of(detail));
    }

    public static HealthStatus down(String detail) {
        return new HealthStatus(false, Optional.of(detail));
    }

    /** {@code UP} or {@code DOWN}, as the JSON report spells it. */
    public String status() {
        return healthy ? "UP" : "DOWN";
    }
}
