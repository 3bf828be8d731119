package org.sild.configurationproxy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.sild.runtime.config.ConfigException;

/**
 * The configuration proxy's configuration: one YAML file (kebab-case keys), or built in code.
 *
 * <pre>{@code
 * data-directory: /var/lib/sild/confproxy   # signing keys per instance
 * listen: {host: 0.0.0.0, port: 8190, admin-host: 127.0.0.1, admin-port: 8191}
 * address: confproxy.example.org:8190      # how clients reach the proxy: anchors, shared parameters
 * minimum-version: 2                       # lowest configuration version mirrored (X-Road's default)
 * connect-timeout: 10s
 * read-timeout: 30s
 * instances:
 *   - name: DEV                            # served at http://ADDRESS/DEV/conf
 *     source-anchor: dev-anchor.xml        # the anchor of the source mirrored
 *     signing-key-pin: "..."               # protects the instance's PKCS#12 signing keys
 *     validity: 600s                       # Expire-date of what the proxy signs (default 600 s)
 *     download-interval: 60s               # how often the source is downloaded (default 60 s)
 * }</pre>
 *
 * <p>Relative paths resolve against the file's directory. Without {@code address} the proxy names
 * {@code 127.0.0.1:PORT} (fine for a laptop, wrong for anyone else). Immutable; {@code toString}
 * hides the PINs.
 */
