package org.sild.trustservices;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.admin.ApiKey;
import org.sild.runtime.config.ConfigException;
import org.sild.runtime.store.StoreConfig;
import org.sild.trustservices.ca.IssuingPolicy;

/**
 * The configuration of the development trust services, one YAML file (kebab-case keys, every key
 * optional):
 *
 * <pre>
 * data-dir: .sild/trust-services   # ca.p12, tsa.p12, api-key, the H2 database
 * host: 127.0.0.1
 * port: 8888                       # CA API (/ca/...) and OCSP responder (/)
 * tsa-port: 8899                   # time-stamping authority
 * api-keys:                        # for issuing and revoking; none: one is generated into data-dir/api-key
 *   - name: ops
 *     key: sha256:9f86d0...          # or the key itself (16 characters or more)
 * key-password: sild-dev           # protects ca.p12 and tsa.p12
 * ca:
 *   name: "CN=Sild Development CA, O=Sild"
 *   validity: 7300d
 *   instance: DEV                  # signing certificate subjects must name it
 *   signing-profile: ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider
 *   auth-validity: 730d
 *   sign-validity: 730d
 * ocsp:
 *   next-update: 1h                # ~ (null) leaves nextUpdate out
 *   cache-time: 0s                 # reuse of signed responses per certificate
 *   url: http://127.0.0.1:8888/    # written into certificates (AIA); default from host and port
 * tsa:
 *   name: "CN=Sild Development TSA, O=Sild"
 *   validity: 3650d
 *   policy: 2.25.163581027372153740316935307412417916711
 * store:                           # runtime StoreConfig; default H2 in data-dir
 *   url: jdbc:postgresql://...
 * </pre>
 *
 * A relative {@code data-dir} in a file resolves against the file's directory. Immutable; the
 * {@code toString} hides the secrets.
 */
