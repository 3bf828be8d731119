package org.sild.runtime.lifecycle;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a product has started, stopped in the reverse order: its start adds each part as it comes
 * up, and its close (or a failed start) stops them all. A part that fails to stop is logged and the
 * others still stop. Thread-safe; closing more than once is harmless.
 */
public final class Components implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Components.class);

    private final List<AutoCloseable> started = new ArrayList<>();

    /** Adds {@code component}, to be stopped before everything added earlier; returns it. */
    public synchronized <T extends AutoCloseable> T add(T component) {
        started.add(component);
        return component;
    }

    /** Stops every component, the last added first. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            AutoCloseable component = started.get(i);
            try {
                component.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
        started.clear();
    }
}
