package org.sild.securityserver.envmonitor;

import java.time.Duration;
import java.util.Objects;
import org.sild.runtime.config.ConfigException;

/**
 * The {@code env-monitor} section of the security server's configuration (X-Road's
 * {@code [env-monitor]} in {@code monitor.ini}).
 *
 * <pre>{@code
 * env-monitor:
 *   limit-remote-data-set: false   # true: callers other than the owner get only certificates, OS and version
 *   sampling-interval: 5s          # how often load, free memory and file descriptors are sampled
 *   samples: 60                    # the histograms cover the last this many samples
 * }</pre>
 *
 * @param limitRemoteDataSet whether callers other than the owner (the monitoring client of global
 *                           configuration) receive only {@code Certificates}, {@code OperatingSystem}
 *                           and {@code proxyVersion}
 * @param samplingInterval   the interval between samples of the histogram metrics (1 s to 1 h)
 * @param samples            how many recent samples each histogram keeps (1 to 10 000)
 */
public record EnvMonitorSettings(boolean limitRemoteDataSet, Duration samplingInterval, int samples) {

    public EnvMonitorSettings {
        Objects.requireNonNull(samplingInterval, "sampling-interval");
        if (samplingInterval.compareTo(Duration.ofSeconds(1)) < 0 || samplingInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("sampling-interval", "must be 1s..1h, was " + samplingInterval);
        }
        ConfigException.checkRange("samples", samples, 1, 10_000);
    }

    /** X-Road's defaults: the whole data set for every allowed caller, a sample every 5 seconds, 60 kept. */
    public static EnvMonitorSettings defaults() {
        return new EnvMonitorSettings(false, Duration.ofSeconds(5), 60);
    }
}
