package org.sild.securityserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.config.ConfigException;
import org.sild.runtime.config.YamlConfig;

class ConfigurationClientConfigTest {

    @TempDir
    Path dir;

    record SecurityServerFile(ConfigurationClientConfig configurationClient) {
        public static SecurityServerFile defaults() {
            return new SecurityServerFile(ConfigurationClientConfig.defaults());
        }
    }

    @Test
    void readsTheYamlSectionWithDefaults() throws Exception {
        Path file = dir.resolve("sild.yaml");
        Files.writeString(file, """
                configuration-client:
                  anchor-file: anchor.xml
                  allowed-federations: EE, fi
                  update-interval: 30s
                """);

        var config = YamlConfig.load(file, SecurityServerFile.class).configurationClient();

        assertThat(config.directory()).isEqualTo(Path.of("globalconf"));
        assertThat(config.anchorFile()).contains(dir.resolve("anchor.xml"));
        assertThat(config.updateInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.federations().allows("FI")).isTrue();
        assertThat(config.tlsCertVerification()).isTrue();
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> new ConfigurationClientConfig(dir, java.util.Optional.empty(), Duration.ZERO, "none",
                true, true)).isInstanceOf(ConfigException.class).hasMessageContaining("update-interval");
        assertThatThrownBy(() -> new ConfigurationClientConfig(dir, java.util.Optional.empty(), Duration.ofSeconds(1),
                " ", true, true)).isInstanceOf(ConfigException.class).hasMessageContaining("allowed-federations");
    }

    @Test
    void aMissingAnchorFileIsAMalformedAnchor() {
        var config = new ConfigurationClientConfig(dir, java.util.Optional.of(dir.resolve("missing.xml")),
                Duration.ofSeconds(60), "none", true, true);
        assertThatThrownBy(config::clientBuilder).isInstanceOf(XRoadException.class)
                .satisfies(e -> assertThat(((XRoadException) e).code()).isEqualTo(FaultCode.of(ErrorCode.MALFORMED_ANCHOR)));
    }
}
