package org.sild.centralserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.centralserver.globalconf.KeyAlgorithm;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.config.ConfigException;
import org.sild.runtime.config.YamlConfig;
import org.sild.runtime.store.StoreConfig;

/**
 * The central server's configuration: one YAML file (kebab-case keys), or built in code.
 *
 * <pre>{@code
 * instance-identifier: DEV                 # required
 * data-directory: /var/lib/sild/cs         # store (embedded H2) and signing key files
 * public-address: cs.example.org           # host[:port] in anchors (default 127.0.0.1:<configuration port>)
 * listen:
 *   configuration-host: 0.0.0.0            # global configuration download, X-Road's port 80
 *   configuration-port: 80
 *   admin-host: 127.0.0.1                  # admin API, X-Road's port 4000
 *   admin-port: 4000
 *   registration-host: 0.0.0.0             # authentication certificate registration (HTTPS), X-Road's port 4001
 *   registration-port: 4001
 *   management-host: 0.0.0.0               # the other management requests (HTTPS), X-Road's port 4002
 *   management-port: 4002
 * admin-api-keys:
 *   - {name: operator, key: "sha256:..."}
 * store: {url: "jdbc:postgresql://db/sild_cs", user: sild, password: ...}   # default: H2 under data-directory
 * signing-keys: {pin: "...", algorithm: RSA, directory: signing-keys}
 * global-configuration: {regeneration-interval: 60s}
 * management-services: {rate-limit-per-minute: 10, request-timeout: 30s}
 * }</pre>
 *
 * <p>Relative paths resolve against {@code data-directory}. The configuration validity (X-Road's
 * {@code confExpireIntervalSeconds}) is a global setting in the registry, changeable through the
 * admin API; the regeneration interval (X-Road's {@code global-configuration-generation-rate-in-seconds})
 * is here. {@link #load} and {@link CentralServer#start} refuse a configuration without the instance
 * identifier or the signing key PIN. Immutable.
 */
