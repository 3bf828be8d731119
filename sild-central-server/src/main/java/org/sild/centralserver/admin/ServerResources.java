package org.sild.centralserver.admin;

import static org.sild.centralserver.admin.AdminApi.V1;
import static org.sild.centralserver.admin.AdminRequests.actor;
import static org.sild.centralserver.admin.AdminRequests.as;
import static org.sild.centralserver.admin.AdminRequests.intQuery;
import static org.sild.centralserver.admin.AdminRequests.number;
import static org.sild.centralserver.admin.AdminRequests.server;

import org.sild.centralserver.admin.AdminJson.Certificate;
import org.sild.centralserver.admin.AdminJson.RequestJson;
import org.sild.centralserver.admin.AdminJson.ServerJson;
import org.sild.centralserver.registry.RegisteredServer;
import org.sild.centralserver.registry.Registry;
import org.sild.centralserver.registry.RequestFilter;
import org.sild.centralserver.registry.RequestState;
import org.sild.core.id.SecurityServerId;
import org.sild.core.management.ManagementRequestType;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.RouteTable;

/** Admin resources for security servers and the management requests that change them. */
final class ServerResources {

    private final Registry registry;

    ServerResources(Registry registry) {
        this.registry = registry;
    }

    void routes(RouteTable routes) {
        routes.get(V1 + "/security-servers", r -> ApiResponse.ok(registry.servers().list().stream()
                        .map(ServerJson::of).toList()))
                .get(V1 + "/security-servers/{server}", r -> ApiResponse.ok(ServerJson.of(find(r))))
                .delete(V1 + "/security-servers/{server}", r -> {
                    as(registry, r).servers().remove(server(r));
                    return ApiResponse.noContent();
                })
                .get(V1 + "/security-servers/{server}/clients", r -> ApiResponse.ok(ServerJson.of(find(r)).clients()))
                .get(V1 + "/security-servers/{server}/auth-certs", r -> ApiResponse.ok(find(r).authCerts().stream()
                        .map(Certificate::of).toList()))
                .get(V1 + "/management-requests", this::listRequests)
                .get(V1 + "/management-requests/{id}", r -> ApiResponse.ok(RequestJson.of(registry.managementRequests()
                        .get(number(r, "id")).orElseThrow(() -> FieldException.notFound("id",
                                "no management request " + r.pathVariable("id"))))))
                .post(V1 + "/management-requests/{id}/approve", r -> ApiResponse.ok(RequestJson.of(
                        registry.managementRequests().approve(number(r, "id"), actor(r)))))
                .post(V1 + "/management-requests/{id}/reject", r -> ApiResponse.ok(RequestJson.of(
                        registry.managementRequests().reject(number(r, "id"), actor(r)))));
    }

    private RegisteredServer find(ApiRequest r) {
        SecurityServerId id = server(r);
        return registry.servers().get(id).orElseThrow(() -> FieldException.notFound("server",
                "no security server " + id));
    }

    private ApiResponse listRequests(ApiRequest r) {
        RequestFilter filter = RequestFilter.all().withPage(intQuery(r, "limit", 100, 1, RequestFilter.MAX_LIMIT),
                intQuery(r, "offset", 0, 0, Integer.MAX_VALUE));
        if (r.queryParameter("state").isPresent()) {
            filter = filter.withState(AdminRequests.enumValue("state", RequestState.class,
                    r.queryParameter("state").get()));
        }
        if (r.queryParameter("type").isPresent()) {
            String type = r.queryParameter("type").get();
            filter = filter.withType(java.util.Arrays.stream(ManagementRequestType.values())
                    .filter(t -> t.serviceCode().equalsIgnoreCase(type) || t.name().equalsIgnoreCase(type)).findFirst()
                    .orElseThrow(() -> FieldException.invalid("type", "type '" + type
                            + "' is not a management service code such as authCertReg or clientReg")));
        }
        if (r.queryParameter("server").isPresent()) {
            String value = r.queryParameter("server").get();
            filter = filter.withServer(AdminRequests.id("server",
                    () -> org.sild.core.id.XRoadIds.parseSecurityServerPath(value)));
        }
        return ApiResponse.ok(registry.managementRequests().list(filter).stream().map(RequestJson::of).toList());
    }
}
