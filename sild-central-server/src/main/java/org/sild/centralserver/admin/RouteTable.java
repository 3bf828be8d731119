package org.sild.centralserver.admin;

import java.util.ArrayList;
import java.util.List;
import org.sild.runtime.http.ApiHandler;
import org.sild.runtime.http.Router;

/**
 * Adds routes to a {@link Router}, every handler wrapped to answer refused changes with the field
 * named, and remembers them so that a test can hold them against the OpenAPI document. Not
 * thread-safe; used while building.
 */
final class RouteTable {

    /** One route: method and template. */
    record Route(String method, String template) {
    }

    private final Router.Builder builder;
    private final List<Route> routes = new ArrayList<>();

    RouteTable(Router.Builder builder) {
        this.builder = builder;
    }

    RouteTable get(String template, ApiHandler handler) {
        return add("GET", template, handler);
    }

    RouteTable post(String template, ApiHandler handler) {
        return add("POST", template, handler);
    }

    RouteTable put(String template, ApiHandler handler) {
        return add("PUT", template, handler);
    }

    RouteTable patch(String template, ApiHandler handler) {
        return add("PATCH", template, handler);
    }

    RouteTable delete(String template, ApiHandler handler) {
        return add("DELETE", template, handler);
    }

    private RouteTable add(String method, String template, ApiHandler handler) {
        builder.route(method, template, AdminRequests.answering(handler));
        routes.add(new Route(method, template));
        return this;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }
}
