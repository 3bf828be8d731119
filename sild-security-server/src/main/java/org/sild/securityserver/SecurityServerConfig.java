package org.sild.securityserver;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.config.ConfigException;
import org.sild.runtime.store.StoreConfig;
import org.sild.securityserver.datatracker.DataTrackerSettings;
import org.sild.securityserver.envmonitor.EnvMonitorSettings;
import org.sild.securityserver.globalconf.ConfigurationClientConfig;
import org.sild.securityserver.messagelog.MessageLogSettings;
import org.sild.securityserver.opmonitor.OpMonitorSettings;
import org.sild.securityserver.proxy.ProxySettings;
import org.sild.securityserver.signer.SignerConfig;

/**
 * The security server's configuration: one YAML file (kebab-case keys), or built in code.
 *
 * <pre>{@code
 * data-directory: /var/lib/sild/ss1      # token, store, global configuration, spool
 * listen:
 *   client-host: 127.0.0.1                # information systems (client proxy ports)
 *   server-host: 0.0.0.0                  # other security servers (server port, OCSP port)
 *   admin-host: 127.0.0.1
 *   admin-port: 4000
 * admin-api-keys:
 *   - {name: operator, key: "sha256:..."}
 * proxy: {client-http-port: 8080, client-https-port: 8443, server-port: 5500, ocsp-port: 5577}
 * store: {url: "jdbc:postgresql://db/sild", user: sild, password: ...}   # default: H2 under data-directory
 * signer: {pin: "..."}
 * configuration-client: {anchor-file: configuration-anchor.xml}
 * message-log: {archive-directory: archive, keep-records-for: 30d}   # see MessageLogSettings
 * op-monitor: {keep-records-for: 7d, max-records-in-payload: 10000}   # see OpMonitorSettings
 * env-monitor: {limit-remote-data-set: false, sampling-interval: 5s}  # see EnvMonitorSettings
 * data-tracker: {keep-records-for-days: 365}   # personal data usage records, see DataTrackerSettings
 * }</pre>
 *
 * <p>Relative paths in the sections resolve against {@code data-directory}. Immutable.
 */
public record SecurityServerConfig(Path dataDirectory, Listen listen, List<ApiKey> adminApiKeys,
        ProxySettings proxy, StoreConfig store, SignerConfig signer, ConfigurationClientConfig configurationClient,
        MessageLogSettings messageLog, OpMonitorSettings opMonitor, EnvMonitorSettings envMonitor,
        DataTrackerSettings dataTracker) {

    public SecurityServerConfig {
        Objects.requireNonNull(dataDirectory, "data-directory");
        Objects.requireNonNull(listen, "listen");
        adminApiKeys = List.copyOf(adminApiKeys);
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(configurationClient, "configuration-client");
        Objects.requireNonNull(messageLog, "message-log");
        Objects.requireNonNull(opMonitor, "op-monitor");
        Objects.requireNonNull(envMonitor, "env-monitor");
        Objects.requireNonNull(dataTracker, "data-tracker");
    }

    /** This configuration with other proxy settings. */
    public SecurityServerConfig withProxy(ProxySettings value) {
        return new SecurityServerConfig(dataDirectory, listen, adminApiKeys, value, store, signer, configurationClient,
                messageLog, opMonitor, envMonitor, dataTracker);
    }

    /** This configuration with another store. */
    public SecurityServerConfig withStore(StoreConfig value) {
        return new SecurityServerConfig(dataDirectory, listen, adminApiKeys, proxy, value, signer, configurationClient,
                messageLog, opMonitor, envMonitor, dataTracker);
    }

    /** This configuration with another configuration-client section. */
    public SecurityServerConfig withConfigurationClient(ConfigurationClientConfig value) {
        return new SecurityServerConfig(dataDirectory, listen, adminApiKeys, proxy, store, signer, value, messageLog,
                opMonitor, envMonitor, dataTracker);
    }

    /** This configuration with other message log settings. */
    public SecurityServerConfig withMessageLog(MessageLogSettings value) {
        return new SecurityServerConfig(dataDirectory, listen, adminApiKeys, proxy, store, signer, configurationClient,
                value, opMonitor, envMonitor, dataTracker);
    }

    /** This configuration with other operational monitoring settings. */
    public SecurityServerConfig withOpMonitor(OpMonitorSettings value) {
        return new SecurityServerConfig(dataDirectory, listen, adminApiKeys, proxy, store, signer, configurationClient,
                messageLog, value, envMonitor, dataTracker);
    }

    /** This configuration with other environmental monitoring settings. */
    public SecurityServerConfig withEnvMonitor(EnvMonitorSettings value) {
        return new SecurityServerConfig(dataDirectory, listen, adminApiKeys, proxy, store, signer, configurationClient,
                messageLog, opMonitor, value, dataTracker);
    }

    /** This configuration with other personal data usage settings. */
    public SecurityServerConfig withDataTracker(DataTrackerSettings value) {
        return new SecurityServerConfig(dataDirectory, listen, adminApiKeys, proxy, store, signer, configurationClient,
                messageLog, opMonitor, envMonitor, value);
    }

    /** X-Road's defaults with data under {@code ./data}. */
    public static SecurityServerConfig defaults() {
        return new SecurityServerConfig(Path.of("data"), Listen.defaults(), List.of(), ProxySettings.defaults(),
                StoreConfig.defaults(), SignerConfig.defaults(), ConfigurationClientConfig.defaults(),
                MessageLogSettings.defaults(), OpMonitorSettings.defaults(), EnvMonitorSettings.defaults(),
                DataTrackerSettings.defaults());
    }

    /** Where the server listens; the ports are in {@link ProxySettings} and here for the admin API. */
    public record Listen(String clientHost, String serverHost, String adminHost, int adminPort) {

        public Listen {
            Objects.requireNonNull(clientHost, "client-host");
            Objects.requireNonNull(serverHost, "server-host");
            Objects.requireNonNull(adminHost, "admin-host");
            ConfigException.checkRange("admin-port", adminPort, 0, 65535);
        }

        /** Information systems and the admin API on loopback only, other security servers on every interface. */
        public static Listen defaults() {
            return new Listen("127.0.0.1", "0.0.0.0", "127.0.0.1", 4000);
        }
    }
}
