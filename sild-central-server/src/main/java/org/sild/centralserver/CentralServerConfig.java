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
 * admin-api-keys:
 *   - {name: operator, key: "sha256:..."}
 * store: {url: "jdbc:postgresql://db/sild_cs", user: sild, password: ...}   # default: H2 under data-directory
 * signing-keys: {pin: "...", algorithm: RSA, directory: signing-keys}
 * global-configuration: {regeneration-interval: 60s}
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
        GlobalConfiguration globalConfiguration) {

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
        ConfigException.check(instanceIdentifier.isEmpty() || instanceIdentifier.matches("[A-Za-z0-9'()+,.=?-]{1,255}"),
                "instance-identifier", "may only have the characters A-Z a-z 0-9 ' ( ) + , - . = ?, was '"
                        + instanceIdentifier + "'");
    }

    /** X-Road's defaults with data under {@code ./data}, without the instance identifier and PIN a file must give. */
    public static CentralServerConfig defaults() {
        return new CentralServerConfig("", Path.of("data"), Optional.empty(), Listen.defaults(), List.of(),
                StoreConfig.defaults(), SigningKeys.defaults(), GlobalConfiguration.defaults());
    }

    /** The defaults for {@code instance} with {@code pin}, data under {@code dataDirectory}. */
    public static CentralServerConfig of(String instance, Path dataDirectory, String pin) {
        var d = defaults();
        return new CentralServerConfig(instance, dataDirectory, Optional.empty(), d.listen(), List.of(), d.store(),
                new SigningKeys(pin, KeyAlgorithm.RSA, d.signingKeys().directory()), d.globalConfiguration());
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

    /** These settings with other ports, for tests and sandboxes (0 = a free port). */
    public CentralServerConfig withPorts(int configurationPort, int adminPort) {
        return new CentralServerConfig(instanceIdentifier, dataDirectory, publicAddress, new Listen(
                listen.configurationHost(), configurationPort, listen.adminHost(), adminPort), adminApiKeys, store,
                signingKeys, globalConfiguration);
    }

    /** These settings with the admin API keys {@code keys}. */
    public CentralServerConfig withAdminApiKeys(List<ApiKey> keys) {
        return new CentralServerConfig(instanceIdentifier, dataDirectory, publicAddress, listen, keys, store,
                signingKeys, globalConfiguration);
    }

    /** These settings with {@code store}. */
    public CentralServerConfig withStore(StoreConfig newStore) {
        return new CentralServerConfig(instanceIdentifier, dataDirectory, publicAddress, listen, adminApiKeys, newStore,
                signingKeys, globalConfiguration);
    }

    /** These settings with other signing key and global configuration settings. */
    public CentralServerConfig with(SigningKeys keys, GlobalConfiguration configuration) {
        return new CentralServerConfig(instanceIdentifier, dataDirectory, publicAddress, listen, adminApiKeys, store,
                keys, configuration);
    }

    /**
     * Where the central server listens. The management services (X-Road's ports 4001 for
     * authentication certificate registration and 4002 for the other requests) are not part of
     * this module yet; they will be configured here.
     */
    public record Listen(String configurationHost, int configurationPort, String adminHost, int adminPort) {

        public Listen {
            Objects.requireNonNull(configurationHost, "configuration-host");
            ConfigException.checkRange("configuration-port", configurationPort, 0, 65535);
            Objects.requireNonNull(adminHost, "admin-host");
            ConfigException.checkRange("admin-port", adminPort, 0, 65535);
        }

        /** Configuration download on every interface at 80, the admin API on loopback at 4000. */
        public static Listen defaults() {
            return new Listen("0.0.0.0", 80, "127.0.0.1", 4000);
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