public record CentralServerConfig(String instanceIdentifier, Path dataDirectory, Optional<String> publicAddress,
        Listen listen, List<ApiKey> adminApiKeys, StoreConfig store, SigningKeys signingKeys,
        GlobalConfiguration globalConfiguration, ManagementServices managementServices) {

    public CentralServerConfig {
        Objects.requireNonNull(instanceIdentifier, "instance-identifier");
        Objects.requireNonNull(dataDirectory, "data-directory");
        Objects.requireNonNull(publicAddress, "public-address");
        publicAddress.ifPresent(a -> ConfigException.check(!a.isBlank() && !a.contains("/") && !a.contains("?")
                && a.chars().noneMatch(Character::isWhitespace), "public-address", "must be host[:port], was '" + a
                + "'"));
        Objects.requireNonNull(listen, "listen");
        adminApiKeys = List.copyOf(adminApiKeys);
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(signingKeys, "signing-keys");
        Objects.requireNonNull(globalConfiguration, "global-configuration");
        Objects.requireNonNull(managementServices, "management-services");
        ConfigException.check(instanceIdentifier.isEmpty() || instanceIdentifier.matches("[A-Za-z0-9'()+,.=?-]{1,255}"),
                "instance-identifier", "may only have the characters A-Z a-z 0-9 ' ( ) + , - . = ?, was '"
                        + instanceIdentifier + "'");
    }

    /** X-Road's defaults with data under {@code ./data}, without the instance identifier and PIN a file must give. */
    public static CentralServerConfig defaults() {
        return new CentralServerConfig("", Path.of("data"), Optional.empty(), Listen.defaults(), List.of(),
                StoreConfig.defaults(), SigningKeys.defaults(), GlobalConfiguration.defaults(),
                ManagementServices.defaults());
    }

    /** The defaults for {@code instance} with {@code pin}, data under {@code dataDirectory}. */
    public static CentralServerConfig of(String instance, Path dataDirectory, String pin) {
        var d = defaults();
        return new CentralServerConfig(instance, dataDirectory, Optional.empty(), d.listen(), List.of(), d.store(),
                new SigningKeys(pin, KeyAlgorithm.RSA, d.signingKeys().directory()), d.globalConfiguration(),
                d.managementServices());
    }

    /**
     * Reads a YAML file.
     *
     * @throws ConfigException naming the key path of the first problem
     */
    public static CentralServerConfig load(Path file) {
        return YamlConfig.load(file, CentralServerConfig.class).requireComplete();
    }

    /** This configuration, checked to have what has no default. */
    public CentralServerConfig requireComplete() {
        ConfigException.check(!instanceIdentifier.isEmpty(), "instance-identifier", "is required");
        ConfigException.check(!signingKeys.pin().isEmpty(), "signing-keys.pin", "is required");
        return this;
    }

    /** These settings with other configuration and admin ports, for tests and sandboxes (0 = a free port). */
    public CentralServerConfig withPorts(int configurationPort, int adminPort) {
        return withListen(new Listen(listen.configurationHost(), configurationPort, listen.adminHost(), adminPort,
                listen.registrationHost(), listen.registrationPort(), listen.managementHost(),
                listen.managementPort()));
    }

    /**
     * These settings with other management service ports (authentication certificate registration,
     * X-Road's 4001, and the other management requests, X-Road's 4002; 0 = a free port).
     */
    public CentralServerConfig withManagementPorts(int registrationPort, int managementPort) {
        return withListen(new Listen(listen.configurationHost(), listen.configurationPort(), listen.adminHost(),
                listen.adminPort(), listen.registrationHost(), registrationPort, listen.managementHost(),
                managementPort));
    }

    /** These settings with {@code newListen}. */
    public CentralServerConfig withListen(Listen newListen) {
        return new CentralServerConfig(instanceIdentifier, dataDirectory, publicAddress, newListen, adminApiKeys, store,
                signingKeys, globalConfiguration, managementServices);
    }

    /** These settings with other management service limits. */
    public CentralServerConfig withManagementServices(ManagementServices services) {
        return new CentralServerConfig(instanceIdentifier, dataDirectory, publicAddress, listen, adminApiKeys, store,
                signingKeys, globalConfiguration, services);
    }

    /** These settings with the admin API keys {@code keys}. */
    public CentralServerConfig withAdminApiKeys(List<ApiKey> keys) {
        return new CentralServerConfig(instanceIdentifier, dataDirectory, publicAddress, listen, keys, store,
                signingKeys, globalConfiguration, managementServices);
    }

    /** These settings with {@code store}. */
    public CentralServerConfig withStore(StoreConfig newStore) {
        return new CentralServerConfig(instanceIdentifier, dataDirectory, publicAddress, listen, adminApiKeys, newStore,
                signingKeys, globalConfiguration, managementServices);
    }

    /** These settings with other signing key and global configuration settings. */
    public CentralServerConfig with(SigningKeys keys, GlobalConfiguration configuration) {
        return new CentralServerConfig(instanceIdentifier, dataDirectory, publicAddress, listen, adminApiKeys, store,
                keys, configuration, managementServices);
    }

    /**
     * Where the central server listens: global configuration download (X-Road's port 80), the admin
     * API (4000), the authentication certificate registration service (HTTPS, 4001) and the
     * management service for the other management requests (HTTPS, 4002).
     */
    public record Listen(String configurationHost, int configurationPort, String adminHost, int adminPort,
                         String registrationHost, int registrationPort, String managementHost, int managementPort) {

        public Listen {
            Objects.requireNonNull(configurationHost, "configuration-host");
            ConfigException.checkRange("configuration-port", configurationPort, 0, 65535);
            Objects.requireNonNull(adminHost, "admin-host");
            ConfigException.checkRange("admin-port", adminPort, 0, 65535);
            Objects.requireNonNull(registrationHost, "registration-host");
            ConfigException.checkRange("registration-port", registrationPort, 0, 65535);
            Objects.requireNonNull(managementHost, "management-host");
            ConfigException.checkRange("management-port", managementPort, 0, 65535);
        }

        /**
         * Configuration download on every interface at 80, the admin API on loopback at 4000, the
         * registration and management services on every interface at 4001 and 4002.
         */
        public static Listen defaults() {
            return new Listen("0.0.0.0", 80, "127.0.0.1", 4000, "0.0.0.0", 4001, "0.0.0.0", 4002);
        }

        /** Every port on loopback, each a free one: for tests and sandboxes. */
        public static Listen ephemeral() {
            return new Listen("127.0.0.1", 0, "127.0.0.1", 0, "127.0.0.1", 0, "127.0.0.1", 0);
        }
    }

    /**
     * Limits of the management services (ports 4001 and 4002).
     *
     * @param rateLimitPerMinute requests accepted per source address and minute, on each port
     *                           (default 10, as X-Road's central server; 1 to 100000)
     * @param requestTimeout     how long reading one request body may take (default 30 s, 1 s to 10 min)
     */
    public record ManagementServices(int rateLimitPerMinute, Duration requestTimeout) {

        public ManagementServices {
            ConfigException.checkRange("rate-limit-per-minute", rateLimitPerMinute, 1, 100_000);
            Objects.requireNonNull(requestTimeout, "request-timeout");
            ConfigException.check(requestTimeout.compareTo(Duration.ofSeconds(1)) >= 0
                    && requestTimeout.compareTo(Duration.ofMinutes(10)) <= 0, "request-timeout",
                    "must be 1s..10m, was " + requestTimeout);
        }

        public static ManagementServices defaults() {
            return new ManagementServices(10, Duration.ofSeconds(30));
        }
    }

    /**
     * The configuration signing keys' files.
     *
     * @param pin       protects the PKCS#12 key files (required; never printed)
     * @param algorithm of new keys: RSA (2048, X-Road's default) or EC (P-256)
     * @param directory of the key files, relative to the data directory (default {@code signing-keys})
     */
    public record SigningKeys(String pin, KeyAlgorithm algorithm, Path directory) {

        public SigningKeys {
            Objects.requireNonNull(pin, "pin");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(directory, "directory");
        }

        public static SigningKeys defaults() {
            return new SigningKeys("", KeyAlgorithm.RSA, Path.of("signing-keys"));
        }

        @Override
        public String toString() {
            return "SigningKeys[pin=" + (pin.isEmpty() ? "<empty>" : "****") + ", algorithm=" + algorithm
                    + ", directory=" + directory + "]";
        }
    }

    /**
     * Publishing.
     *
     * @param regenerationInterval how often a new generation is published even without changes
     *                             (default 60 s, 10 ms to 1 h; keep it well under the validity, 600 s by default)
     */
    public record GlobalConfiguration(Duration regenerationInterval) {

        public GlobalConfiguration {
            Objects.requireNonNull(regenerationInterval, "regeneration-interval");
            ConfigException.check(regenerationInterval.compareTo(Duration.ofMillis(10)) >= 0
                    && regenerationInterval.compareTo(Duration.ofHours(1)) <= 0, "regeneration-interval",
                    "must be 10ms..1h, was " + regenerationInterval);
        }

        public static GlobalConfiguration defaults() {
            return new GlobalConfiguration(Duration.ofSeconds(60));
        }
    }
}
