package org.sild.securityserver.admin;

import static org.sild.securityserver.admin.AdminApi.V1;
import static org.sild.securityserver.admin.AdminRequests.answering;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.sild.core.fault.FaultStyle;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;
import org.sild.core.management.ManagementRequest.AuthCertReg;
import org.sild.core.management.ManagementRequest.ClientDeletion;
import org.sild.core.management.ManagementRequest.ClientReg;
import org.sild.core.management.ManagementRequest;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.RouteTable;
import org.sild.securityserver.admin.AdminJson.ClientRegistration;
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
 * the server's authentication certificate, register and delete clients. Each answers 202 with the
 * request id the central server gave; the change shows in global configuration once approved.
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
                .delete(V1 + "/clients/{client}/registration", answering(this::deleteClient));
    }

    private ApiResponse registerServer(ApiRequest r) {
        Registration body = r.bodyAs(Registration.class);
        String address = AdminRequests.required("address", body.address());
        X509Certificate authCert = token.keys().stream().filter(k -> k.purpose() == KeyPurpose.AUTHENTICATION)
                .map(TokenKey::certificate).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new FieldException(409, "conflict", "authCert", "the token has no authentication"
                        + " key with a certificate; generate one and import its certificate first"));
        return send(new AuthCertReg(identity(), Optional.of(address), authCert, body.dryRun()));
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
