package org.sild.securityserver.admin;

import static org.sild.securityserver.admin.AdminApi.V1;
import static org.sild.securityserver.admin.AdminRequests.answering;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.sild.core.fault.FaultStyle;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;
import org.sild.core.management.ManagementRequest.AddressChange;
import org.sild.core.management.ManagementRequest.AuthCertDeletion;
import org.sild.core.management.ManagementRequest.AuthCertReg;
import org.sild.core.management.ManagementRequest.ClientDeletion;
import org.sild.core.management.ManagementRequest.ClientDisable;
import org.sild.core.management.ManagementRequest.ClientEnable;
import org.sild.core.management.ManagementRequest.ClientReg;
import org.sild.core.management.ManagementRequest.ClientRename;
import org.sild.core.management.ManagementRequest.MaintenanceModeDisable;
import org.sild.core.management.ManagementRequest.MaintenanceModeEnable;
import org.sild.core.management.ManagementRequest.OwnerChange;
import org.sild.core.management.ManagementRequest;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.RouteTable;
import org.sild.securityserver.admin.AdminJson.ClientRegistration;
import org.sild.securityserver.admin.AdminJson.OtherRequest;
import org.sild.securityserver.admin.AdminJson.Registration;
import org.sild.securityserver.admin.AdminJson.Submitted;
import org.sild.securityserver.management.ManagementClient;
import org.sild.securityserver.serverconf.LocalClient.ConnectionType;
import org.sild.securityserver.serverconf.LocalClient.Status;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.signer.KeyPurpose;
import org.sild.securityserver.signer.Token;
import org.sild.securityserver.signer.TokenKey;

/**
 * Admin resources that ask the central server for changes through management requests: register
 * the server's authentication certificate, register and delete clients, and the other requests of
 * PR-MSERV. Each answers 202 with the request id the central server gave; the change shows in
 * global configuration once approved.
 */
final class RegistrationResources {

    private final ServerConfStore store;
    private final Token token;
    private final Optional<ManagementClient> management;

    RegistrationResources(ServerConfStore store, Token token, Optional<ManagementClient> management) {
        this.store = store;
        this.token = token;
        this.management = management;
    }

    void routes(RouteTable routes) {
        routes.post(V1 + "/registration", answering(this::registerServer))
                .post(V1 + "/clients/{client}/registration", answering(this::registerClient))
                .delete(V1 + "/clients/{client}/registration", answering(this::deleteClient))
                .post(V1 + "/management-requests", answering(this::otherRequest));
    }

    private ApiResponse registerServer(ApiRequest r) {
        Registration body = r.bodyAs(Registration.class);
        String address = AdminRequests.required("address", body.address());
        return send(new AuthCertReg(identity(), Optional.of(address), authCert(), body.dryRun()));
    }

    private ApiResponse registerClient(ApiRequest r) {
        ClientId client = AdminRequests.client(r);
        Optional<String> name = r.bodyAs(ClientRegistration.class).subsystemName();
        if (name.isPresent() && !(client instanceof SubsystemId)) {
            throw FieldException.invalid("subsystemName", "only a subsystem has a name of its own");
        }
        ApiResponse answer = send(new ClientReg(identity(), client, name));
        if (store.clients().get(client).isEmpty()) {
            store.clients().add(client, Status.REGISTRATION_IN_PROGRESS, ConnectionType.SSLAUTH);
        } else {
            store.clients().setStatus(client, Status.REGISTRATION_IN_PROGRESS);
        }
        return answer;
    }

    private ApiResponse deleteClient(ApiRequest r) {
        ClientId client = AdminRequests.hostedClient(store, r);
        ApiResponse answer = send(new ClientDeletion(identity(), client));
        store.clients().setStatus(client, Status.DELETION_IN_PROGRESS);
        return answer;
    }

    /**
     * The other management requests of this server, named by their service code: authCertDeletion
     * (the token's authentication certificate unless one is given), ownerChange, addressChange,
     * clientEnable, clientDisable, clientRename, maintenanceModeEnable, maintenanceModeDisable. A
     * maintenance request the central server accepted is also recorded locally.
     */
    private ApiResponse otherRequest(ApiRequest r) {
        OtherRequest body = r.bodyAs(OtherRequest.class);
        String type = AdminRequests.required("type", body.type());
        SecurityServerId self = identity();
        ManagementRequest request = switch (type) {
            case "authCertDeletion" -> new AuthCertDeletion(self, body.certificate()
                    .map(AdminRequests::certificate).orElseGet(this::authCert));
            case "ownerChange" -> new OwnerChange(self, member("owner", body.owner()));
            case "addressChange" -> new AddressChange(self, AdminRequests.required("address", body.address().orElse(null)));
            case "clientEnable" -> new ClientEnable(self, AdminRequests.client("client", body.client().orElse(null)));
            case "clientDisable" -> new ClientDisable(self, AdminRequests.client("client", body.client().orElse(null)));
            case "clientRename" -> new ClientRename(self, AdminRequests.client("client", body.client().orElse(null)),
                    AdminRequests.required("subsystemName", body.subsystemName().orElse(null)));
            case "maintenanceModeEnable" -> new MaintenanceModeEnable(self, body.message());
            case "maintenanceModeDisable" -> new MaintenanceModeDisable(self);
            case "authCertReg", "clientReg", "clientDeletion" -> throw FieldException.invalid("type", type
                    + " has its own route: POST " + V1 + "/registration or " + V1 + "/clients/{client}/registration");
            default -> throw FieldException.invalid("type", "'" + type + "' is not a management request type");
        };
        ApiResponse answer = send(request);
        if (answer.status() == 202 && request instanceof MaintenanceModeEnable enable) {
            store.setMaintenance(Optional.of(enable.message().orElse("")));
        } else if (answer.status() == 202 && request instanceof MaintenanceModeDisable) {
            store.setMaintenance(Optional.empty());
        }
        return answer;
    }

    private X509Certificate authCert() {
        return token.keys().stream().filter(k -> k.purpose() == KeyPurpose.AUTHENTICATION)
                .map(TokenKey::certificate).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new FieldException(409, "conflict", "authCert", "the token has no authentication"
                        + " key with a certificate; generate one and import its certificate first"));
    }

    private static MemberId member(String field, Optional<String> value) {
        ClientId id = AdminRequests.client(field, value.orElse(null));
        if (!(id instanceof MemberId member)) {
            throw FieldException.invalid(field, field + " must be a member, not subsystem " + value.orElseThrow());
        }
        return member;
    }

    private SecurityServerId identity() {
        return store.identity().orElseThrow(() -> new FieldException(409, "conflict", "identity",
                "set the server's identity first (PUT " + V1 + "/identity)"));
    }

    /** Sends {@code request}; the central server's refusal or an unreachable one is a 502 naming the fault. */
    private ApiResponse send(ManagementRequest request) {
        ManagementClient client = management.orElseThrow(() -> new FieldException(503, "unavailable", "request",
                "this admin API cannot send management requests"));
        try {
            long id = client.send(request);
            return ApiResponse.json(202, new Submitted(request.type().serviceCode(), id));
        } catch (XRoadException e) {
            return AdminRequests.error(502, "management_request_failed", e.formattedCode(FaultStyle.CLASSIC) + ": "
                    + e.getMessage(), Optional.empty());
        }
    }
}
