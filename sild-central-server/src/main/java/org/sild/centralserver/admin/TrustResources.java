package org.sild.centralserver.admin;

import static org.sild.centralserver.admin.AdminApi.V1;
import static org.sild.centralserver.admin.AdminRequests.as;
import static org.sild.centralserver.admin.AdminRequests.certificate;
import static org.sild.centralserver.admin.AdminRequests.number;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.sild.centralserver.admin.AdminJson.AnchorJson;
import org.sild.centralserver.admin.AdminJson.CaJson;
import org.sild.centralserver.admin.AdminJson.NewCa;
import org.sild.centralserver.admin.AdminJson.NewOcsp;
import org.sild.centralserver.admin.AdminJson.NewTsa;
import org.sild.centralserver.admin.AdminJson.TsaJson;
import org.sild.centralserver.registry.Registry;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.RouteTable;

/**
 * Admin resources for the trust policy: approved certification authorities, time-stamping
 * authorities, and trusted anchors of federated instances (uploaded as the anchor XML file).
 */
final class TrustResources {

    /** X-Road's default certificate profile, for CAs added without one. */
    static final String EJBCA_PROFILE = "ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider";

    private final Registry registry;

    TrustResources(Registry registry) {
        this.registry = registry;
    }

    void routes(RouteTable routes) {
        routes.get(V1 + "/certification-authorities", r -> ApiResponse.ok(registry.trustServices().cas().stream()
                        .map(CaJson::of).toList()))
                .post(V1 + "/certification-authorities", r -> ApiResponse.created(CaJson.of(as(registry, r)
                        .trustServices().addCa(ca(r.bodyAs(NewCa.class))))))
                .get(V1 + "/certification-authorities/{id}", r -> ApiResponse.ok(CaJson.of(registry.trustServices()
                        .ca(number(r, "id")).orElseThrow(() -> FieldException.notFound("id",
                                "no approved CA " + r.pathVariable("id"))))))
                .put(V1 + "/certification-authorities/{id}", r -> ApiResponse.ok(CaJson.of(as(registry, r)
                        .trustServices().replaceCa(number(r, "id"), ca(r.bodyAs(NewCa.class))))))
                .delete(V1 + "/certification-authorities/{id}", r -> {
                    as(registry, r).trustServices().removeCa(number(r, "id"));
                    return ApiResponse.noContent();
                })
                .get(V1 + "/timestamping-services", r -> ApiResponse.ok(registry.trustServices().tsas().stream()
                        .map(TsaJson::of).toList()))
                .post(V1 + "/timestamping-services", r -> {
                    NewTsa body = r.bodyAs(NewTsa.class);
                    X509Certificate cert = certificate("certificate", body.certificate());
                    return ApiResponse.created(TsaJson.of(as(registry, r).trustServices().addTsa(new ApprovedTsa(
                            body.name().orElseGet(() -> commonName(cert)), AdminRequests.required("url", body.url()),
                            cert, Optional.empty()))));
                })
                .delete(V1 + "/timestamping-services/{id}", r -> {
                    as(registry, r).trustServices().removeTsa(number(r, "id"));
                    return ApiResponse.noContent();
                })
                .get(V1 + "/trusted-anchors", r -> ApiResponse.ok(registry.trustedAnchors().list().stream()
                        .map(AnchorJson::of).toList()))
                .post(V1 + "/trusted-anchors", r -> ApiResponse.created(AnchorJson.of(as(registry, r).trustedAnchors()
                        .add(anchorFile(r)))))
                .delete(V1 + "/trusted-anchors/{instance}", r -> {
                    as(registry, r).trustedAnchors().remove(r.pathVariable("instance"));
                    return ApiResponse.noContent();
                });
    }

    private static byte[] anchorFile(ApiRequest r) {
        String type = r.header("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("application/xml") && !type.startsWith("text/xml")) {
            throw new FieldException(415, "unsupported_media_type", "anchor",
                    "upload the anchor file with Content-Type application/xml, not '" + type + "'");
        }
        return r.body();
    }

    private static ApprovedCa ca(NewCa body) {
        X509Certificate top = certificate("certificate", body.certificate());
        List<ApprovedCa.CaInfo> intermediates = body.intermediateCas().orElse(List.of()).stream()
                .map(i -> new ApprovedCa.CaInfo(certificate("intermediateCas.certificate", i.certificate()),
                        ocsp(i.ocspResponders()))).toList();
        return new ApprovedCa(body.name().orElseGet(() -> commonName(top)), body.authenticationOnly().map(b -> b),
                new ApprovedCa.CaInfo(top, ocsp(body.ocspResponders())), intermediates,
                body.certificateProfileInfo().orElse(EJBCA_PROFILE), Optional.empty(), Optional.empty());
    }

    private static List<ApprovedCa.OcspResponder> ocsp(Optional<List<NewOcsp>> responders) {
        return responders.orElse(List.of()).stream().map(o -> new ApprovedCa.OcspResponder(
                AdminRequests.required("ocspResponders.url", o.url()),
                o.certificate().map(c -> certificate("ocspResponders.certificate", c)), Optional.empty())).toList();
    }

    /** The certificate's CN, or its whole subject, as X-Road names CAs and TSAs by default. */
    static String commonName(X509Certificate cert) {
        String subject = cert.getSubjectX500Principal().getName();
        for (String rdn : subject.split(",")) {
            if (rdn.strip().startsWith("CN=")) {
                return rdn.strip().substring(3);
            }
        }
        return subject;
    }
}
