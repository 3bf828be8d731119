package org.sild.core.globalconf;

import java.util.HashMap;
import java.util.Map;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;

/**
 * Writes shared parameters in the version 6 shape. Members and subsystems get the ids
 * {@code id0, id1, ...} in document order, as the central server numbers them.
 */
final class SharedParametersWriter {

    private SharedParametersWriter() {
    }

    static byte[] write(SharedParameters p) {
        var out = new XmlOut("conf");
        out.text("instanceIdentifier", p.instanceIdentifier());
        for (CentralServerSource s : p.sources()) {
            out.start("source").text("address", s.address());
            s.internalVerificationCerts().forEach(cert -> out.base64("internalVerificationCert", cert.bytes()));
            s.externalVerificationCerts().forEach(cert -> out.base64("externalVerificationCert", cert.bytes()));
            out.end();
        }
        p.approvedCas().forEach(ca -> approvedCa(out, ca));
        for (ApprovedTsa tsa : p.approvedTsas()) {
            out.start("approvedTSA").text("name", tsa.name()).text("url", tsa.url())
                    .base64("cert", Certificates.encoded(tsa.cert()))
                    .text("costType", tsa.costType().map(Enum::name)).end();
        }
        Map<ClientId, String> ids = new HashMap<>();
        for (Member m : p.members()) {
            String memberXmlId = "id" + ids.size();
            ids.put(m.id(), memberXmlId);
            out.start("member").attribute("id", memberXmlId);
            out.start("memberClass").text("code", m.id().memberClass()).text("description", m.memberClassDescription())
                    .end();
            out.text("memberCode", m.id().memberCode()).text("name", m.name());
            for (Member.Subsystem s : m.subsystems()) {
                String subsystemXmlId = "id" + ids.size();
                ids.put(s.id(), subsystemXmlId);
                out.start("subsystem").attribute("id", subsystemXmlId).text("subsystemCode", s.id().subsystem())
                        .text("subsystemName", s.name()).end();
            }
            out.end();
        }
        for (SecurityServer s : p.securityServers()) {
            out.start("securityServer").text("owner", ref(ids, s.id().owner(), s))
                    .text("serverCode", s.id().serverCode()).text("address", s.address());
            s.authCertHashes().forEach(h -> out.text("authCertHash", h));
            s.clients().forEach(client -> out.text("client", ref(ids, client, s)));
            s.maintenanceMode().ifPresent(mode -> out.start("inMaintenanceMode").text("message", mode.message()).end());
            out.end();
        }
        for (GlobalGroup g : p.globalGroups()) {
            out.start("globalGroup").text("groupCode", g.id().groupCode()).text("description", g.description());
            g.members().forEach(member -> out.id("groupMember", member));
            out.end();
        }
        out.start("globalSettings");
        p.globalSettings().memberClasses().forEach(mc ->
                out.start("memberClass").text("code", mc.code()).text("description", mc.description()).end());
        out.text("ocspFreshnessSeconds", p.globalSettings().ocspFreshnessSeconds()).end();
        return out.finish();
    }

    private static void approvedCa(XmlOut out, ApprovedCa ca) {
        out.start("approvedCA").text("name", ca.name());
        ca.authenticationOnly().ifPresent(v -> out.text("authenticationOnly", v));
        caInfo(out.start("topCA"), ca.topCa());
        ca.intermediateCas().forEach(i -> caInfo(out.start("intermediateCA"), i));
        out.text("certificateProfileInfo", ca.certificateProfileInfo());
        out.text("defaultCsrFormat", ca.defaultCsrFormat().map(Enum::name));
        ca.acmeServer().ifPresent(acme -> out.start("acmeServer").text("directoryURL", acme.directoryUrl())
                .text("ipAddress", acme.ipAddress())
                .text("authenticationCertificateProfileId", acme.authenticationCertificateProfileId())
                .text("signingCertificateProfileId", acme.signingCertificateProfileId()).end());
        out.end();
    }

    private static void caInfo(XmlOut out, ApprovedCa.CaInfo info) {
        out.base64("cert", Certificates.encoded(info.cert()));
        for (ApprovedCa.OcspResponder r : info.ocspResponders()) {
            out.start("ocsp").text("url", r.url());
            r.cert().ifPresent(cert -> out.base64("cert", Certificates.encoded(cert)));
            out.text("costType", r.costType().map(Enum::name)).end();
        }
        out.end();
    }

    private static String ref(Map<ClientId, String> ids, ClientId client, SecurityServer server) {
        String id = ids.get(client);
        if (id == null) {
            throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF, "security server " + server.id()
                    + " refers to " + client + ", which is not among the members and subsystems");
        }
        return id;
    }
}
