package org.sild.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.runtime.store.StoreConfig;

class YamlConfigTest {

    enum ConnectionType { NOSSL, SSLNOAUTH, SSL_AUTH }

    record ClientProxy(String host, int port, Duration timeout, ConnectionType connectionType) {
        ClientProxy {
            ConfigException.checkRange("port", port, 0, 65535);
        }

        static ClientProxy defaults() {
            return new ClientProxy("127.0.0.1", 8080, Duration.ofSeconds(30), ConnectionType.NOSSL);
        }
    }

    record Peer(String name, URI url, Optional<Integer> weight) {
    }

    record SecurityServer(ClientProxy clientProxy, Optional<String> ownerCode, StoreConfig store, Path dataDir,
            boolean maintenance, long maxBodyBytes, double ratio, List<Peer> peers, Map<String, Duration> timeouts,
            Set<String> tags, Optional<Path> archiveDir) {

        static SecurityServer defaults() {
            return new SecurityServer(ClientProxy.defaults(), Optional.empty(), StoreConfig.defaults(), Path.of("data"),
                    false, 1024, 0.5, List.of(), Map.of(), Set.of(), Optional.empty());
        }
    }

    record Sild(SecurityServer securityServer) {
    }

    record Tree(Optional<Tree> child) {
    }

    record Required(String name, int count, Optional<String> note, List<String> items) {
    }

    @Test
    void readsEveryValueKind() {
        Sild config = YamlConfig.parse("""
                security-server:
                  client-proxy:
                    host: 0.0.0.0
                    port: 8443
                    timeout: 5m
                    connection-type: ssl-auth
                  owner-code: "70000003"
                  store:
                    url: jdbc:postgresql://db/sild
                    user: ss
                    password: pw
                    pool-size: 20
                    connection-timeout: PT2S
                  data-dir: /var/lib/sild
                  maintenance: true
                  max-body-bytes: 209715200
                  ratio: 0.75
                  peers:
                    - name: ss2
                      url: https://ss2:5500/
                      weight: 3
                    - {name: ss3, url: "https://ss3:5500/"}
                  timeouts:
                    provider: 60s
                    ocsp: 500ms
                  tags: [a, b]
                  archive-dir: ~
                """, Sild.class);
        SecurityServer ss = config.securityServer();
        assertThat(ss.clientProxy()).isEqualTo(new ClientProxy("0.0.0.0", 8443, Duration.ofMinutes(5),
                ConnectionType.SSL_AUTH));
        assertThat(ss.ownerCode()).contains("70000003");
        assertThat(ss.store()).isEqualTo(new StoreConfig(Optional.of("jdbc:postgresql://db/sild"), "ss", "pw", 20,
                Duration.ofSeconds(2)));
        assertThat(ss.dataDir()).isEqualTo(Path.of("/var/lib/sild"));
        assertThat(ss.maintenance()).isTrue();
        assertThat(ss.maxBodyBytes()).isEqualTo(209_715_200L);
        assertThat(ss.ratio()).isEqualTo(0.75);
        assertThat(ss.peers()).containsExactly(new Peer("ss2", URI.create("https://ss2:5500/"), Optional.of(3)),
                new Peer("ss3", URI.create("https://ss3:5500/"), Optional.empty()));
        assertThat(ss.timeouts()).containsExactly(Map.entry("provider", Duration.ofSeconds(60)),
                Map.entry("ocsp", Duration.ofMillis(500)));
        assertThat(ss.tags()).containsExactly("a", "b");
        assertThat(ss.archiveDir()).isEmpty();
    }

    @Test
    void missingKeysTakeDefaultsAtEveryLevel() {
        Sild config = YamlConfig.parse("""
                security-server:
                  client-proxy:
                    port: 9090
                """, Sild.class);
        var expected = SecurityServer.defaults();
        assertThat(config.securityServer().clientProxy()).isEqualTo(new ClientProxy("127.0.0.1", 9090,
                Duration.ofSeconds(30), ConnectionType.NOSSL));
        assertThat(config.securityServer().store()).isEqualTo(expected.store());
        assertThat(config.securityServer().dataDir()).isEqualTo(expected.dataDir());
        assertThat(YamlConfig.parse("", Sild.class).securityServer()).isEqualTo(expected);
        assertThat(YamlConfig.parse("# nothing\n", SecurityServer.class)).isEqualTo(expected);
    }

