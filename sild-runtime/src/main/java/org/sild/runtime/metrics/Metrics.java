package org.sild.runtime.metrics;

import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A product's metrics: a Micrometer {@link PrometheusMeterRegistry} with JVM and process metrics
 * bound, a handler that serves it at {@value #PATH}, and request timing for HTTP handlers.
 *
 * <pre>{@code
 * try (Metrics metrics = Metrics.create()) {
 *     Handler admin = new Handler.Sequence(metrics.handler(), health.handler(), router);
 *     Handler proxy = metrics.instrument("client-proxy", clientProxyHandler);
 * }
 * }</pre>
 *
 * <p>Components register their own meters on {@link #registry()}. Thread-safe; closing stops the
 * GC listener and closes the registry.
 */
public final class Metrics implements AutoCloseable {

    /** The path the {@link #handler()} answers. */
    public static final String PATH = "/metrics";
    /** Name of the request timer {@link #instrument} records, tagged {@code server}, {@code method}, {@code status}. */
    public static final String HTTP_REQUESTS = "http.server.requests";

    private static final String OPENMETRICS = "application/openmetrics-text";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;

    private Metrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.gc = new JvmGcMetrics();
        for (var binder : List.of(new ClassLoaderMetrics(), new JvmMemoryMetrics(), gc, new JvmThreadMetrics(),
                new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
            binder.bindTo(registry);
        }
    }

    /** A registry with JVM metrics (memory, GC, threads, class loading) and process metrics (CPU, uptime, files). */
    public static Metrics create() {
        return new Metrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** The registry, for components' own meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The current metrics in Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * A handler answering {@code GET} and {@code HEAD} on {@value #PATH} with the metrics in Prometheus
     * text format (OpenMetrics when the client asks for {@code application/openmetrics-text}); it
     * declines every other request so it can sit in a {@code Handler.Sequence}.
     */
    public Handler handler() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (!PATH.equals(Request.getPathInContext(request))) {
                    return false;
                }
                String method = request.getMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    response.setStatus(405);
                    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                    callback.succeeded();
                    return true;
                }
                String accept = request.getHeaders().get(HttpHeader.ACCEPT);
                String contentType = accept != null && accept.toLowerCase(Locale.ROOT).contains(OPENMETRICS)
                        ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                        : "text/plain; version=0.0.4; charset=utf-8";
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                if (method.equals("HEAD")) {
                    callback.succeeded();
                    return true;
                }
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    registry.scrape(out, contentType);
                }
                callback.succeeded();
                return true;
            }
        };
    }

    /**
     * {@code handler} with every request timed into {@value #HTTP_REQUESTS}, tagged with
     * {@code server}, the method (unusual methods as {@code OTHER}) and the response status
     * ({@code failed} when the exchange failed, for example because the client went away).
     */
    public Handler instrument(String server, Handler handler) {
        return new Handler.Wrapper(handler) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
                long start = System.nanoTime();
                Callback timed = new Callback() {
                    @Override
                    public void succeeded() {
                        record(Integer.toString(response.getStatus()));
                        callback.succeeded();
                    }

                    @Override
                    public void failed(Throwable failure) {
                        record("failed");
                        callback.failed(failure);
                    }

                    @Override
                    public InvocationType getInvocationType() {
                        return callback.getInvocationType();
                    }

                    private void record(String status) {
                        Timer.builder(HTTP_REQUESTS).tag("server", server).tag("method", method).tag("status", status)
                                .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    }
                };
                return super.handle(request, response, timed);
            }
        };
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
