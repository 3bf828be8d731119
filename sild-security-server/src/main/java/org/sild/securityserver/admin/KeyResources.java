package org.sild.securityserver.admin;

import static org.sild.securityserver.admin.AdminApi.V1;
import static org.sild.securityserver.admin.AdminRequests.answering;
import static org.sild.securityserver.admin.AdminRequests.enumValue;
import static org.sild.securityserver.admin.AdminRequests.required;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.pki.CertificationRequest;
import org.sild.core.pki.Pem;
import org.sild.runtime.http.ApiHandler;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.RouteTable;
import org.sild.securityserver.admin.AdminJson.CertificateImport;
import org.sild.securityserver.admin.AdminJson.Csr;
import org.sild.securityserver.admin.AdminJson.Key;
import org.sild.securityserver.admin.AdminJson.NewCsr;
import org.sild.securityserver.admin.AdminJson.NewKey;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.securityserver.signer.CertificateRequests;
import org.sild.securityserver.signer.KeyAlgorithm;
import org.sild.securityserver.signer.KeyPurpose;
import org.sild.securityserver.signer.Token;
import org.sild.securityserver.signer.TokenKey;

/**
 * Admin resources for the keys on the server's token, the first steps of joining an instance:
 * generate the authentication key and members' signing keys, make certification requests for the
 * CA, import the certificates the CA issued.
 */
final class KeyResources {

    private final ServerConfStore store;
    private final Token token;

    KeyResources(ServerConfStore store, Token token) {
        this.store = store;
        this.token = token;
    }

    void routes(RouteTable routes) {
        routes.get(V1 + "/keys", keys(r -> ApiResponse.ok(token.keys().stream().map(Key::of).toList())))
                .post(V1 + "/keys", keys(this::generate))
                .get(V1 + "/keys/{keyId}", keys(r -> ApiResponse.ok(Key.of(key(r)))))
                .delete(V1 + "/keys/{keyId}", keys(r -> {
                    token.deleteKey(key(r).id());
                    return ApiResponse.noContent();
                }))
                .post(V1 + "/keys/{keyId}/csr", keys(this::certificationRequest))
                .post(V1 + "/certificates", keys(this::importCertificate));
    }

    private ApiResponse generate(ApiRequest r) {
        NewKey body = r.bodyAs(NewKey.class);
        KeyPurpose purpose = enumValue("purpose", KeyPurpose.class, required("purpose", body.purpose()));
        Optional<MemberId> member = body.member().map(m -> {
            ClientId id = AdminRequests.client("member", m);
            if (!(id instanceof MemberId memberId)) {
                throw FieldException.invalid("member", "a signing key belongs to a member, not to subsystem " + m);
            }
            return memberId;
        });
        if (purpose == KeyPurpose.SIGNING && member.isEmpty()) {
            throw FieldException.invalid("member", "a signing key needs the member it signs for");
        }
        if (purpose == KeyPurpose.AUTHENTICATION && member.isPresent()) {
            throw FieldException.invalid("member", "the authentication key belongs to the server, not to a member");
        }
        if (purpose == KeyPurpose.AUTHENTICATION && token.keys().stream()
                .anyMatch(k -> k.purpose() == KeyPurpose.AUTHENTICATION)) {
            throw new FieldException(409, "conflict", "purpose", "the token already has an authentication key;"
                    + " delete it first to replace it");
        }
        KeyAlgorithm algorithm = body.algorithm().map(a -> enumValue("algorithm", KeyAlgorithm.class, a))
                .orElse(KeyAlgorithm.RSA_2048);
        String label = body.label().orElse(purpose == KeyPurpose.AUTHENTICATION ? "authentication"
                : "signing " + AdminJson.path(member.orElseThrow()));
        return ApiResponse.created(Key.of(token.generateKey(purpose, member, algorithm, label)));
    }

    private ApiResponse certificationRequest(ApiRequest r) {
        TokenKey key = key(r);
        Optional<String> subject = r.bodyAs(NewCsr.class).subject();
        byte[] der;
        if (subject.isPresent()) {
            X500Principal principal;
            try {
                principal = new X500Principal(subject.get());
            } catch (IllegalArgumentException e) {
                throw FieldException.invalid("subject", "'" + subject.get() + "' is not a distinguished name: "
                        + e.getMessage());
            }
            der = CertificateRequests.create(token, key.id(), key.purpose(), principal);
        } else if (key.purpose() == KeyPurpose.AUTHENTICATION) {
            SecurityServerId server = store.identity().orElseThrow(() -> new FieldException(409, "conflict",
                    "subject", "set the server's identity first (PUT " + V1 + "/identity): the authentication"
                    + " certificate names the server code"));
            der = CertificateRequests.authentication(token, key.id(), server);
        } else {
            der = CertificateRequests.signing(token, key.id());
        }
        String pem = CertificateRequests.pem(der);
        return ApiResponse.ok(new Csr(key.id(), CertificationRequest.parse(der).subject().getName(), pem));
    }

    private ApiResponse importCertificate(ApiRequest r) {
        String text = required("certificate", r.bodyAs(CertificateImport.class).certificate());
        List<X509Certificate> chain;
        try {
            chain = Pem.readCertificates(text);
        } catch (XRoadException | IllegalArgumentException e) {
            throw FieldException.invalid("certificate", "not PEM certificates: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw FieldException.invalid("certificate", "no certificate in the text");
        }
        return ApiResponse.created(Key.of(token.importCertificate(chain)));
    }

    private TokenKey key(ApiRequest r) {
        String id = r.pathVariable("keyId");
        return token.key(id).orElseThrow(() -> new FieldException(404, "not_found", "keyId", "no key " + id
                + " on token " + token.id()));
    }

    /** Answers the token's own refusals (unknown key, a certificate for the wrong key) as client errors. */
    private static ApiHandler keys(ApiHandler handler) {
        return answering(r -> {
            try {
                return handler.handle(r);
            } catch (XRoadException e) {
                if (e.code().endsWith(ErrorCode.KEY_NOT_FOUND)) {
                    return AdminRequests.error(404, "not_found", e.getMessage(), Optional.empty());
                }
                if (e.code().endsWith(ErrorCode.WRONG_CERT_USAGE)) {
                    return AdminRequests.error(400, "invalid_value", e.getMessage(), Optional.of("certificate"));
                }
                throw e;
            }
        });
    }
}
