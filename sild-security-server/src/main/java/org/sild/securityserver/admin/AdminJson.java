package org.sild.securityserver.admin;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.XRoadId;
import org.sild.core.id.XRoadIds;
import org.sild.core.pki.CertHashes;
import org.sild.core.pki.Pem;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.Endpoint;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.LocalGroup;
import org.sild.securityserver.serverconf.LocalService;
import org.sild.securityserver.serverconf.ServiceDescription;
import org.sild.securityserver.signer.TokenKey;

/**
 * The JSON shapes of the admin API (see its OpenAPI document), and how local configuration values
 * become them. Identifiers are in path form; times are ISO-8601; timeouts are seconds.
 */
final class AdminJson {

    private AdminJson() {
    }

    record Identity(String securityServer, String owner, String serverCode) {
        static Identity of(SecurityServerId id) {
            return new Identity(XRoadIds.toPath(id), XRoadIds.toPath(id.owner()), id.serverCode());
        }
    }

    record IdentityChange(String owner, String serverCode) {
    }

    record Maintenance(Boolean enabled, Optional<String> message) {
    }

    record Client(String id, String type, String status, String connectionType, List<Certificate> isCertificates) {
        static Client of(LocalClient c) {
            return new Client(XRoadIds.toPath(c.id()), c.id().objectType().name(), c.status().name(),
                    c.connectionType().name(), c.isCertificates().stream().map(Certificate::of).toList());
        }
    }

    record NewClient(String id, Optional<String> status, Optional<String> connectionType) {
    }

    record ClientChange(Optional<String> status, Optional<String> connectionType) {
    }

    /** An IS TLS certificate; {@code hash} is the lower-case hex SHA-256 of its DER. */
    record Certificate(String hash, String subject, String issuer, Instant notBefore, Instant notAfter, String pem) {
        static Certificate of(X509Certificate c) {
            return new Certificate(CertHashes.sha256Hex(c), c.getSubjectX500Principal().getName(),
                    c.getIssuerX500Principal().getName(), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                    Pem.writeCertificate(c));
        }
    }

    record NewCertificate(String certificate) {
    }

    record Description(String id, String client, String type, String url, boolean disabled,
            Optional<String> disabledNotice, Instant refreshedAt, List<Service> services, List<EndpointJson> endpoints) {
        static Description of(ServiceDescription d) {
            return new Description(d.id().toString(), XRoadIds.toPath(d.client()), d.type().name(), d.url().toString(),
                    d.isDisabled(), d.disabledNotice(), d.refreshedAt(),
                    d.services().stream().map(s -> Service.of(s, d)).toList(),
                    d.endpoints().stream().map(EndpointJson::of).toList());
        }
    }

    /**
     * Without {@code services}, a WSDL or OpenAPI description is downloaded and its services are read
     * from it; an OpenAPI one then needs {@code serviceCode}.
     */
    record NewDescription(String type, String url, Optional<List<NewService>> services, Optional<String> serviceCode) {
    }

    record Service(String id, String serviceCode, Optional<String> serviceVersion, String serviceDescriptionId,
            String type, String url, long timeout, boolean verifyTls, boolean disabled, Optional<String> disabledNotice) {
        static Service of(LocalService s, ServiceDescription d) {
            return new Service(XRoadIds.toPath(s.id()), s.id().serviceCode(), s.id().serviceVersion(),
                    d.id().toString(), s.type().name(), s.url().toString(), s.timeout().toSeconds(), s.verifyTls(),
                    s.isDisabled(), s.disabledNotice());
        }
    }

    record NewService(String serviceCode, Optional<String> serviceVersion, Optional<String> url,
            Optional<Long> timeout, Optional<Boolean> verifyTls) {
    }

    record ServiceChange(Optional<String> url, Optional<Long> timeout, Optional<Boolean> verifyTls) {
    }

    record Disable(Optional<String> notice) {
    }

    record EndpointJson(String serviceCode, String method, String path) {
        static EndpointJson of(Endpoint e) {
            return new EndpointJson(e.serviceCode(), e.method(), e.path());
        }
    }

    record NewEndpoint(String method, String path) {
    }

    record Right(String subject, String subjectType, String serviceCode, String method, String path) {
        static Right of(AccessRight r) {
            XRoadId s = r.subject();
            return new Right(XRoadIds.toPath(s), s.objectType().name(), r.serviceCode(), r.method(), r.pathGlob());
        }
    }

    record NewRight(String subject, Optional<String> subjectType, String serviceCode, Optional<String> method,
            Optional<String> path) {
    }

    record Group(String code, String description, Instant updatedAt, List<String> members) {
        static Group of(LocalGroup g) {
            return new Group(g.code(), g.description(), g.updatedAt(), g.members().stream().map(AdminJson::path).toList());
        }
    }

    record NewGroup(String code, Optional<String> description, Optional<List<String>> members) {
    }

    record GroupChange(String description) {
    }

    record Members(List<String> members) {
    }

    /** A key on the token; {@code certificate} once one is imported, {@code chain} its CA certificates count. */
    record Key(String id, String purpose, Optional<String> member, String label, String algorithm,
            Optional<Certificate> certificate, int chainLength) {
        static Key of(TokenKey k) {
            return new Key(k.id(), k.purpose().name(), k.member().map(AdminJson::path), k.label(),
                    k.publicKey().getAlgorithm(), k.certificate().map(Certificate::of), k.chain().size());
        }
    }

    record NewKey(String purpose, Optional<String> member, Optional<String> algorithm, Optional<String> label) {
    }

    record NewCsr(Optional<String> subject) {
    }

    record Csr(String keyId, String subject, String pem) {
    }

    /** PEM certificates: the leaf first, then any CA certificates. */
    record CertificateImport(String certificate) {
    }

    /** Registration of the server's authentication certificate: the address other servers reach it at. */
    record Registration(String address, Optional<Boolean> dryRun) {
    }

    record ClientRegistration(Optional<String> subsystemName) {
    }

    /** One of the other management requests: its service code and the fields that type needs. */
    record OtherRequest(String type, Optional<String> client, Optional<String> owner, Optional<String> address,
            Optional<String> subsystemName, Optional<String> message, Optional<String> certificate) {
    }

    /** A management request the central server accepted, with the id it gave it. */
    record Submitted(String type, long requestId) {
    }

    static String path(ClientId id) {
        return XRoadIds.toPath(id);
    }
}
