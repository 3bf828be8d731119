package org.sild.centralserver.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sild.centralserver.audit.AuditEntry;
import org.sild.centralserver.registry.RecordedRequest;
import org.sild.centralserver.registry.RegisteredCa;
import org.sild.centralserver.registry.RegisteredServer;
import org.sild.centralserver.registry.RegisteredTsa;
import org.sild.centralserver.registry.Settings;
import org.sild.centralserver.registry.SigningKeyRecord;
import org.sild.centralserver.registry.TrustedAnchor;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.GlobalGroup;
import org.sild.core.globalconf.Member;
import org.sild.core.globalconf.SecurityServer.MaintenanceMode;
import org.sild.core.id.XRoadId;
import org.sild.core.id.XRoadIds;
import org.sild.core.management.ManagementRequest;
import org.sild.core.pki.CertHashes;
import org.sild.core.pki.Pem;
import org.sild.runtime.json.Json;

/**
 * The JSON shapes of the admin API (see its OpenAPI document), and how registry values become them.
 * Identifiers are in path form; times are ISO-8601; certificates carry their SHA-256 (hex) and PEM.
 */
final class AdminJson {

    private AdminJson() {
    }

    static String path(XRoadId id) {
        return XRoadIds.toPath(id);
    }

    record Certificate(String sha256, String subject, String issuer, Instant notBefore, Instant notAfter, String pem) {
        static Certificate of(X509Certificate c) {
            return new Certificate(CertHashes.sha256Hex(c), c.getSubjectX500Principal().getName(),
                    c.getIssuerX500Principal().getName(), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                    Pem.writeCertificate(c));
        }
    }

    record MemberClassJson(String code, String description) {
    }

    record Description(String description) {
    }

    record SubsystemJson(String id, String code, Optional<String> name) {
    }

    record MemberJson(String id, String memberClass, String memberCode, String name, List<SubsystemJson> subsystems) {
        static MemberJson of(Member m) {
            return new MemberJson(path(m.id()), m.id().memberClass(), m.id().memberCode(), m.name(),
                    m.subsystems().stream().map(s -> new SubsystemJson(path(s.id()), s.id().subsystem(), s.name()))
                            .toList());
        }
    }

    record NewMember(String memberClass, String memberCode, String name) {
    }

    record Name(String name) {
    }

    record NewSubsystem(String code, Optional<String> name) {
    }

    record SubsystemChange(Optional<String> name) {
    }

    record ServerClientJson(String id, String type, boolean enabled) {
    }

    record ServerJson(String id, String owner, String serverCode, Optional<String> address, boolean inMaintenance,
                      Optional<String> maintenanceMessage, List<ServerClientJson> clients,
                      List<Certificate> authCerts, Instant registeredAt) {
        static ServerJson of(RegisteredServer s) {
            return new ServerJson(path(s.id()), path(s.id().owner()), s.id().serverCode(), s.address(),
                    s.maintenanceMode().isPresent(), s.maintenanceMode().flatMap(MaintenanceMode::message),
                    s.clients().stream().map(c -> new ServerClientJson(path(c.id()), c.id().objectType().name(),
                            c.enabled())).toList(),
                    s.authCerts().stream().map(Certificate::of).toList(), s.registeredAt());
        }
    }

    record GroupJson(String code, String description, List<String> members) {
        static GroupJson of(GlobalGroup g) {
            return new GroupJson(g.id().groupCode(), g.description(), g.members().stream().map(AdminJson::path).toList());
        }
    }

    record NewGroup(String code, String description) {
    }

    record GroupMember(String member) {
    }

    record OcspJson(String url, Optional<Certificate> certificate) {
    }

    record IntermediateJson(Certificate certificate, List<OcspJson> ocspResponders) {
    }

    record CaJson(long id, String name, Certificate certificate, String certificateProfileInfo,
                  boolean authenticationOnly, List<OcspJson> ocspResponders, List<IntermediateJson> intermediateCas,
                  Instant createdAt) {
        static CaJson of(RegisteredCa r) {
            ApprovedCa ca = r.ca();
            return new CaJson(r.id(), ca.name(), Certificate.of(ca.topCa().cert()), ca.certificateProfileInfo(),
                    ca.isAuthenticationOnly(), ocsp(ca.topCa()), ca.intermediateCas().stream()
                    .map(i -> new IntermediateJson(Certificate.of(i.cert()), ocsp(i))).toList(), r.createdAt());
        }

        private static List<OcspJson> ocsp(ApprovedCa.CaInfo info) {
            return info.ocspResponders().stream().map(o -> new OcspJson(o.url(), o.cert().map(Certificate::of)))
                    .toList();
        }
    }

    record NewOcsp(String url, Optional<String> certificate) {
    }

    record NewIntermediate(String certificate, Optional<List<NewOcsp>> ocspResponders) {
    }

    record NewCa(Optional<String> name, String certificate, Optional<String> certificateProfileInfo,
                 Optional<Boolean> authenticationOnly, Optional<List<NewOcsp>> ocspResponders,
                 Optional<List<NewIntermediate>> intermediateCas) {
    }