public record TrustServicesConfig(Path dataDir, String host, int port, int tsaPort, List<ApiKey> apiKeys,
        String keyPassword, Ca ca, Ocsp ocsp, Tsa tsa, StoreConfig store) {

    /** The sandbox's port for the CA and OCSP responder. */
    public static final int DEFAULT_PORT = 8888;
    /** The sandbox's port for the TSA. */
    public static final int DEFAULT_TSA_PORT = 8899;

    public TrustServicesConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        apiKeys = List.copyOf(apiKeys);
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(ocsp, "ocsp");
        Objects.requireNonNull(tsa, "tsa");
        Objects.requireNonNull(store, "store");
        ConfigException.check(host != null && !host.isBlank(), "host", "must not be empty");
        ConfigException.checkRange("port", port, 0, 65535);
        ConfigException.checkRange("tsa-port", tsaPort, 0, 65535);
        ConfigException.check(port == 0 || port != tsaPort, "tsa-port", "must differ from port " + port);
        ConfigException.check(keyPassword != null && !keyPassword.isEmpty(), "key-password", "must not be empty");
    }

    /** Everything by default: data in {@code .sild/trust-services}, 127.0.0.1 ports 8888 and 8899. */
    public static TrustServicesConfig defaults() {
        return new TrustServicesConfig(Path.of(".sild", "trust-services"), "127.0.0.1", DEFAULT_PORT,
                DEFAULT_TSA_PORT, List.of(), "sild-dev", Ca.defaults(), Ocsp.defaults(), Tsa.defaults(),
                StoreConfig.defaults());
    }

    /** A copy keeping its data in {@code dir}. */
    public TrustServicesConfig withDataDir(Path dir) {
        return new TrustServicesConfig(dir, host, port, tsaPort, apiKeys, keyPassword, ca, ocsp, tsa, store);
    }

    /** A copy listening on {@code port} (CA + OCSP) and {@code tsaPort}; 0 picks free ports. */
    public TrustServicesConfig withPorts(int port, int tsaPort) {
        return new TrustServicesConfig(dataDir, host, port, tsaPort, apiKeys, keyPassword, ca, ocsp, tsa, store);
    }

    /** A copy accepting the API key {@code key} (the key itself), named {@code name}, instead of any other. */
    public TrustServicesConfig withApiKey(String name, String key) {
        return new TrustServicesConfig(dataDir, host, port, tsaPort, List.of(new ApiKey(name, key)), keyPassword, ca,
                ocsp, tsa, store);
    }

    /** A copy with another store. */
    public TrustServicesConfig withStore(StoreConfig store) {
        return new TrustServicesConfig(dataDir, host, port, tsaPort, apiKeys, keyPassword, ca, ocsp, tsa, store);
    }

    /** A copy with other CA settings. */
    public TrustServicesConfig withCa(Ca ca) {
        return new TrustServicesConfig(dataDir, host, port, tsaPort, apiKeys, keyPassword, ca, ocsp, tsa, store);
    }

    /** A copy with other OCSP settings. */
    public TrustServicesConfig withOcsp(Ocsp ocsp) {
        return new TrustServicesConfig(dataDir, host, port, tsaPort, apiKeys, keyPassword, ca, ocsp, tsa, store);
    }

    /** The issuing policy these settings describe, with {@code ocspUrl} for the AIA extension if any. */
    IssuingPolicy issuingPolicy(Optional<URI> ocspUrl) {
        var builder = IssuingPolicy.builder().instance(ca.instance()).signingProfile(ca.signingProfile())
                .authValidity(ca.authValidity()).signValidity(ca.signValidity()).tsaValidity(tsa.validity());
        ocspUrl.ifPresent(builder::ocspUrl);
        return builder.build();
    }

    @Override
    public String toString() {
        return "TrustServicesConfig[dataDir=" + dataDir + ", host=" + host + ", port=" + port + ", tsaPort=" + tsaPort
                + ", apiKeys=" + (apiKeys.isEmpty() ? "<generated>" : apiKeys) + ", keyPassword=****, ca=" + ca
                + ", ocsp=" + ocsp + ", tsa=" + tsa + ", store=" + store + "]";
    }

    /**
     * The certification authority: its name and validity when it is created, the X-Road instance
     * and certificate profile signing subjects must follow, and the validity of what it issues.
     */
    public record Ca(String name, Duration validity, String instance, String signingProfile, Duration authValidity,
            Duration signValidity) {

        public Ca {
            ConfigException.check(name != null && validName(name), "name", "must be an X.500 name such as"
                    + " 'CN=Sild Development CA, O=Sild', was '" + name + "'");
            positive("validity", validity);
            ConfigException.check(instance != null && !instance.isBlank(), "instance", "must not be empty");
            try {
                IssuingPolicy.builder().signingProfile(Objects.requireNonNull(signingProfile)).build();
            } catch (XRoadException | NullPointerException e) {
                throw new ConfigException("signing-profile", "unknown certificate profile '" + signingProfile + "'");
            }
            positive("auth-validity", authValidity);
            positive("sign-validity", signValidity);
        }

        public static Ca defaults() {
            return new Ca("CN=Sild Development CA, O=Sild", Duration.ofDays(7300), "DEV", IssuingPolicy.EJBCA_PROFILE,
                    Duration.ofDays(730), Duration.ofDays(730));
        }
    }

    /**
     * The OCSP responder: how far {@code nextUpdate} lies after {@code thisUpdate} (empty: left out),
     * how long a signed response is reused while the status holds, and the URL certificates name.
     */
    public record Ocsp(Optional<Duration> nextUpdate, Duration cacheTime, Optional<URI> url) {

        public Ocsp {
            Objects.requireNonNull(nextUpdate, "nextUpdate");
            Objects.requireNonNull(url, "url");
            nextUpdate.ifPresent(d -> positive("next-update", d));
            ConfigException.check(cacheTime != null && !cacheTime.isNegative(), "cache-time", "must not be negative");
            url.ifPresent(u -> ConfigException.check("http".equals(u.getScheme()) || "https".equals(u.getScheme()),
                    "url", "must be an http or https URL, was " + u));
        }

        public static Ocsp defaults() {
            return new Ocsp(Optional.of(Duration.ofHours(1)), Duration.ZERO, Optional.empty());
        }
    }

    /** The time-stamping authority: its certificate's name and validity, and the policy OID of its tokens. */
    public record Tsa(String name, Duration validity, String policy) {

        public Tsa {
            ConfigException.check(name != null && validName(name), "name", "must be an X.500 name with a CN, was '"
                    + name + "'");
            positive("validity", validity);
            ConfigException.check(policy != null && policy.matches("[0-2](\\.(0|[1-9][0-9]*))+"), "policy",
                    "must be an object identifier, was '" + policy + "'");
        }

        public static Tsa defaults() {
            return new Tsa("CN=Sild Development TSA, O=Sild", Duration.ofDays(3650),
                    org.sild.trustservices.tsa.TimeStampAuthority.DEFAULT_POLICY);
        }
    }

    private static boolean validName(String name) {
        try {
            return !new X500Principal(name).getName().isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void positive(String key, Duration d) {
        ConfigException.check(d != null && !d.isNegative() && !d.isZero(), key, "must be positive, was " + d);
    }
}