    @Test
    void problemsNameTheExactKeyPath() {
        assertProblem("security-server:\n  client-proxy:\n    port: 70000\n",
                "security-server.client-proxy.port: must be 0..65535, was 70000");
        assertProblem("security-server:\n  client-proxy:\n    prot: 1\n",
                "security-server.client-proxy.prot: unknown key (known keys here: host, port, timeout, connection-type)");
        assertProblem("security-server:\n  client-proxy:\n    port: eighty\n",
                "security-server.client-proxy.port: expected an integer, got 'eighty'");
        assertProblem("security-server:\n  client-proxy:\n    connection-type: tls\n",
                "security-server.client-proxy.connection-type: expected one of nossl, sslnoauth, ssl-auth, got 'tls'");
        assertProblem("security-server:\n  client-proxy:\n    timeout: soon\n",
                "security-server.client-proxy.timeout: expected a duration such as 500ms, 30s, 5m, 2h, 1d or PT30S,"
                        + " got 'soon'");
        assertProblem("security-server:\n  maintenance: yes\n",
                "security-server.maintenance: expected true or false, got 'yes'");
        assertProblem("security-server:\n  store:\n    pool-size: 0\n",
                "security-server.store.pool-size: must be 1..1000, was 0");
        assertProblem("security-server:\n  peers:\n    - name: a\n      url: http://a/\n    - name: b\n",
                "security-server.peers[1].url: is required");
        assertProblem("security-server:\n  peers:\n    - name: a\n      url: 'http://a b/'\n",
                "security-server.peers[0].url: Illegal character in authority at index 8: http://a b/");
        assertProblem("security-server:\n  client-proxy: 8080\n",
                "security-server.client-proxy: expected a section (key: value lines), got '8080'");
        assertProblem("security-server:\n  tags: a\n", "security-server.tags: expected a list, got 'a'");
        assertProblem("security-server:\n  tags: [a, a]\n", "security-server.tags: has duplicate entries");
        assertProblem("security-server:\n  data-dir: ~\n", "security-server.data-dir: must have a value");
        assertProblem("security-server:\n  client-proxy:\n    host: [a]\n",
                "security-server.client-proxy.host: expected a single value, got a list");
    }

    @Test
    void requiredValuesWithoutDefaults() {
        assertThat(YamlConfig.parse("name: x\ncount: 2\n", Required.class))
                .isEqualTo(new Required("x", 2, Optional.empty(), List.of()));
        assertThatThrownBy(() -> YamlConfig.parse("name: x\n", Required.class)).hasMessage("count: is required");
        assertThatThrownBy(() -> YamlConfig.parse("", Required.class)).hasMessage("name: is required");
    }

    @Test
    void malformedOrHostileYamlIsRefused() {
        assertProblem("security-server:\n  maintenance: true\n  maintenance: false\n",
                "security-server.maintenance: appears more than once");
        assertProblem("security-server:\n  timeouts:\n    a: 1s\n    a: 2s\n",
                "security-server.timeouts.a: appears more than once");
        assertProblem("security-server: [unclosed\n", "not valid YAML");
        String laughs = """
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                """;
        assertThatThrownBy(() -> YamlConfig.parse(laughs, Sild.class)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
        assertThat(YamlConfig.parse(nested(10), Tree.class).child()).isPresent();
        assertThatThrownBy(() -> YamlConfig.parse(nested(40), Tree.class)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nested deeper than " + YamlConfig.MAX_DEPTH);
        assertThatThrownBy(() -> YamlConfig.parse("a".repeat(YamlConfig.MAX_BYTES + 1), Sild.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("larger than");
    }

    @Test
    void loadReadsAFileAndResolvesRelativePathsAgainstItsDirectory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sild.yaml");
        Files.writeString(file, "security-server:\n  data-dir: state\n  archive-dir: /abs/archive\n");
        SecurityServer ss = YamlConfig.load(file, Sild.class).securityServer();
        assertThat(ss.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("state"));
        assertThat(ss.archiveDir()).contains(Path.of("/abs/archive"));

        assertThatThrownBy(() -> YamlConfig.load(dir.resolve("missing.yaml"), Sild.class))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.MALFORMED_SERVER_CONF));
                    assertThat(e.getMessage()).contains("missing.yaml").contains("does not exist");
                });
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[YamlConfig.MAX_BYTES + 1]);
        assertThatThrownBy(() -> YamlConfig.load(big, Sild.class)).hasMessageContaining("larger than");
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'a', ':', ' ', (byte) 0xe4, '\n'});
        assertThatThrownBy(() -> YamlConfig.load(latin1, Sild.class)).hasMessageContaining("not UTF-8");
    }

    @Test
    void durationsInAllForms() {
        assertThat(YamlConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(YamlConfig.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(YamlConfig.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(YamlConfig.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(YamlConfig.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(YamlConfig.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(YamlConfig.parseDuration(" 10 s ")).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> YamlConfig.parseDuration("-5s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> YamlConfig.parseDuration("P")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAreKebabCase() {
        assertThat(ScalarValues.kebab("clientProxy")).isEqualTo("client-proxy");
        assertThat(ScalarValues.kebab("xRoadTls")).isEqualTo("x-road-tls");
        assertThat(ScalarValues.kebab("ocspURL")).isEqualTo("ocsp-url");
        assertThat(ScalarValues.kebab("httpsPort2")).isEqualTo("https-port2");
        assertThat(ScalarValues.kebab("port")).isEqualTo("port");
    }

    @Test
    void configExceptionsMoveUnderTheirParents() {
        var e = new ConfigException("port", "must be 0..65535, was -1");
        assertThat(e.under("client-proxy").under("security-server").getMessage())
                .isEqualTo("security-server.client-proxy.port: must be 0..65535, was -1");
        assertThat(new ConfigException("[2]", "bad").under("peers").key()).isEqualTo("peers[2]");
        assertThatThrownBy(() -> ConfigException.check(false, "k", "is wrong")).hasMessage("k: is wrong");
    }

    private static String nested(int depth) {
        var out = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            out.append("  ".repeat(i)).append("child:\n");
        }
        return out.toString();
    }

    private static void assertProblem(String yaml, String message) {
        assertThatThrownBy(() -> YamlConfig.parse(yaml, Sild.class)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.getMessage()).contains(message));
    }
}
