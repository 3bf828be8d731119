package org.sild.securityserver.globalconf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.runtime.config.ConfigException;

/**
 * The {@code configuration-client} section of the security server's YAML configuration:
 *
 * <pre>{@code
 * configuration-client:
 *   directory: globalconf              # where generations and the imported anchor live
 *   anchor-file: configuration-anchor.xml   # optional; else the anchor imported earlier
 *   update-interval: 60s
 *   allowed-federations: none          # none | all | EE,FI
 *   tls-cert-verification: true        # HTTPS downloads: certificate against the JVM trust store
 *   hostname-verification: true        # HTTPS downloads: certificate against the host name
 * }</pre>
 *
 * <p>Immutable; validated on construction (a {@link ConfigException} names the bad key).
 */
public record ConfigurationClientConfig(Path directory, Optional<Path> anchorFile, Duration updateInterval,
                                        String allowedFederations, boolean tlsCertVerification,
                                        boolean hostnameVerification) {

    public ConfigurationClientConfig {
        Objects.requireNonNull(directory);
        Objects.requireNonNull(anchorFile);
        Objects.requireNonNull(updateInterval);
        Objects.requireNonNull(allowedFederations);
        ConfigException.check(!updateInterval.isNegative() && !updateInterval.isZero(), "update-interval",
                "must be positive, was " + updateInterval);
        try {
            AllowedFederations.parse(allowedFederations);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("allowed-federations", e.getMessage());
        }
    }

    /** X-Road's defaults, storing under {@code globalconf}. */
    public static ConfigurationClientConfig defaults() {
        return new ConfigurationClientConfig(Path.of("globalconf"), Optional.empty(),
                ConfigurationClient.DEFAULT_UPDATE_INTERVAL, "none", true, true);
    }

    /** This section with another update interval. */
    public ConfigurationClientConfig withUpdateInterval(Duration value) {
        return new ConfigurationClientConfig(directory, anchorFile, value, allowedFederations, tlsCertVerification,
                hostnameVerification);
    }

    /** This section allowing federation with {@code value} ({@code none}, {@code all} or instance codes). */
    public ConfigurationClientConfig withAllowedFederations(String value) {
        return new ConfigurationClientConfig(directory, anchorFile, updateInterval, value, tlsCertVerification,
                hostnameVerification);
    }

    /** The federation gate. */
    public AllowedFederations federations() {
        return AllowedFederations.parse(allowedFederations);
    }

    /** A fetcher with this section's TLS switches. */
    public HttpConfigurationFetcher fetcher() {
        return HttpConfigurationFetcher.builder().tlsCertificateVerification(tlsCertVerification)
                .hostnameVerification(hostnameVerification).build();
    }

    /**
     * A client builder with this section applied (directory, interval, federation gate and the
     * anchor file when one is named); add the fetcher, clock and listener.
     *
     * @throws XRoadException {@code MalformedAnchor} when the anchor file cannot be read or parsed
     */
    public ConfigurationClient.Builder clientBuilder() {
        var builder = ConfigurationClient.builder(directory).updateInterval(updateInterval)
                .allowedFederations(federations());
        anchorFile.ifPresent(file -> builder.anchor(readAnchor(file)));
        return builder;
    }

    private static ConfigurationAnchor readAnchor(Path file) {
        try {
            if (Files.size(file) > ConfigurationAnchor.MAX_SIZE) {
                throw new XRoadException(ErrorCode.MALFORMED_ANCHOR, "anchor file " + file + " is larger than "
                        + ConfigurationAnchor.MAX_SIZE + " bytes");
            }
            return ConfigurationAnchor.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.MALFORMED_ANCHOR, "cannot read anchor file " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
