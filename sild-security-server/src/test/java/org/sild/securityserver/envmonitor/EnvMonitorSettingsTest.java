package org.sild.securityserver.envmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sild.runtime.config.ConfigException;
import org.sild.runtime.config.YamlConfig;
import org.sild.securityserver.SecurityServerConfig;

/** The {@code env-monitor} section of the security server's configuration file. */
class EnvMonitorSettingsTest {

    @Test
    void theSectionIsReadAndDefaultsToXRoads() {
        var config = YamlConfig.parse("""
                signer: {pin: "1234"}
                env-monitor:
                  limit-remote-data-set: true
                  sampling-interval: 10s
                """, SecurityServerConfig.class);
        assertThat(config.envMonitor()).isEqualTo(new EnvMonitorSettings(true, Duration.ofSeconds(10), 60));

        var defaults = YamlConfig.parse("signer: {pin: \"1234\"}\n", SecurityServerConfig.class);
        assertThat(defaults.envMonitor()).isEqualTo(EnvMonitorSettings.defaults());
        assertThat(defaults.envMonitor().limitRemoteDataSet()).isFalse();
        assertThat(defaults.envMonitor().samplingInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void valuesOutOfRangeNameTheirKey() {
        assertThatThrownBy(() -> YamlConfig.parse("signer: {pin: \"1234\"}\nenv-monitor: {samples: 0}\n",
                SecurityServerConfig.class)).isInstanceOf(ConfigException.class).hasMessageContaining("env-monitor.samples");
        assertThatThrownBy(() -> new EnvMonitorSettings(false, Duration.ofMillis(10), 5))
                .hasMessageContaining("sampling-interval");
    }
}
