package org.sild.securityserver.admin;

import static org.sild.securityserver.admin.AdminApi.V1;
import static org.sild.securityserver.admin.AdminRequests.answering;
import static org.sild.securityserver.admin.AdminRequests.client;
import static org.sild.securityserver.admin.AdminRequests.enumValue;
import static org.sild.securityserver.admin.AdminRequests.required;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.runtime.http.ApiException;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.RouteTable;
import org.sild.securityserver.admin.AdminJson.Certificate;
import org.sild.securityserver.admin.AdminJson.Client;
import org.sild.securityserver.admin.AdminJson.ClientChange;
import org.sild.securityserver.admin.AdminJson.Identity;
import org.sild.securityserver.admin.AdminJson.IdentityChange;
import org.sild.securityserver.admin.AdminJson.Maintenance;
import org.sild.securityserver.admin.AdminJson.NewCertificate;
import org.sild.securityserver.admin.AdminJson.NewClient;
import org.sild.securityserver.serverconf.LocalClient.ConnectionType;
import org.sild.securityserver.serverconf.LocalClient.Status;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.ServerConfStore;

/** Admin resources for the server itself and its clients: identity, maintenance mode, clients, IS certificates. */
final class ServerResources {

    private final ServerConfStore store;

    ServerResources(ServerConfStore store) {
        this.store = store;
    }

    void routes(RouteTable routes) {
        routes.get(V1 + "/identity", answering(r -> ApiResponse.ok(Identity.of(store.identity()
                        .orElseThrow(() -> ApiException.notFound("the security server's identity is not set"))))))
                .put(V1 + "/identity", answering(this::setIdentity))
                .get(V1 + "/maintenance", answering(r -> ApiResponse.ok(maintenance())))
                .put(V1 + "/maintenance", answering(this::setMaintenance))
                .get(V1 + "/clients", answering(r -> ApiResponse.ok(store.clients().list().stream().map(Client::of)
                        .toList())))
                .post(V1 + "/clients", answering(this::addClient))
                .get(V1 + "/clients/{client}", answering(r -> ApiResponse.ok(Client.of(localClient(r)))))
                .patch(V1 + "/clients/{client}", answering(this::changeClient))
                .get(V1 + "/clients/{client}/is-certificates", answering(r -> ApiResponse.ok(
                        localClient(r).isCertificates().stream().map(Certificate::of).toList())))
                .post(V1 + "/clients/{client}/is-certificates", answering(this::addCertificate))
                .delete(V1 + "/clients/{client}/is-certificates/{hash}", answering(r -> {
                    store.clients().removeIsCertificate(client(r), r.pathVariable("hash"));
                    return ApiResponse.noContent();
                }));
    }

    private ApiResponse setIdentity(ApiRequest r) {
        IdentityChange body = r.bodyAs(IdentityChange.class);
        ClientId owner = client("owner", body.owner());
        if (!(owner instanceof MemberId member)) {
            throw FieldException.invalid("owner", "the owner " + body.owner() + " must be a member, not a subsystem");
        }
        SecurityServerId id = AdminRequests.id("serverCode",
                () -> new SecurityServerId(member, required("serverCode", body.serverCode())));
        store.setIdentity(id);
        return ApiResponse.ok(Identity.of(id));
    }

    private Maintenance maintenance() {
        Optional<String> message = store.maintenance();
        return new Maintenance(message.isPresent(), message);
    }

    private ApiResponse setMaintenance(ApiRequest r) {
        Maintenance body = r.bodyAs(Maintenance.class);
        boolean on = required("enabled", body.enabled());
        store.setMaintenance(on ? Optional.of(body.message().orElse("")) : Optional.empty());
        return ApiResponse.ok(maintenance());
    }

    private ApiResponse addClient(ApiRequest r) {
        NewClient body = r.bodyAs(NewClient.class);
        ClientId id = client("id", body.id());
        Status status = body.status().map(s -> enumValue("status", Status.class, s)).orElse(Status.REGISTERED);
        ConnectionType type = body.connectionType().map(t -> enumValue("connectionType", ConnectionType.class, t))
                .orElse(ConnectionType.SSLAUTH);
        return ApiResponse.created(Client.of(store.clients().add(id, status, type)));
    }

    private ApiResponse changeClient(ApiRequest r) {
        ClientId id = client(r);
        ClientChange body = r.bodyAs(ClientChange.class);
        Optional<Status> status = body.status().map(s -> enumValue("status", Status.class, s));
        Optional<ConnectionType> type = body.connectionType()
                .map(t -> enumValue("connectionType", ConnectionType.class, t));
        LocalClient result = localClient(r);
        if (status.isPresent()) {
            result = store.clients().setStatus(id, status.get());
        }
        if (type.isPresent()) {
            result = store.clients().setConnectionType(id, type.get());
        }
        return ApiResponse.ok(Client.of(result));
    }

    private ApiResponse addCertificate(ApiRequest r) {
        ClientId id = client(r);
        X509Certificate certificate = AdminRequests.certificate(r.bodyAs(NewCertificate.class).certificate());
        store.clients().addIsCertificate(id, certificate);
        return ApiResponse.created(Certificate.of(certificate));
    }

    private LocalClient localClient(ApiRequest r) {
        ClientId id = client(r);
        return store.clients().get(id).orElseThrow(() -> new FieldException(404, "not_found", "client",
                "client " + AdminJson.path(id) + " is not hosted here"));
    }
}
