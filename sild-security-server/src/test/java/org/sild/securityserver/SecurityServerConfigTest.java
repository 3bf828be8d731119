package org.sild.securityserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.FaultStyle;
import org.sild.runtime.config.ConfigException;
import org.sild.runtime.config.YamlConfig;

class SecurityServerConfigTest {

    @Test
    void theDocumentedExampleLoads() {
        var config = YamlConfig.parse("""
                data-directory: /var/lib/sild/ss1
                listen:
                  client-host: 127.0.0.1
                  server-host: 0.0.0.0
                  admin-host: 127.0.0.1
                  admin-port: 4000
                admin-api-keys:
                  - {name: operator, key: "a-long-enough-admin-key"}
                proxy:
                  client-http-port: 8080
                  client-https-port: 8443
                  server-port: 5500
                  ocsp-port: 5577
                  fault-style: SNAKE_CASE
                store:
                  url: "jdbc:postgresql://127.0.0.1:5432/sild"
                  user: sild
                  password: secret
                signer:
                  pin: "1234"
                configuration-client:
                  anchor-file: configuration-anchor.xml
                  update-interval: 30s
                """, SecurityServerConfig.class);
        assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/lib/sild/ss1"));
        assertThat(config.listen().serverHost()).isEqualTo("0.0.0.0");
        assertThat(config.adminApiKeys()).singleElement().satisfies(k -> assertThat(k.name()).isEqualTo("operator"));
        assertThat(config.proxy().faultStyle()).isEqualTo(FaultStyle.SNAKE_CASE);
        assertThat(config.proxy().serverPort()).isEqualTo(5500);
        assertThat(config.store().url()).contains("jdbc:postgresql://127.0.0.1:5432/sild");
        assertThat(config.signer().pin()).isEqualTo("1234");
        assertThat(config.configurationClient().anchorFile()).contains(Path.of("configuration-anchor.xml"));
        assertThat(config.configurationClient().updateInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everythingHasADefaultButThePin() {
        var config = YamlConfig.parse("signer: {pin: \"1234\"}\n", SecurityServerConfig.class);
        assertThat(config.proxy().clientHttpPort()).isEqualTo(8080);
        assertThat(config.proxy().faultStyle()).isEqualTo(FaultStyle.CLASSIC);
        assertThat(config.listen().adminPort()).isEqualTo(4000);
        assertThat(config.store().url()).isEqualTo(Optional.empty());
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> YamlConfig.parse("listen: {admin-port: 70000}\n", SecurityServerConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listen.admin-port");
        assertThatThrownBy(() -> YamlConfig.parse("proxy: {server-prot: 5500}\n", SecurityServerConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server-prot");
    }

    @Test
    void theOpMonitorSectionBindsOverXRoadsDefaults() {
        var config = YamlConfig.parse("""
                signer: {pin: "1234"}
                op-monitor:
                  keep-records-for: 3d
                  clean-interval: 1h
                  max-records-in-payload: 500
                  records-available-offset: 10s
                """, SecurityServerConfig.class);
        var op = config.opMonitor();
        assertThat(op.keepRecordsFor()).isEqualTo(Duration.ofDays(3));
        assertThat(op.cleanInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(op.maxRecordsInPayload()).isEqualTo(500);
        assertThat(op.recordsAvailableOffset()).isEqualTo(Duration.ofSeconds(10));
        assertThat(op.healthStatisticsPeriod()).isEqualTo(Duration.ofSeconds(600));
        assertThat(op.bufferSize()).isEqualTo(20_000);
        assertThat(op.enabled()).isTrue();
        assertThatThrownBy(() -> YamlConfig.parse("op-monitor: {max-records-in-payload: 0}\n",
                SecurityServerConfig.class)).isInstanceOf(ConfigException.class).hasMessageContaining("op-monitor");
    }
}
