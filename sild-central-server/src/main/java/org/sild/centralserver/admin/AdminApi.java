package org.sild.centralserver.admin;

import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.sild.centralserver.globalconf.ConfigurationKeys;
import org.sild.centralserver.globalconf.ConfigurationPublisher;
import org.sild.centralserver.registry.Registry;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.admin.ApiKeyAuthenticator;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.OpenApiDocument;
import org.sild.runtime.http.RouteTable;
import org.sild.runtime.http.Router;

/**
 * The central server's admin REST API: JSON resources under {@value #V1} for the instance and its
 * published configuration, member classes, members, subsystems, security servers, global groups,
 * approved CAs and TSAs, global settings, signing keys, trusted anchors, management requests,
 * anchor downloads and the audit log; its OpenAPI 3 document at {@code /api/openapi.json} (and
 * {@code /api/openapi.yaml}). Every request needs an API key; every change is audited under the
 * key's name.
 *
 * <p>Immutable and thread-safe once built; the handler runs requests on their virtual threads.
 */
public final class AdminApi {

    /** The prefix of every resource. */
    public static final String V1 = "/api/v1";

    private final Router router;
    private final List<RouteTable.Route> routes;

    public AdminApi(Registry registry, ConfigurationPublisher publisher, ConfigurationKeys keys) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(keys, "keys");
        OpenApiDocument document = document();
        Router.Builder builder = Router.builder();
        var table = new RouteTable(builder, AdminRequests::answering);
        table.get("/api/openapi.json", r -> ApiResponse.bytes(200, ApiResponse.JSON, document.json()))
                .get("/api/openapi.yaml", r -> ApiResponse.bytes(200, "application/yaml; charset=UTF-8",
                        document.yaml()));
        new ConfigurationResources(registry, publisher, keys).routes(table);
        new MemberResources(registry).routes(table);
        new ServerResources(registry).routes(table);
        new TrustResources(registry).routes(table);
        this.router = builder.build();
        this.routes = table.routes();
    }

    /** The routes as a Jetty handler, without authentication (to wrap in another check). */
    public Router router() {
        return router;
    }

    /**
     * The routes behind the API key check: requests need one of {@code keys}
     * ({@code Authorization: X-Road-ApiKey token=<key>} or {@code Bearer <key>}); with no keys every
     * request is refused.
     */
    public Handler handler(List<ApiKey> keys) {
        return new ApiKeyAuthenticator(keys, router);
    }

    List<RouteTable.Route> routes() {
        return routes;
    }

    /** The hand-written OpenAPI document of this API ({@code openapi.yaml} beside this class). */
    static OpenApiDocument document() {
        return OpenApiDocument.load(AdminApi.class, "openapi.yaml");
    }
}
