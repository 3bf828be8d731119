package org.sild.securityserver.globalconf;

/**
 * Told the outcome of every configuration client run: the hook for health checks, metrics and
 * alerts (a failed run means the server keeps using an ageing configuration).
 *
 * <p>Called on the thread that ran the update, after the new configuration (if any) is in force;
 * implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface UpdateListener {

    /** A run finished with {@code result}. */
    void updated(UpdateResult result);
}
