package org.sild.core.globalconf;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.SubsystemId;

/**
 * Reads shared parameters of any version 2 to 6 with a hardened StAX reader, resolving the
 * {@code xs:ID}/{@code xs:IDREF} links of security servers to member and subsystem identifiers.
 *
 * <p>The grammar accepted is the union of the versions: elements a version does not know are
 * simply absent in its files. Not thread-safe; one instance per document.
 */
final class SharedParametersReader {

    private final XmlCursor c;
    private final int version;
    private String instance;
    private final Map<String, ClientId> byXmlId = new HashMap<>();

    private SharedParametersReader(XmlCursor c, int version) {
        this.c = c;
        this.version = version;
    }

    static SharedParameters read(byte[] xml, int version) {
        if (version < 2) {
            throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF,
                    "shared parameters version " + version + " is not supported (2 and later)");
        }
        var c = XmlCursor.open(xml, "conf", ErrorCode.MALFORMED_GLOBAL_CONF, "shared parameters", SharedParameters.MAX_SIZE);
        return new SharedParametersReader(c, version).conf();
    }

    private SharedParameters conf() {
        instance = nonEmpty("instanceIdentifier");
        List<CentralServerSource> sources = new ArrayList<>();
        while (c.at("source")) {
            sources.add(source(sources.size() + 1));
        }
        List<ApprovedCa> cas = new ArrayList<>();
        while (c.at("approvedCA")) {
            cas.add(approvedCa(cas.size() + 1));
        }
        List<ApprovedTsa> tsas = new ArrayList<>();
        while (c.at("approvedTSA")) {
            tsas.add(approvedTsa(tsas.size() + 1));
        }
        List<Member> members = new ArrayList<>();
        while (c.at("member")) {
            members.add(member(members.size() + 1));
        }
        List<SecurityServer> servers = new ArrayList<>();
        while (c.at("securityServer")) {
            servers.add(securityServer(servers.size() + 1));
        }
        List<GlobalGroup> groups = new ArrayList<>();
        while (c.at("globalGroup")) {
            groups.add(globalGroup(groups.size() + 1));
        }
        while (c.at("centralService")) {
            c.skip(); // obsolete since X-Road 7.3
        }
        GlobalSettings settings = globalSettings();
        c.skipExtensions();
        c.close();
        return new SharedParameters(version, instance, sources, cas, tsas, members, servers, groups, settings);
    }

    private CentralServerSource source(int n) {
        c.enter("source", "source[" + n + "]");
        String address = nonEmpty("address");
        List<EncodedCertificate> internal = new ArrayList<>();
        while (c.at("internalVerificationCert")) {
            internal.add(new EncodedCertificate(c.base64("internalVerificationCert")));
        }
        List<EncodedCertificate> external = new ArrayList<>();
        while (c.at("externalVerificationCert")) {
            external.add(new EncodedCertificate(c.base64("externalVerificationCert")));
        }
        c.leave();
        return new CentralServerSource(address, internal, external);
    }

    private ApprovedCa approvedCa(int n) {
        c.enter("approvedCA", "approvedCA[" + n + "]");
        String name = c.text("name");
        Optional<Boolean> authOnly = c.optionalBool("authenticationOnly");
        c.enter("topCA");
        ApprovedCa.CaInfo top = caInfo();
        List<ApprovedCa.CaInfo> intermediates = new ArrayList<>();
        while (c.at("intermediateCA")) {
            c.enter("intermediateCA", "intermediateCA[" + (intermediates.size() + 1) + "]");
            intermediates.add(caInfo());
        }
        String profile = nonEmpty("certificateProfileInfo");
        Optional<ApprovedCa.CsrFormat> csrFormat = c.optionalText("defaultCsrFormat")
                .map(v -> enumValue(ApprovedCa.CsrFormat.class, v, "defaultCsrFormat"));
        Optional<ApprovedCa.AcmeServer> acme = Optional.empty();
        if (c.at("acmeServer")) {
            c.enter("acmeServer");
            acme = Optional.of(new ApprovedCa.AcmeServer(nonEmpty("directoryURL"), c.optionalText("ipAddress"),
                    c.optionalText("authenticationCertificateProfileId"), c.optionalText("signingCertificateProfileId")));
            c.leave();
        }
        c.leave();
        return new ApprovedCa(name, authOnly, top, intermediates, profile, csrFormat, acme);
    }

    /** Reads cert, ocsp* inside an entered topCA/intermediateCA and leaves it. */
    private ApprovedCa.CaInfo caInfo() {
        X509Certificate cert = certificate("cert");
        List<ApprovedCa.OcspResponder> responders = new ArrayList<>();
        while (c.at("ocsp")) {
            c.enter("ocsp", "ocsp[" + (responders.size() + 1) + "]");
            String url = nonEmpty("url");
            Optional<X509Certificate> ocspCert = c.at("cert") ? Optional.of(certificate("cert")) : Optional.empty();
            Optional<CostType> cost = c.optionalText("costType").map(v -> enumValue(CostType.class, v, "costType"));
            c.leave();
            responders.add(new ApprovedCa.OcspResponder(url, ocspCert, cost));
        }
        c.leave();
        return new ApprovedCa.CaInfo(cert, responders);
    }

    private ApprovedTsa approvedTsa(int n) {
        c.enter("approvedTSA", "approvedTSA[" + n + "]");
        String name = c.text("name");
        String url = nonEmpty("url");
        X509Certificate cert = certificate("cert");
        Optional<CostType> cost = c.optionalText("costType").map(v -> enumValue(CostType.class, v, "costType"));
        c.leave();
        return new ApprovedTsa(name, url, cert, cost);
    }

    private Member member(int n) {
        Optional<String> xmlId = c.attribute("id");
        c.enter("member", "member[" + n + "]");
        c.enter("memberClass");
        String classCode = c.text("code");
        String classDescription = c.text("description");
        c.leave();
        String memberCode = c.text("memberCode");
        MemberId id = checked(() -> new MemberId(instance, classCode, memberCode));
        register(xmlId, id);
        String name = c.text("name");
        List<Member.Subsystem> subsystems = new ArrayList<>();
        while (c.at("subsystem")) {
            Optional<String> subsystemXmlId = c.attribute("id");
            c.enter("subsystem", "subsystem[" + (subsystems.size() + 1) + "]");
            String code = c.text("subsystemCode");
            SubsystemId sid = checked(() -> id.subsystem(code));
            register(subsystemXmlId, sid);
            subsystems.add(new Member.Subsystem(sid, c.optionalText("subsystemName")));
            c.leave();
        }
        c.leave();
        return new Member(id, classDescription, name, subsystems);
    }

    private SecurityServer securityServer(int n) {
        c.enter("securityServer", "securityServer[" + n + "]");
        String ownerRef = c.text("owner");
        ClientId owner = resolve(ownerRef, "owner");
        if (!(owner instanceof MemberId ownerMember)) {
            throw c.error("<owner> '" + ownerRef + "' in " + c.where() + " refers to subsystem " + owner
                    + ", not to a member");
        }
        String serverCode = c.text("serverCode");
        SecurityServerId id = checked(() -> new SecurityServerId(ownerMember, serverCode));
        Optional<String> address = c.optionalText("address").filter(a -> !a.isEmpty());
        List<String> hashes = new ArrayList<>();
        while (c.at("authCertHash")) {
            hashes.add(Certificates.base64(c.base64("authCertHash")));
        }
        List<ClientId> clients = new ArrayList<>();
        while (c.at("client")) {
            clients.add(resolve(c.text("client"), "client"));
        }
        Optional<SecurityServer.MaintenanceMode> maintenance = Optional.empty();
        if (c.at("inMaintenanceMode")) {
            c.enter("inMaintenanceMode");
            maintenance = Optional.of(new SecurityServer.MaintenanceMode(c.optionalText("message")));
            c.leave();
        }
        c.leave();
        return new SecurityServer(id, address, hashes, clients, maintenance);
    }

    private GlobalGroup globalGroup(int n) {
        c.enter("globalGroup", "globalGroup[" + n + "]");
        String code = c.text("groupCode");
        GlobalGroupId id = checked(() -> new GlobalGroupId(instance, code));
        String description = c.text("description");
        List<ClientId> members = new ArrayList<>();
        while (c.at("groupMember")) {
            members.add(c.groupMember("groupMember"));
        }
        c.leave();
        return new GlobalGroup(id, description, members);
    }

    private GlobalSettings globalSettings() {
        c.enter("globalSettings");
        List<MemberClass> classes = new ArrayList<>();
        while (c.at("memberClass")) {
            c.enter("memberClass", "memberClass[" + (classes.size() + 1) + "]");
            classes.add(new MemberClass(nonEmpty("code"), c.text("description")));
            c.leave();
        }
        int freshness = c.integer("ocspFreshnessSeconds");
        c.leave();
        return new GlobalSettings(classes, freshness);
    }

    private void register(Optional<String> xmlId, ClientId id) {
        if (xmlId.isPresent() && byXmlId.putIfAbsent(xmlId.get().strip(), id) != null) {
            throw c.error("id '" + xmlId.get() + "' is used twice (in " + c.where() + ")");
        }
    }

    private ClientId resolve(String ref, String element) {
        ClientId id = byXmlId.get(ref);
        if (id == null) {
            throw c.error("<" + element + "> '" + ref + "' in " + c.where() + " refers to no member or subsystem");
        }
        return id;
    }

    private X509Certificate certificate(String element) {
        byte[] bytes = c.base64(element);
        return Certificates.tryParse(bytes).orElseThrow(
                () -> c.error("<" + element + "> in " + c.where() + " is not an X.509 certificate"));
    }

    private String nonEmpty(String element) {
        String text = c.text(element);
        if (text.isEmpty()) {
            throw c.error("empty <" + element + "> in " + c.where());
        }
        return text;
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String value, String element) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw c.error("<" + element + "> in " + c.where() + " is '" + value + "', not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    private <T> T checked(Supplier<T> identifier) {
        try {
            return identifier.get();
        } catch (XRoadException e) {
            throw c.error(c.where() + ": " + e.getMessage());
        }
    }
}
