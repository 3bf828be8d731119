package org.sild.runtime.health;

import java.time.Duration;

import org.sild.runtime.store.Store;

/**
 * One named aspect of a product's health, asked by {@link Health}.
 *
 * <p>Returns the status; throwing counts as {@link HealthStatus#down DOWN}. May block (it runs on
 * its own virtual thread with a deadline) and is called concurrently, so implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface HealthCheck {

    HealthStatus check() throws Exception;

    /** UP when {@code store} hands out a connection that answers within {@code timeout}. */
    static HealthCheck store(Store store, Duration timeout) {
        return () -> store.isReachable(timeout)
                ? HealthStatus.up()
                : HealthStatus.down("database " + store.dialect() + " is not reachable");
    }
}
