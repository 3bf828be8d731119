package org.sild.runtime.health;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.json.Json;

/**
 * A product's health: named {@link HealthCheck}s run together, reported as JSON at {@value #PATH}.
 *
 * <pre>{@code
 * Health health = Health.builder()
 *         .check("store", HealthCheck.store(store, Duration.ofSeconds(2)))
 *         .check("globalconf", () -> globalConf.isFresh() ? HealthStatus.up() : HealthStatus.down("outdated"))
 *         .build();
 * }</pre>
 *
 * <p>The report is {@code {"status":"UP","checks":{"store":{"status":"UP"}}}}; the overall status
 * is UP only when every check is, and the handler answers 200 when UP and 503 when DOWN. Each
 * check runs on its own virtual thread; one that throws or exceeds the timeout is DOWN. Immutable
 * and thread-safe.
 */
public final class Health {

    /** The path the {@link #handler()} answers. */
    public static final String PATH = "/health";

    private final Map<String, HealthCheck> checks;
    private final Duration timeout;

    private Health(Builder b) {
        this.checks = Map.copyOf(b.checks);
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The result of running every check once. */
    public record Report(String status, Map<String, Check> checks) {

        /** One check's line in the report. */
        public record Check(String status, Optional<String> detail) {
        }

        public Report {
            checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }

        /** Whether every check is UP. */
        public boolean up() {
            return "UP".equals(status);
        }
    }

    /** Runs every check concurrently, each bounded by the timeout, and reports in check-name order. */
    public Report run() {
        var running = new LinkedHashMap<String, CompletableFuture<HealthStatus>>();
        var threads = new LinkedHashMap<String, Thread>();
        checks.keySet().stream().sorted().forEach(name -> {
            var future = new CompletableFuture<HealthStatus>();
            HealthCheck check = checks.get(name);
            running.put(name, future);
            threads.put(name, Thread.ofVirtual().name("health-" + name).start(() -> {
                try {
                    future.complete(check.check());
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            }));
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        var results = new LinkedHashMap<String, Report.Check>();
        running.forEach((name, future) -> {
            HealthStatus status = await(future, deadline);
            if (!future.isDone()) {
                // A check that ignores the deadline keeps its thread, but the report does not wait for it.
                threads.get(name).interrupt();
            }
            results.put(name, new Report.Check(status.status(), status.detail()));
        });
        boolean up = results.values().stream().allMatch(c -> c.status().equals("UP"));
        return new Report(up ? "UP" : "DOWN", results);
    }

    /**
     * A handler answering {@code GET} on {@value #PATH} with the JSON report (200 UP, 503 DOWN); it
     * declines every other request so it can sit in a {@code Handler.Sequence}.
     */
    public Handler handler() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!PATH.equals(Request.getPathInContext(request)) || !request.getMethod().equals("GET")) {
                    return false;
                }
                Report report = run();
                byte[] body = Json.write(report);
                response.setStatus(report.up() ? 200 : 503);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=UTF-8");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        };
    }

    private static HealthStatus await(CompletableFuture<HealthStatus> future, long deadline) {
        try {
            HealthStatus status = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return status == null ? HealthStatus.down("the check returned no status") : status;
        } catch (TimeoutException e) {
            return HealthStatus.down("timed out");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return HealthStatus.down(cause instanceof XRoadException x ? x.getMessage()
                    : "failed: " + cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthStatus.down("interrupted");
        }
    }

    /** Collects checks. Not thread-safe. */
    public static final class Builder {
        private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
        private Duration timeout = Duration.ofSeconds(5);

        private Builder() {
        }

        /** Adds a check under a unique {@code name}. */
        public Builder check(String name, HealthCheck check) {
            if (checks.putIfAbsent(name, Objects.requireNonNull(check)) != null) {
                throw new IllegalArgumentException("health check " + name + " is defined twice");
            }
            return this;
        }

        /** How long all checks together may take (default 5 s); a check still running then is DOWN. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public Health build() {
            return new Health(this);
        }
    }
}
