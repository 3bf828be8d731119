package org.sild.configurationproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.runtime.config.ConfigException;
import org.sild.runtime.config.YamlConfig;

class ConfigurationProxyConfigTest {

    @TempDir
    Path dir;

    @Test
    void aFullFileIsReadWithPathsRelativeToIt() throws Exception {
        Path file = dir.resolve("confproxy.yaml");
        Files.writeString(file, """
                data-directory: data
                listen: {host: 127.0.0.1, port: 8190, admin-host: 127.0.0.1, admin-port: 8191}
                address: confproxy.example.org:8190
                minimum-version: 3
                read-timeout: 10s
                instances:
                  - name: DEV
                    source-anchor: anchors/dev.xml
                    signing-key-pin: secret-1
                  - name: FED-external
                    source-anchor: /etc/fed.xml
                    signing-key-pin: secret-2
                    validity: 20m
                    download-interval: 2m
                """);

        var config = YamlConfig.load(file, ConfigurationProxyConfig.class);

        assertThat(config.dataDirectory()).isEqualTo(dir.resolve("data"));
        assertThat(config.address()).contains("confproxy.example.org:8190");
        assertThat(config.publicAddress(1234)).isEqualTo("confproxy.example.org:8190");
        assertThat(config.minimumVersion()).isEqualTo(3);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        var dev = config.instance("DEV").orElseThrow();
        assertThat(dev.sourceAnchor()).isEqualTo(dir.resolve("anchors/dev.xml"));
        assertThat(dev.effectiveValidity()).isEqualTo(Duration.ofSeconds(600));
        assertThat(dev.effectiveDownloadInterval()).isEqualTo(Duration.ofSeconds(60));
        var fed = config.instance("FED-external").orElseThrow();
        assertThat(fed.sourceAnchor()).isEqualTo(Path.of("/etc/fed.xml"));
        assertThat(fed.effectiveValidity()).isEqualTo(Duration.ofMinutes(20));
        assertThat(fed.effectiveDownloadInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.toString()).doesNotContain("secret-1", "secret-2");
    }

    @Test
    void defaultsNeedOnlyTheInstances() {
        var config = YamlConfig.parse("instances: [{name: DEV, source-anchor: a.xml, signing-key-pin: x}]",
                ConfigurationProxyConfig.class);

        assertThat(config.listen()).isEqualTo(ConfigurationProxyConfig.Listen.defaults());
        assertThat(config.listen().port()).isEqualTo(8190);
        assertThat(config.address()).isEmpty();
        assertThat(config.publicAddress(8190)).isEqualTo("127.0.0.1:8190");
        assertThat(config.minimumVersion()).isEqualTo(2);
    }

    @Test
    void badValuesAreNamedByTheirKey() {
        assertProblem("instances: [{name: 'a/b', source-anchor: a.xml, signing-key-pin: x}]", "instances[0].name");
        assertProblem("instances: [{name: A, source-anchor: a.xml, signing-key-pin: ''}]",
                "instances[0].signing-key-pin: must not be empty");
        assertProblem("instances: [{name: A, source-anchor: a.xml}]", "instances[0].signing-key-pin: is required");
        assertProblem("instances: [{name: A, source-anchor: a.xml, signing-key-pin: x, validity: 60s}]",
                "instances[0].validity: must be longer than the download interval");
        assertProblem("instances: [{name: A, source-anchor: a.xml, signing-key-pin: x},"
                + " {name: A, source-anchor: b.xml, signing-key-pin: y}]", "instances[1].name: 'A' is used");
        assertProblem("minimum-version: 7", "minimum-version: must be 2..6, was 7");
        assertProblem("address: 'http://x/'", "address: must be host or host:port");
        assertProblem("listen: {port: 8190, admin-port: 8190}", "listen.admin-port: must differ");
        assertProblem("read-timeout: 0s", "read-timeout: must be positive");
        assertProblem("instances: [{name: A, source-anchor: a.xml, signing-key-pin: x, pin: y}]",
                "instances[0].pin: unknown key");
    }

    @Test
    void instancesCanBeBuiltInCode() {
        var instance = ConfigurationProxyConfig.Instance.of("DEV", Path.of("a.xml"), "pin")
                .withTiming(Duration.ofMinutes(5), Duration.ofSeconds(30));

        assertThat(instance.validity()).contains(Duration.ofMinutes(5));
        assertThat(instance.toString()).contains("signingKeyPin=****").doesNotContain("=pin");
        assertThat(ConfigurationProxyConfig.defaults().withInstances(java.util.List.of(instance)).instance("DEV"))
                .contains(instance);
        assertThat(ConfigurationProxyConfig.defaults().instance("DEV")).isEqualTo(Optional.empty());
    }

    private static void assertProblem(String yaml, String message) {
        assertThatThrownBy(() -> YamlConfig.parse(yaml, ConfigurationProxyConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
