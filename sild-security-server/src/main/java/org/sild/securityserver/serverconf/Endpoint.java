package org.sild.securityserver.serverconf;

import java.util.Objects;

/**
 * A REST endpoint of a service: an HTTP method (or {@code *}) and a path glob under the service,
 * to which access rights can be granted. Every REST service has the implicit whole-service endpoint
 * {@code * **}. The method is kept in upper case.
 */
public record Endpoint(String serviceCode, String method, String path) {

    public Endpoint {
        Objects.requireNonNull(serviceCode, "serviceCode");
        method = Checks.method(Objects.requireNonNull(method, "method"));
        path = Checks.pathGlob(Objects.requireNonNull(path, "path"));
    }

    /** The endpoint that stands for the whole service. */
    public static Endpoint wholeService(String serviceCode) {
        return new Endpoint(serviceCode, "*", "**");
    }

    /** Whether this is the whole-service endpoint {@code * **}. */
    public boolean isWholeService() {
        return method.equals("*") && path.equals("**");
    }
}
