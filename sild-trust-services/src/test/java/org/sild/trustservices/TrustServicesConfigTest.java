package org.sild.trustservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.runtime.config.ConfigException;
import org.sild.runtime.config.YamlConfig;
import org.sild.trustservices.ca.CertificateType;
import org.sild.trustservices.ca.IssuingPolicy;

class TrustServicesConfigTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyFileGivesTheDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("trust.yaml"), "");

        TrustServicesConfig config = YamlConfig.load(file, TrustServicesConfig.class);

        assertThat(config).isEqualTo(TrustServicesConfig.defaults());
        assertThat(config.port()).isEqualTo(8888);
        assertThat(config.tsaPort()).isEqualTo(8899);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.ca().instance()).isEqualTo("DEV");
        assertThat(config.ocsp().nextUpdate()).contains(Duration.ofHours(1));
        assertThat(config.toString()).contains("keyPassword=****").doesNotContain("sild-dev");
    }

    @Test
    void readsEveryKey() throws Exception {
        Path file = Files.writeString(dir.resolve("trust.yaml"), """
                data-dir: state
                host: 0.0.0.0
                port: 9888
                tsa-port: 9899
                api-keys:
                  - name: ops
                    key: a-long-enough-api-key
                  - name: ci
                    key: sha256:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
                key-password: secret
                ca:
                  name: "CN=Test CA, O=Test"
                  validity: 3650d
                  instance: EE
                  signing-profile: Basic
                  auth-validity: 365d
                  sign-validity: 100d
                ocsp:
                  next-update: null
                  cache-time: 10s
                  url: http://ca.example:9888/
                tsa:
                  name: "CN=Test TSA"
                  validity: 1000d
                  policy: 1.2.3.4
                store:
                  url: jdbc:postgresql://db/trust
                """);

        TrustServicesConfig config = YamlConfig.load(file, TrustServicesConfig.class);

        assertThat(config.dataDir()).isEqualTo(dir.resolve("state").toAbsolutePath());
        assertThat(config.apiKeys()).extracting(k -> k.name()).containsExactly("ops", "ci");
        assertThat(config.toString()).doesNotContain("a-long-enough-api-key");
        assertThat(config.keyPassword()).isEqualTo("secret");
        assertThat(config.ca()).isEqualTo(new TrustServicesConfig.Ca("CN=Test CA, O=Test", Duration.ofDays(3650), "EE",
                "Basic", Duration.ofDays(365), Duration.ofDays(100)));
        assertThat(config.ocsp()).isEqualTo(new TrustServicesConfig.Ocsp(Optional.empty(), Duration.ofSeconds(10),
                Optional.of(URI.create("http://ca.example:9888/"))));
        assertThat(config.tsa()).isEqualTo(new TrustServicesConfig.Tsa("CN=Test TSA", Duration.ofDays(1000), "1.2.3.4"));
        assertThat(config.store().url()).contains("jdbc:postgresql://db/trust");

        IssuingPolicy policy = config.issuingPolicy(config.ocsp().url());
        assertThat(policy.instance()).isEqualTo("EE");
        assertThat(policy.validity(CertificateType.SIGN)).isEqualTo(Duration.ofDays(100));
        assertThat(policy.validity(CertificateType.TSA)).isEqualTo(Duration.ofDays(1000));
        assertThat(policy.ocspUrl()).contains(URI.create("http://ca.example:9888/"));
    }

    @Test
    void namesTheBadKey() {
        assertBad("port: 70000", "port: must be 0..65535, was 70000");
        assertBad("tsa-port: 8888", "tsa-port: must differ from port 8888");
        assertBad("api-keys: [{name: ops, key: short}]", "api-keys[0].key: must be at least 16 characters");
        assertBad("key-password: ''", "key-password: must not be empty");
        assertBad("ca:\n  name: 'not a name'", "ca.name: must be an X.500 name");
        assertBad("ca:\n  signing-profile: Nope", "ca.signing-profile: unknown certificate profile 'Nope'");
        assertBad("ca:\n  sign-validity: 0s", "ca.sign-validity: must be positive");
        assertBad("ocsp:\n  url: ftp://x/", "ocsp.url: must be an http or https URL");
        assertBad("ocsp:\n  cache-time: -1s", "ocsp.cache-time");
        assertBad("tsa:\n  policy: x.y", "tsa.policy: must be an object identifier");
        assertBad("colour: blue", "colour: unknown key");
    }

    private static void assertBad(String yaml, String message) {
        assertThatThrownBy(() -> YamlConfig.parse(yaml, TrustServicesConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }
}
