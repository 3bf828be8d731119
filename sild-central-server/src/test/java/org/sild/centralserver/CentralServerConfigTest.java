package org.sild.centralserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.centralserver.globalconf.KeyAlgorithm;
import org.sild.runtime.config.ConfigException;

/** The YAML configuration: every key, the defaults, and refusals that name the key. */
class CentralServerConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryKey() throws Exception {
        Path file = write("""
                instance-identifier: DEV
                data-directory: cs-data
                public-address: cs.example.org:8080
                listen:
                  configuration-host: 127.0.0.1
                  configuration-port: 8080
                  admin-host: 127.0.0.2
                  admin-port: 4400
                  registration-port: 14001
                  management-host: 127.0.0.3
                  management-port: 14002
                admin-api-keys:
                  - {name: ops, key: "ops-key-0123456789abcdef"}
                store: {url: "jdbc:postgresql://db/cs", user: cs, password: secret}
                signing-keys: {pin: "1234", algorithm: ec, directory: keys}
                global-configuration: {regeneration-interval: 30s}
                management-services: {rate-limit-per-minute: 100, request-timeout: 5s}
                """);

        CentralServerConfig c = CentralServerConfig.load(file);

        assertThat(c.instanceIdentifier()).isEqualTo("DEV");
        assertThat(c.dataDirectory()).isEqualTo(dir.resolve("cs-data"));
        assertThat(c.publicAddress()).contains("cs.example.org:8080");
        assertThat(c.listen()).isEqualTo(new CentralServerConfig.Listen("127.0.0.1", 8080, "127.0.0.2", 4400,
                "0.0.0.0", 14001, "127.0.0.3", 14002));
        assertThat(c.managementServices()).isEqualTo(new CentralServerConfig.ManagementServices(100,
                Duration.ofSeconds(5)));
        assertThat(c.adminApiKeys()).singleElement().satisfies(k -> assertThat(k.name()).isEqualTo("ops"));
        assertThat(c.store().url()).contains("jdbc:postgresql://db/cs");
        assertThat(c.signingKeys().algorithm()).isEqualTo(KeyAlgorithm.EC);
        assertThat(c.signingKeys().pin()).isEqualTo("1234");
        assertThat(c.signingKeys().toString()).doesNotContain("1234");
        assertThat(c.globalConfiguration().regenerationInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void takesXRoadsDefaults() throws Exception {
        CentralServerConfig c = CentralServerConfig.load(write("instance-identifier: DEV\nsigning-keys: {pin: x}\n"));

        assertThat(c.listen()).isEqualTo(CentralServerConfig.Listen.defaults());
        assertThat(c.listen().configurationPort()).isEqualTo(80);
        assertThat(c.listen().adminPort()).isEqualTo(4000);
        assertThat(c.listen().registrationPort()).isEqualTo(CentralServer.REGISTRATION_PORT);
        assertThat(c.listen().managementPort()).isEqualTo(CentralServer.MANAGEMENT_PORT);
        assertThat(c.managementServices().rateLimitPerMinute()).isEqualTo(10);
        assertThat(c.publicAddress()).isEqualTo(Optional.empty());
        assertThat(c.signingKeys().algorithm()).isEqualTo(KeyAlgorithm.RSA);
        assertThat(c.globalConfiguration().regenerationInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.store().url()).isEmpty();
    }

    @Test
    void refusesWhatIsMissingOrWrongNamingTheKey() throws Exception {
        assertRefused("signing-keys: {pin: x}\n", "instance-identifier: is required");
        assertRefused("instance-identifier: DEV\n", "signing-keys.pin: is required");
        assertRefused("instance-identifier: DEV\nsigning-keys: {pin: x}\nlisten: {admin-port: 70000}\n",
                "listen.admin-port: must be 0..65535");
        assertRefused("instance-identifier: DEV\nsigning-keys: {pin: x}\npublic-address: http://x/\n",
                "public-address: must be host[:port]");
        assertRefused("instance-identifier: D/V\nsigning-keys: {pin: x}\n", "instance-identifier: may only have");
        assertRefused("instance-identifier: DEV\nsigning-keys: {pin: x}\nglobal-configuration: {regeneration-interval: 2h}\n",
                "global-configuration.regeneration-interval: must be 10ms..1h");
        assertRefused("instance-identifier: DEV\nsigning-keys: {pin: x, algorithm: DSA}\n", "signing-keys.algorithm");
        assertRefused("instance-identifier: DEV\nsigning-keys: {pin: x}\nlisten: {registration-port: -1}\n",
                "listen.registration-port: must be 0..65535");
        assertRefused("instance-identifier: DEV\nsigning-keys: {pin: x}\nmanagement-services: {rate-limit-per-minute: 0}\n",
                "management-services.rate-limit-per-minute");
        assertRefused("instance-identifier: DEV\nunknown: 1\n", "unknown");
    }

    private void assertRefused(String yaml, String message) throws Exception {
        Path file = write(yaml);
        assertThatThrownBy(() -> CentralServerConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("central-server.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
