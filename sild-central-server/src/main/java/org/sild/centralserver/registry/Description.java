package org.sild.centralserver.registry;

import java.sql.SQLException;
import java.util.Optional;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.ManagementService;
import org.sild.core.globalconf.Member;
import org.sild.core.globalconf.MemberClass;
import org.sild.core.globalconf.MonitoringParameters;
import org.sild.core.id.ClientId;
import org.sild.runtime.confsource.InstanceDescription;
import org.sild.runtime.confsource.ServerEntry;

/**
 * The registry as the configuration source publishes it. Disabled clients are left out of their
 * servers' client lists (the shared parameters have no "disabled" flag; leaving a client out is
 * what stops other servers from sending it messages). Authentication-only and profile settings of
 * CAs, TSAs, groups and trusted anchors are published as they are.
 */
final class Description {

    private Description() {
    }

    static InstanceDescription load(Tx tx, Registry registry) throws SQLException {
        Settings settings = SettingsRows.load(tx);
        ClientId provider = settings.managementServiceProvider().orElseThrow(() -> RegistryException.conflict(
                "managementServiceProvider", "the management service provider is not set; the global"
                        + " configuration cannot be published without it"));
        String address = settings.authCertRegServiceAddress().orElseThrow(() -> RegistryException.conflict(
                "authCertRegServiceAddress", "the authentication certificate registration service address is not"
                        + " set; the global configuration cannot be published without it"));
        var b = InstanceDescription.builder(registry.instance())
                .ocspFreshnessSeconds(settings.ocspFreshnessSeconds())
                .timeStampingIntervalSeconds(settings.timeStampingIntervalSeconds())
                .managementService(new ManagementService(address, settings.authCertRegServiceCert(), provider));
        for (MemberClass c : tx.query("SELECT code, description FROM member_class ORDER BY code",
                rs -> new MemberClass(rs.getString(1), rs.getString(2)))) {
            b.memberClass(c.code(), c.description());
        }
        for (Member m : Members.load(tx, Optional.empty())) {
            b.member(m);
        }
        for (RegisteredServer s : SecurityServers.load(tx, registry, Optional.empty())) {
            b.securityServer(new ServerEntry(s.id(), s.address(), s.authCerts(), s.clients().stream()
                    .filter(ServerClient::enabled).map(ServerClient::id).toList(), s.maintenanceMode()));
        }
        TrustServices.loadCas(tx, Optional.empty()).forEach(ca -> b.approvedCa(ca.ca()));
        TrustServices.loadTsas(tx).forEach(tsa -> b.approvedTsa(tsa.tsa()));
        GlobalGroups.load(tx, registry, Optional.empty()).forEach(b::globalGroup);
        TrustedAnchors.load(tx).forEach(a -> b.federationAnchor(a.anchor()));
        // X-Road publishes the optional MONITORING part only when a monitoring client is chosen.
        settings.monitoringClient().ifPresent(c -> b.optionalPart(ContentPart.MONITORING, "monitoring-params.xml",
                new MonitoringParameters(Optional.of(c)).toXml()));
        return b.build();
    }
}