    record TsaJson(long id, String name, String url, Certificate certificate, Instant createdAt) {
        static TsaJson of(RegisteredTsa t) {
            return new TsaJson(t.id(), t.tsa().name(), t.tsa().url(), Certificate.of(t.tsa().cert()), t.createdAt());
        }
    }

    record NewTsa(Optional<String> name, String url, String certificate) {
    }

    record SettingsJson(int ocspFreshnessSeconds, int timeStampingIntervalSeconds,
                        Optional<String> managementServiceProvider, Optional<String> authCertRegServiceAddress,
                        Optional<Certificate> authCertRegServiceCert, int configurationValiditySeconds,
                        boolean autoApproveAuthCertReg, boolean autoApproveClientReg, boolean autoApproveOwnerChange,
                        Optional<String> monitoringClient) {
        static SettingsJson of(Settings s) {
            return new SettingsJson(s.ocspFreshnessSeconds(), s.timeStampingIntervalSeconds(),
                    s.managementServiceProvider().map(AdminJson::path), s.authCertRegServiceAddress(),
                    s.authCertRegServiceCert().map(Certificate::of), s.configurationValiditySeconds(),
                    s.autoApproveAuthCertReg(), s.autoApproveClientReg(), s.autoApproveOwnerChange(),
                    s.monitoringClient().map(AdminJson::path));
        }
    }

    record SettingsChange(Optional<Integer> ocspFreshnessSeconds, Optional<Integer> timeStampingIntervalSeconds,
                          Optional<String> managementServiceProvider, Optional<String> authCertRegServiceAddress,
                          Optional<String> authCertRegServiceCert, Optional<Integer> configurationValiditySeconds,
                          Optional<Boolean> autoApproveAuthCertReg, Optional<Boolean> autoApproveClientReg,
                          Optional<Boolean> autoApproveOwnerChange, Optional<String> monitoringClient) {
    }

    record KeyJson(String keyId, String kind, String state, Certificate certificate, Instant createdAt,
                   Optional<Instant> activatedAt) {
        static KeyJson of(SigningKeyRecord k) {
            return new KeyJson(k.keyId(), k.kind().name(), k.state().name(), Certificate.of(k.cert()), k.createdAt(),
                    k.activatedAt());
        }
    }

    record NewKey(String kind) {
    }

    record AnchorJson(String instance, String fileHash, Instant uploadedAt, List<String> downloadUrls) {
        static AnchorJson of(TrustedAnchor a) {
            return new AnchorJson(a.instance(), a.fileHash(), a.uploadedAt(),
                    a.anchor().sources().stream().map(s -> s.downloadUrl()).toList());
        }
    }

    record RequestJson(long id, String type, String state, String server, String origin, Instant submittedAt,
                       Optional<Instant> decidedAt, Optional<String> decidedBy, Optional<Long> revokedBy,
                       Optional<String> client, Optional<String> address, Optional<Certificate> authCert,
                       Optional<String> name) {
        static RequestJson of(RecordedRequest r) {
            ManagementRequest q = r.request();
            Optional<String> client = Optional.empty();
            Optional<String> address = Optional.empty();
            Optional<X509Certificate> cert = Optional.empty();
            Optional<String> name = Optional.empty();
            switch (q) {
                case ManagementRequest.AuthCertReg a -> {
                    address = a.address();
                    cert = Optional.of(a.authCert());
                }
                case ManagementRequest.AuthCertDeletion a -> cert = Optional.of(a.authCert());
                case ManagementRequest.ClientReg c -> {
                    client = Optional.of(path(c.client()));
                    name = c.subsystemName();
                }
                case ManagementRequest.ClientDeletion c -> client = Optional.of(path(c.client()));
                case ManagementRequest.ClientEnable c -> client = Optional.of(path(c.client()));
                case ManagementRequest.ClientDisable c -> client = Optional.of(path(c.client()));
                case ManagementRequest.ClientRename c -> {
                    client = Optional.of(path(c.client()));
                    name = Optional.of(c.subsystemName());
                }
                case ManagementRequest.OwnerChange o -> client = Optional.of(path(o.client()));
                case ManagementRequest.AddressChange a -> address = Optional.of(a.address());
                case ManagementRequest.MaintenanceModeEnable m -> name = m.message();
                case ManagementRequest.MaintenanceModeDisable m -> {
                    // Nothing besides the server.
                }
            }
            return new RequestJson(r.id(), q.type().serviceCode(), r.state().name(), path(q.server()), r.origin(),
                    r.submittedAt(), r.decidedAt(), r.decidedBy(), r.revokedBy(), client, address,
                    cert.map(Certificate::of), name);
        }
    }

    record AuditJson(long id, Instant at, String actor, String action, String target, JsonNode details) {
        static AuditJson of(AuditEntry e) {
            JsonNode details;
            try {
                details = Json.mapper().readTree(e.details());
            } catch (IOException ex) {
                details = Json.mapper().getNodeFactory().textNode(e.details());
            }
            return new AuditJson(e.id(), e.at(), e.actor(), e.action(), e.target(), details);
        }
    }

    record ConfigurationStatus(Optional<String> generation, Optional<Instant> expireDate, Optional<String> problem) {
    }

    record InstanceJson(String instanceIdentifier, String address, long registryVersion,
                        ConfigurationStatus configuration) {
    }
}
