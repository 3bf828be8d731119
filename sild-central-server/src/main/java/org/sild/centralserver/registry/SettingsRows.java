package org.sild.centralserver.registry;

import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.sild.core.id.ClientId;
import org.sild.core.id.XRoadIds;

/** The {@code global_setting} rows: one per setting that differs from nothing, by name; absent ones take the defaults. */
final class SettingsRows {

    private SettingsRows() {
    }

    static Settings load(Tx tx) throws SQLException {
        Map<String, String> v = new HashMap<>();
        tx.query("SELECT name, setting_value FROM global_setting", rs -> v.put(rs.getString(1), rs.getString(2)));
        Settings d = Settings.defaults();
        return new Settings(
                integer(v, "ocspFreshnessSeconds", d.ocspFreshnessSeconds()),
                integer(v, "timeStampingIntervalSeconds", d.timeStampingIntervalSeconds()),
                Optional.ofNullable(v.get("managementServiceProvider"))
                        .map(s -> (ClientId) XRoadIds.parseShortForm(s)),
                Optional.ofNullable(v.get("authCertRegServiceAddress")),
                Optional.ofNullable(v.get("authCertRegServiceCert"))
                        .map(s -> Checks.certificate("authCertRegServiceCert", Base64.getDecoder().decode(s))),
                integer(v, "configurationValiditySeconds", d.configurationValiditySeconds()),
                Boolean.parseBoolean(v.getOrDefault("autoApproveAuthCertReg", "false")),
                Boolean.parseBoolean(v.getOrDefault("autoApproveClientReg", "false")),
                Boolean.parseBoolean(v.getOrDefault("autoApproveOwnerChange", "false")),
                Optional.ofNullable(v.get("monitoringClient")).map(s -> (ClientId) XRoadIds.parseShortForm(s)));
    }

    static Settings change(Tx tx, Registry registry, UnaryOperator<Settings> change) throws SQLException {
        Settings before = load(tx);
        Settings after = change.apply(before);
        if (after.managementServiceProvider().isPresent()) {
            ClientId provider = Checks.lenient("managementServiceProvider", registry.instance(),
                    after.managementServiceProvider().get());
            if (!Members.clientExists(tx, provider)) {
                throw RegistryException.invalid("managementServiceProvider", "the management service provider "
                        + provider + " is not a registered member or subsystem");
            }
        }
        if (after.monitoringClient().isPresent()) {
            ClientId client = Checks.lenient("monitoringClient", registry.instance(), after.monitoringClient().get());
            if (!Members.clientExists(tx, client)) {
                throw RegistryException.invalid("monitoringClient", "the monitoring client " + client
                        + " is not a registered member or subsystem");
            }
        }
        Map<String, Optional<String>> values = new HashMap<>();
        values.put("ocspFreshnessSeconds", Optional.of(String.valueOf(after.ocspFreshnessSeconds())));
        values.put("timeStampingIntervalSeconds", Optional.of(String.valueOf(after.timeStampingIntervalSeconds())));
        values.put("managementServiceProvider", after.managementServiceProvider().map(XRoadIds::toShortForm));
        values.put("authCertRegServiceAddress", after.authCertRegServiceAddress());
        values.put("authCertRegServiceCert", after.authCertRegServiceCert()
                .map(c -> Base64.getEncoder().encodeToString(Checks.der(c))));
        values.put("configurationValiditySeconds", Optional.of(String.valueOf(after.configurationValiditySeconds())));
        values.put("autoApproveAuthCertReg", Optional.of(String.valueOf(after.autoApproveAuthCertReg())));
        values.put("autoApproveClientReg", Optional.of(String.valueOf(after.autoApproveClientReg())));
        values.put("autoApproveOwnerChange", Optional.of(String.valueOf(after.autoApproveOwnerChange())));
        values.put("monitoringClient", after.monitoringClient().map(XRoadIds::toShortForm));
        for (var e : values.entrySet()) {
            tx.update("DELETE FROM global_setting WHERE name = ?", e.getKey());
            if (e.getValue().isPresent()) {
                tx.update("INSERT INTO global_setting (name, setting_value) VALUES (?, ?)", e.getKey(),
                        e.getValue().get());
            }
        }
        tx.audit("settings.change", "SETTINGS", "ocspFreshnessSeconds", after.ocspFreshnessSeconds(),
                "timeStampingIntervalSeconds", after.timeStampingIntervalSeconds(),
                "managementServiceProvider", after.managementServiceProvider().map(XRoadIds::toPath),
                "authCertRegServiceAddress", after.authCertRegServiceAddress(),
                "authCertRegServiceCertSet", after.authCertRegServiceCert().isPresent(),
                "configurationValiditySeconds", after.configurationValiditySeconds(),
                "autoApproveAuthCertReg", after.autoApproveAuthCertReg(),
                "autoApproveClientReg", after.autoApproveClientReg(),
                "autoApproveOwnerChange", after.autoApproveOwnerChange(),
                "monitoringClient", after.monitoringClient().map(XRoadIds::toPath));
        return after;
    }

    private static int integer(Map<String, String> values, String name, int fallback) {
        String v = values.get(name);
        return v == null ? fallback : Integer.parseInt(v);
    }
}
