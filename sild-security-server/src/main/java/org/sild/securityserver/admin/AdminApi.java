package org.sild.securityserver.admin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.admin.ApiKeyAuthenticator;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.OpenApiDocument;
import org.sild.runtime.http.RouteTable;
import org.sild.runtime.http.Router;
import org.sild.securityserver.datatracker.Declarations;
import org.sild.securityserver.description.DocumentSource;
import org.sild.securityserver.description.HttpDocumentSource;
import org.sild.securityserver.management.ManagementClient;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.signer.Token;

/**
 * The security server's admin REST API: JSON resources under {@value #V1} for the local
 * configuration (identity, maintenance mode, clients and their IS certificates, service
 * descriptions, services, endpoints, access rights, local groups, personal data declarations), the keys on its token (generate,
 * certification requests, certificate import), registration with the central server (management
 * requests), and its OpenAPI 3 document at
 * {@code /api/openapi.json} and {@code /api/openapi.yaml}; every request needs the API key.
 *
 * <p>Immutable and thread-safe once built; the handler runs requests on their virtual threads.
 */
public final class AdminApi {

    /** The prefix of every resource. */
    public static final String V1 = "/api/v1";

    private final Router router;
    private final List<RouteTable.Route> routes;

    /** An admin API that cannot send management requests (its registration routes answer 503). */
    public AdminApi(ServerConfStore store, Token token) {
        this(store, token, Optional.empty(), HttpDocumentSource.standard());
    }

    /** An admin API whose registration routes send management requests with {@code management}. */
    public AdminApi(ServerConfStore store, Token token, ManagementClient management) {
        this(store, token, Optional.of(management), HttpDocumentSource.standard());
    }

    /**
     * An admin API that sends management requests with {@code management} when present and downloads
     * WSDL and OpenAPI documents from {@code documents}.
     */
    public AdminApi(ServerConfStore store, Token token, Optional<ManagementClient> management,
            DocumentSource documents) {
        this(store, token, management, documents, Optional.empty());
    }

    /** The security server's admin API, with the personal data declarations of {@code declarations} (issue 7). */
    public AdminApi(ServerConfStore store, Token token, ManagementClient management, Declarations declarations) {
        this(store, token, Optional.of(management), HttpDocumentSource.standard(), Optional.of(declarations));
    }

    /** As the four-argument constructor; the personal data routes answer 503 without {@code declarations}. */
    public AdminApi(ServerConfStore store, Token token, Optional<ManagementClient> management,
            DocumentSource documents, Optional<Declarations> declarations) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(documents, "documents");
        OpenApiDocument document = document();
        Router.Builder builder = Router.builder();
        var table = new RouteTable(builder);
        table.get("/api/openapi.json", r -> ApiResponse.bytes(200, ApiResponse.JSON, document.json()))
                .get("/api/openapi.yaml", r -> ApiResponse.bytes(200, "application/yaml; charset=UTF-8",
                        document.yaml()));
        new ServerResources(store).routes(table);
        new ServiceResources(store, documents).routes(table);
        new AccessResources(store).routes(table);
        new KeyResources(store, token).routes(table);
        new RegistrationResources(store, token, management).routes(table);
        new PersonalDataResources(store, declarations).routes(table);
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
