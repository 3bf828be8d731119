package org.sild.runtime.http;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A Jetty {@link HttpClient} made by {@link HttpClients}: started when built, and closed with a
 * {@link #close()} that throws no checked exception, so it fits try-with-resources and
 * {@code AutoCloseable} components. Everything else is Jetty's {@code HttpClient} API. Thread-safe.
 */
public final class ManagedHttpClient extends HttpClient {

    ManagedHttpClient(HttpClientTransport transport) {
        super(transport);
    }

    /** Stops the client: closes its connections and releases its threads. Idempotent. */
    @Override
    public void close() {
        try {
            stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "cannot stop HTTP client " + getName() + ": "
                    + e.getMessage(), e);
        }
    }
}
