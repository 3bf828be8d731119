package org.sild.runtime.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Adds routes to a {@link Router}, each handler passed through one wrapper (an admin API's error
 * mapping, say), and remembers them so that a test can hold them against the API's
 * {@link OpenApiDocument}. Not thread-safe; used while building.
 */
public final class RouteTable {

    /** One route: HTTP method and path template. */
    public record Route(String method, String template) {
    }

    private final Router.Builder builder;
    private final UnaryOperator<ApiHandler> wrap;
    private final List<Route> routes = new ArrayList<>();

    /** Routes added to {@code builder} as they are given. */
    public RouteTable(Router.Builder builder) {
        this(builder, UnaryOperator.identity());
    }

    /** Routes added to {@code builder}, each handler wrapped by {@code wrap}. */
    public RouteTable(Router.Builder builder, UnaryOperator<ApiHandler> wrap) {
        this.builder = Objects.requireNonNull(builder, "builder");
        this.wrap = Objects.requireNonNull(wrap, "wrap");
    }

    public RouteTable get(String template, ApiHandler handler) {
        return add("GET", template, handler);
    }

    public RouteTable post(String template, ApiHandler handler) {
        return add("POST", template, handler);
    }

    public RouteTable put(String template, ApiHandler handler) {
        return add("PUT", template, handler);
    }

    public RouteTable patch(String template, ApiHandler handler) {
        return add("PATCH", template, handler);
    }

    public RouteTable delete(String template, ApiHandler handler) {
        return add("DELETE", template, handler);
    }

    private RouteTable add(String method, String template, ApiHandler handler) {
        builder.route(method, template, wrap.apply(handler));
        routes.add(new Route(method, template));
        return this;
    }

    /** Every route added so far, in order. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
