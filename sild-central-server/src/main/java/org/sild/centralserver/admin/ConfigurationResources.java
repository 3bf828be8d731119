package org.sild.centralserver.admin;

import static org.sild.centralserver.admin.AdminApi.V1;
import static org.sild.centralserver.admin.AdminRequests.actor;
import static org.sild.centralserver.admin.AdminRequests.as;
import static org.sild.centralserver.admin.AdminRequests.intQuery;

import java.util.Optional;
import org.sild.centralserver.admin.AdminJson.AuditJson;
import org.sild.centralserver.admin.AdminJson.ConfigurationStatus;
import org.sild.centralserver.admin.AdminJson.InstanceJson;
import org.sild.centralserver.admin.AdminJson.KeyJson;
import org.sild.centralserver.admin.AdminJson.NewKey;
import org.sild.centralserver.admin.AdminJson.SettingsChange;
import org.sild.centralserver.admin.AdminJson.SettingsJson;
import org.sild.centralserver.audit.AuditQuery;
import org.sild.centralserver.globalconf.ConfigurationKeys;
import org.sild.centralserver.globalconf.ConfigurationPublisher;
import org.sild.centralserver.registry.Registry;
import org.sild.centralserver.registry.Settings;
import org.sild.centralserver.registry.SigningKeyRecord.Kind;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.runtime.http.ApiException;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.RouteTable;

/**
 * Admin resources for the instance and its published configuration: status, global settings,
 * signing keys (generate, activate, delete), anchor downloads, and the audit log.
 */
final class ConfigurationResources {

    private final Registry registry;
    private final ConfigurationPublisher publisher;
    private final ConfigurationKeys keys;

    ConfigurationResources(Registry registry, ConfigurationPublisher publisher, ConfigurationKeys keys) {
        this.registry = registry;
        this.publisher = publisher;
        this.keys = keys;
    }

    void routes(RouteTable routes) {
        routes.get(V1 + "/instance", r -> {
                    var s = publisher.status();
                    return ApiResponse.ok(new InstanceJson(registry.instance(), publisher.address(), registry.version(),
                            new ConfigurationStatus(s.generation(), s.expireDate(), s.problem())));
                })
                .get(V1 + "/settings", r -> ApiResponse.ok(SettingsJson.of(registry.settings())))
                .patch(V1 + "/settings", r -> {
                    SettingsChange body = r.bodyAs(SettingsChange.class);
                    return ApiResponse.ok(SettingsJson.of(as(registry, r).changeSettings(s -> apply(s, body))));
                })
                .get(V1 + "/signing-keys", r -> ApiResponse.ok(keys.list().stream().map(KeyJson::of).toList()))
                .post(V1 + "/signing-keys", r -> {
                    Kind kind = AdminRequests.enumValue("kind", Kind.class,
                            AdminRequests.required("kind", r.bodyAs(NewKey.class).kind()));
                    return ApiResponse.created(KeyJson.of(keys.generate(kind, actor(r))));
                })
                .post(V1 + "/signing-keys/{keyId}/activate", r -> ApiResponse.ok(KeyJson.of(
                        keys.activate(keyId(r), actor(r)))))
                .delete(V1 + "/signing-keys/{keyId}", r -> {
                    keys.delete(keyId(r), actor(r));
                    return ApiResponse.noContent();
                })
                .get(V1 + "/anchors/internal", r -> anchor(publisher.internalAnchor(), "internal"))
                .get(V1 + "/anchors/external", r -> anchor(publisher.externalAnchor(), "external"))
                .get(V1 + "/audit", this::audit);
    }

    private static String keyId(ApiRequest r) {
        String id = r.pathVariable("keyId");
        if (!org.sild.centralserver.registry.SigningKeys.KEY_ID.matcher(id).matches()) {
            throw FieldException.notFound("keyId", "no signing key " + id);
        }
        return id;
    }

    private ApiResponse anchor(Optional<ConfigurationAnchor> anchor, String which) {
        ConfigurationAnchor a = anchor.orElseThrow(() -> new ApiException(409, "not_published",
                "the global configuration is not published yet: " + publisher.status().problem().orElse("starting")));
        String file = "configuration-anchor-" + registry.instance() + "-" + which + ".xml";
        return ApiResponse.bytes(200, "application/xml", a.toXml())
                .withHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
    }

    private ApiResponse audit(ApiRequest r) {
        var query = AuditQuery.latest().withPage(intQuery(r, "limit", AuditQuery.DEFAULT_LIMIT, 1,
                AuditQuery.MAX_LIMIT), intQuery(r, "offset", 0, 0, Integer.MAX_VALUE));
        if (r.queryParameter("actor").isPresent()) {
            query = query.withActor(r.queryParameter("actor").get());
        }
        if (r.queryParameter("action").isPresent()) {
            query = query.withAction(r.queryParameter("action").get());
        }
        return ApiResponse.ok(registry.audit().list(query).stream().map(AuditJson::of).toList());
    }

    /** The settings with the fields {@code c} has replaced; the result is checked as a whole. */
    private static Settings apply(Settings s, SettingsChange c) {
        return new Settings(c.ocspFreshnessSeconds().orElse(s.ocspFreshnessSeconds()),
                c.timeStampingIntervalSeconds().orElse(s.timeStampingIntervalSeconds()),
                c.managementServiceProvider().map(p -> AdminRequests.client("managementServiceProvider", p))
                        .or(s::managementServiceProvider),
                c.authCertRegServiceAddress().or(s::authCertRegServiceAddress),
                c.authCertRegServiceCert().isPresent()
                        ? c.authCertRegServiceCert().filter(pem -> !pem.isBlank())
                                .map(pem -> AdminRequests.certificate("authCertRegServiceCert", pem))
                        : s.authCertRegServiceCert(),
                c.configurationValiditySeconds().orElse(s.configurationValiditySeconds()),
                c.autoApproveAuthCertReg().orElse(s.autoApproveAuthCertReg()),
                c.autoApproveClientReg().orElse(s.autoApproveClientReg()),
                c.autoApproveOwnerChange().orElse(s.autoApproveOwnerChange()),
                c.monitoringClient().isPresent()       // an empty value removes the monitoring client
                        ? c.monitoringClient().filter(id -> !id.isBlank())
                                .map(id -> AdminRequests.client("monitoringClient", id))
                        : s.monitoringClient());
    }
}
