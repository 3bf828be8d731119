package org.sild.runtime.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.XRoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small request router for REST and admin APIs on Jetty core handlers.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .get("/api/clients", r -> ApiResponse.ok(clients.list()))
 *         .get("/api/clients/{id}", r -> ApiResponse.ok(clients.get(r.pathVariable("id"))))
 *         .post("/api/clients", r -> ApiResponse.created(clients.add(r.bodyAs(NewClient.class))))
 *         .build();
 * }</pre>
 *
 * <p>A template is a path whose segments are literals or {@code {name}} variables (one whole,
 * non-empty segment each, URL-decoded). When several templates match, the one whose first
 * differing segment is a literal wins. No template matches: 404 {@code not_found}; the template
 * matches but not the method: 405 {@code method_not_allowed} with {@code Allow}. One trailing
 * slash is ignored. Errors are JSON ({@link ApiResponse#error}). Immutable and thread-safe once
 * built; handlers run on the request's virtual thread.
 */
public final class Router extends Handler.Abstract {

    /** Default largest request body a route may read: 1 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final List<Template> templates;
    private final long maxBodyBytes;

    private Router(Builder b) {
        this.templates = List.copyOf(b.templates.values());
        this.maxBodyBytes = b.maxBodyBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Optional<String[]> decoded = decodedSegments(request.getHttpURI().getPath());
        if (decoded.isEmpty()) {
            send(ApiResponse.error(400, "bad_request", "malformed path"), request, response, callback);
            return true;
        }
        String[] segments = decoded.get();
        Optional<Template> match = templates.stream()
                .filter(t -> t.matches(segments))
                .reduce((a, b) -> a.moreSpecificThan(b) ? a : b);
        ApiResponse answer;
        if (match.isEmpty()) {
            answer = ApiResponse.error(404, "not_found", "no resource at " + path);
        } else {
            Template template = match.get();
            ApiHandler handler = template.handlers.get(request.getMethod().toUpperCase(Locale.ROOT));
            if (handler == null) {
                answer = ApiResponse.error(405, "method_not_allowed", request.getMethod() + " is not allowed on " + path)
                        .withHeader("Allow", String.join(", ", new TreeSet<>(template.handlers.keySet())));
            } else {
                answer = invoke(handler, new ApiRequest(request, path, template.variables(segments), maxBodyBytes));
            }
        }
        send(answer, request, response, callback);
        return true;
    }

    /**
     * Sends the answer after reading and dropping a request body the route left unread, so that a
     * keep-alive client can send its next request on the same connection. A body too large to drop
     * (or one that cannot be read) closes the connection, and the answer says so: otherwise the
     * server would close it silently after the answer and the client's next request on it would fail.
     */
    private void send(ApiResponse answer, Request request, Response response, Callback callback) {
        boolean drained = Connections.dropBody(request, maxBodyBytes);
        (drained ? answer : answer.withHeader("Connection", "close")).send(response, callback);
    }

    private static ApiResponse invoke(ApiHandler handler, ApiRequest request) {
        try {
            return handler.handle(request);
        } catch (XRoadException e) {
            if (ApiResponse.statusOf(e) >= 500) {
                LOG.warn("{} {} failed: {}", request.method(), request.path(), e.toString(), e);
            }
            return ApiResponse.error(e);
        } catch (Exception e) {
            LOG.error("{} {} failed", request.method(), request.path(), e);
            return ApiResponse.error(500, "internal_error", "internal error");
        }
    }

    /** The raw path's segments, each URL-decoded; empty when malformed or when it has dot segments. */
    private static Optional<String[]> decodedSegments(String rawPath) {
        String[] segments = split(rawPath);
        for (int i = 0; i < segments.length; i++) {
            try {
                // '+' is a literal in paths, not a space.
                segments[i] = URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (segments[i].equals(".") || segments[i].equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(segments);
    }

    private static String[] split(String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals("/") ? new String[0] : p.substring(1).split("/", -1);
    }

    /** One template and its handlers by method. */
    private record Template(String template, List<String> segments, Map<String, ApiHandler> handlers) {

        static Template parse(String template) {
            if (!template.startsWith("/")) {
                throw new IllegalArgumentException("a route template starts with '/': " + template);
            }
            var segments = List.of(split(template));
            var names = new TreeSet<String>();
            for (String s : segments) {
                boolean variable = s.startsWith("{") && s.endsWith("}");
                if (s.isEmpty() || (!variable && (s.contains("{") || s.contains("}")))) {
                    throw new IllegalArgumentException("bad segment '" + s + "' in route template " + template);
                }
                if (variable && !names.add(s.substring(1, s.length() - 1))) {
                    throw new IllegalArgumentException("variable " + s + " appears twice in " + template);
                }
            }
            return new Template(template, segments, new LinkedHashMap<>());
        }

        static boolean isVariable(String segment) {
            return segment.startsWith("{");
        }

        boolean matches(String[] path) {
            if (path.length != segments.size()) {
                return false;
            }
            for (int i = 0; i < path.length; i++) {
                String s = segments.get(i);
                if (isVariable(s) ? path[i].isEmpty() : !s.equals(path[i])) {
                    return false;
                }
            }
            return true;
        }

        boolean moreSpecificThan(Template other) {
            for (int i = 0; i < segments.size(); i++) {
                boolean mine = isVariable(segments.get(i));
                boolean theirs = isVariable(other.segments.get(i));
                if (mine != theirs) {
                    return !mine;
                }
            }
            return true;
        }

        Map<String, String> variables(String[] path) {
            var values = new LinkedHashMap<String, String>();
            for (int i = 0; i < path.length; i++) {
                String s = segments.get(i);
                if (isVariable(s)) {
                    values.put(s.substring(1, s.length() - 1), path[i]);
                }
            }
            return values;
        }
    }

    /** Collects routes. Not thread-safe. */
    public static final class Builder {
        private final Map<List<String>, Template> templates = new LinkedHashMap<>();
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder() {
        }

        /** Routes {@code method} requests matching {@code template} to {@code handler}. */
        public Builder route(String method, String template, ApiHandler handler) {
            Template parsed = Template.parse(template);
            // Templates differing only in variable names are the same route.
            var key = new ArrayList<String>();
            for (String s : parsed.segments()) {
                key.add(Template.isVariable(s) ? "{}" : s);
            }
            Template existing = templates.computeIfAbsent(key, k -> parsed);
            if (!existing.segments().equals(parsed.segments())) {
                throw new IllegalArgumentException("route " + template + " clashes with " + existing.template());
            }
            String m = method.toUpperCase(Locale.ROOT);
            if (existing.handlers().putIfAbsent(m, Objects.requireNonNull(handler)) != null) {
                throw new IllegalArgumentException("route " + m + " " + template + " is defined twice");
            }
            return this;
        }

        public Builder get(String template, ApiHandler handler) {
            return route("GET", template, handler);
        }

        public Builder post(String template, ApiHandler handler) {
            return route("POST", template, handler);
        }

        public Builder put(String template, ApiHandler handler) {
            return route("PUT", template, handler);
        }

        public Builder patch(String template, ApiHandler handler) {
            return route("PATCH", template, handler);
        }

        public Builder delete(String template, ApiHandler handler) {
            return route("DELETE", template, handler);
        }

        /** Largest request body {@link ApiRequest#body()} accepts (default {@link #DEFAULT_MAX_BODY_BYTES}). */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes must not be negative, was " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        public Router build() {
            return new Router(this);
        }
    }
}