public record ConfigurationProxyConfig(Path dataDirectory, Listen listen, Optional<String> address,
        int minimumVersion, Duration connectTimeout, Duration readTimeout, List<Instance> instances) {

    /** The port configuration is served on unless configured. */
    public static final int DEFAULT_PORT = 8190;
    /** The port of {@code /health} and {@code /metrics} unless configured. */
    public static final int DEFAULT_ADMIN_PORT = 8191;
    /** The lowest and highest configuration versions X-Road 7.8 knows. */
    public static final int MIN_VERSION = 2;
    public static final int MAX_VERSION = 6;
    public static final Duration DEFAULT_VALIDITY = Duration.ofSeconds(600);
    public static final Duration DEFAULT_DOWNLOAD_INTERVAL = Duration.ofSeconds(60);

    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");

    public ConfigurationProxyConfig {
        Objects.requireNonNull(dataDirectory, "data-directory");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(address, "address");
        address.ifPresent(a -> ConfigException.check(ADDRESS.matcher(a).matches(), "address",
                "must be host or host:port, was '" + a + "'"));
        ConfigException.checkRange("minimum-version", minimumVersion, MIN_VERSION, MAX_VERSION);
        positive("connect-timeout", connectTimeout);
        positive("read-timeout", readTimeout);
        instances = List.copyOf(instances);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < instances.size(); i++) {
            ConfigException.check(names.add(instances.get(i).name()), "instances[" + i + "].name",
                    "'" + instances.get(i).name() + "' is used by an earlier instance");
        }
    }

    /** Data under {@code ./data}, ports 8190 (configuration) and 8191 (health, metrics), no instances. */
    public static ConfigurationProxyConfig defaults() {
        return new ConfigurationProxyConfig(Path.of("data"), Listen.defaults(), Optional.empty(), MIN_VERSION,
                Duration.ofSeconds(10), Duration.ofSeconds(30), List.of());
    }

    /** The instance called {@code name}. */
    public Optional<Instance> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** A copy keeping its data in {@code directory}. */
    public ConfigurationProxyConfig withDataDirectory(Path directory) {
        return new ConfigurationProxyConfig(directory, listen, address, minimumVersion, connectTimeout, readTimeout,
                instances);
    }

    /** A copy with the download timeouts {@code connect} and {@code read}. */
    public ConfigurationProxyConfig withTimeouts(Duration connect, Duration read) {
        return new ConfigurationProxyConfig(dataDirectory, listen, address, minimumVersion, connect, read, instances);
    }

    /** A copy with {@code instances}. */
    public ConfigurationProxyConfig withInstances(List<Instance> instances) {
        return new ConfigurationProxyConfig(dataDirectory, listen, address, minimumVersion, connectTimeout,
                readTimeout, instances);
    }

    /** A copy with the public {@code address} ({@code host[:port]}). */
    public ConfigurationProxyConfig withAddress(String address) {
        return new ConfigurationProxyConfig(dataDirectory, listen, Optional.of(address), minimumVersion,
                connectTimeout, readTimeout, instances);
    }

    /** A copy listening on {@code listen}. */
    public ConfigurationProxyConfig withListen(Listen listen) {
        return new ConfigurationProxyConfig(dataDirectory, listen, address, minimumVersion, connectTimeout,
                readTimeout, instances);
    }

    /** The address clients reach the proxy at: the configured one, else {@code 127.0.0.1:PORT}. */
    public String publicAddress(int boundPort) {
        return address.orElse("127.0.0.1:" + boundPort);
    }

    /** Where the configuration and the admin endpoints listen. */
    public record Listen(String host, int port, String adminHost, int adminPort) {

        public Listen {
            ConfigException.check(host != null && !host.isBlank(), "host", "must not be empty");
            ConfigException.check(adminHost != null && !adminHost.isBlank(), "admin-host", "must not be empty");
            ConfigException.checkRange("port", port, 0, 65535);
            ConfigException.checkRange("admin-port", adminPort, 0, 65535);
            ConfigException.check(port == 0 || port != adminPort, "admin-port", "must differ from port " + port);
        }

        /** Configuration on every interface, health and metrics on loopback only. */
        public static Listen defaults() {
            return new Listen("0.0.0.0", DEFAULT_PORT, "127.0.0.1", DEFAULT_ADMIN_PORT);
        }

        /** Both on 127.0.0.1 and free ports: for tests and one-off runs. */
        public static Listen ephemeral() {
            return new Listen("127.0.0.1", 0, "127.0.0.1", 0);
        }
    }

    /**
     * One proxy instance: a source mirrored under {@code /NAME/}.
     *
     * @param name             the path segment the instance is served under (letters, digits, {@code . _ -})
     * @param sourceAnchor     the anchor file of the configuration source (re-read before every download)
     * @param signingKeyPin    the PIN of the instance's PKCS#12 signing keys; never printed
     * @param validity         how long what the proxy signs is valid (default 600 s, X-Road's
     *                         {@code validity-interval-seconds}); must exceed the download interval
     * @param downloadInterval time between download runs (default 60 s, X-Road's cron)
     */
    public record Instance(String name, Path sourceAnchor, String signingKeyPin, Optional<Duration> validity,
                           Optional<Duration> downloadInterval) {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

        public Instance {
            ConfigException.check(name != null && NAME.matcher(name).matches(), "name",
                    "must be 1 to 64 letters, digits, '.', '_' or '-' (starting with a letter or digit), was '"
                            + name + "'");
            Objects.requireNonNull(sourceAnchor, "source-anchor");
            ConfigException.check(signingKeyPin != null && !signingKeyPin.isEmpty(), "signing-key-pin",
                    "must not be empty");
            Objects.requireNonNull(validity, "validity");
            Objects.requireNonNull(downloadInterval, "download-interval");
            validity.ifPresent(v -> ConfigException.check(v.compareTo(Duration.ofSeconds(1)) >= 0, "validity",
                    "must be at least 1s, was " + v));
            downloadInterval.ifPresent(d -> ConfigException.check(d.compareTo(Duration.ofMillis(100)) >= 0,
                    "download-interval", "must be at least 100ms, was " + d));
            ConfigException.check(validityOrDefault(validity).compareTo(intervalOrDefault(downloadInterval)) > 0,
                    "validity", "must be longer than the download interval ("
                            + intervalOrDefault(downloadInterval) + "), was " + validityOrDefault(validity));
        }

        /** An instance with the default validity and download interval. */
        public static Instance of(String name, Path sourceAnchor, String signingKeyPin) {
            return new Instance(name, sourceAnchor, signingKeyPin, Optional.empty(), Optional.empty());
        }

        /** A copy with {@code validity} and {@code downloadInterval}. */
        public Instance withTiming(Duration validity, Duration downloadInterval) {
            return new Instance(name, sourceAnchor, signingKeyPin, Optional.of(validity),
                    Optional.of(downloadInterval));
        }

        /** The validity in force. */
        public Duration effectiveValidity() {
            return validityOrDefault(validity);
        }

        /** The download interval in force. */
        public Duration effectiveDownloadInterval() {
            return intervalOrDefault(downloadInterval);
        }

        private static Duration validityOrDefault(Optional<Duration> validity) {
            return validity.orElse(DEFAULT_VALIDITY);
        }

        private static Duration intervalOrDefault(Optional<Duration> interval) {
            return interval.orElse(DEFAULT_DOWNLOAD_INTERVAL);
        }

        @Override
        public String toString() {
            return "Instance[name=" + name + ", sourceAnchor=" + sourceAnchor + ", signingKeyPin=****, validity="
                    + effectiveValidity() + ", downloadInterval=" + effectiveDownloadInterval() + "]";
        }
    }

    private static void positive(String key, Duration d) {
        Objects.requireNonNull(d, key);
        ConfigException.check(!d.isNegative() && !d.isZero(), key, "must be positive, was " + d);
    }
}
