package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ConfigurationSource;
import org.sild.core.globalconf.EncodedCertificate;
import org.sild.testing.KeyType;
import org.sild.testing.SubjectNames;
import org.sild.testing.TestCa;

/** {@code sild configuration-proxy}: anchors and signing keys, against the files a proxy uses. */
class ConfigurationProxyCommandTest {

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void writeConfig() throws Exception {
        var sourceKey = TestCa.root(SubjectNames.commonName("cs", "Sild CLI test"), KeyType.RSA_2048, "cli/confproxy",
                Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
        var anchor = new ConfigurationAnchor(Optional.empty(), "DEV", List.of(new ConfigurationSource(
                "http://cs.example.org/internalconf", List.of(EncodedCertificate.of(sourceKey.certificate())))));
        Files.write(dir.resolve("dev-anchor.xml"), anchor.toXml());
        config = dir.resolve("confproxy.yaml");
        Files.writeString(config, """
                data-directory: data
                address: confproxy.example.org:8190
                instances:
                  - name: PROXY
                    source-anchor: dev-anchor.xml
                    signing-key-pin: cli-pin
                """);
    }

    private CliRunner cp(String... args) {
        var all = new String[args.length + 2];
        all[0] = "configuration-proxy";
        all[1] = args[0];
        all[2] = "--config=" + config;
        System.arraycopy(args, 1, all, 3, args.length - 1);
        return CliRunner.run(all);
    }

    @Test
    void theAnchorNamesTheProxyAndItsKeyCreatingTheFirstKey() throws Exception {
        assertThat(cp("signing-keys", "--instance=PROXY").out()).isEmpty();

        CliRunner run = cp("anchor", "--instance=PROXY", "--out=" + dir.resolve("proxy-anchor.xml"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("wrote the anchor of PROXY (instance DEV, 1 certificate(s))", "SHA-224 hash");
        var anchor = ConfigurationAnchor.parse(Files.readAllBytes(dir.resolve("proxy-anchor.xml")));
        assertThat(anchor.instanceIdentifier()).isEqualTo("DEV");
        assertThat(anchor.sources()).singleElement().satisfies(s ->
                assertThat(s.downloadUrl()).isEqualTo("http://confproxy.example.org:8190/PROXY/conf"));
        assertThat(cp("signing-keys", "--instance=PROXY").out().lines()).singleElement()
                .satisfies(line -> assertThat(line).matches("[0-9A-F]{40}  active     RSA  [0-9A-F:]{95}"));
        assertThat(cp("anchor", "--instance=PROXY").out()).contains("<downloadURL>http://confproxy.example.org:8190"
                + "/PROXY/conf</downloadURL>");
    }

    @Test
    void aRotationAddsAnnouncesActivatesAndRemoves() {
        CliRunner first = cp("add-signing-key", "--instance=PROXY");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains(", active");
        String oldId = first.out().split(" ")[3];

        CliRunner second = cp("add-signing-key", "--instance=PROXY", "--algorithm=ec");
        assertThat(second.out()).contains("(EC)").doesNotContain(", active").contains("activate-signing-key --key ");
        String newId = second.out().split(" ")[3];
        assertThat(cp("anchor", "--instance=PROXY").out()).containsOnlyOnce("<source>")
                .satisfies(xml -> assertThat(xml.split("<verificationCert>")).hasSize(3));

        assertThat(cp("activate-signing-key", "--instance=PROXY", "--key=" + newId.toLowerCase()).out())
                .contains("signing key " + newId + " is active");
        assertThat(cp("signing-keys", "--instance=PROXY").out().lines())
                .containsExactly(cp("signing-keys", "--instance=PROXY").out().lines().toArray(String[]::new))
                .first().satisfies(line -> assertThat(line).startsWith(newId + "  active"));

        CliRunner removeActive = cp("remove-signing-key", "--instance=PROXY", "--key=" + newId);
        assertThat(removeActive.exitCode()).isEqualTo(2);
        assertThat(removeActive.err()).contains("is the active key");
        assertThat(cp("remove-signing-key", "--instance=PROXY", "--key=" + oldId).out())
                .contains("removed signing key " + oldId);
        assertThat(cp("signing-keys", "--instance=PROXY").out().lines()).hasSize(1);
    }

    @Test
    void mistakesAreReported() {
        CliRunner unknown = cp("anchor", "--instance=NOPE");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no instance 'NOPE'", "[PROXY]");

        CliRunner badAlgorithm = cp("add-signing-key", "--instance=PROXY", "--algorithm=DSA");
        assertThat(badAlgorithm.exitCode()).isEqualTo(2);
        assertThat(badAlgorithm.err()).contains("--algorithm must be RSA or EC");

        CliRunner unknownKey = cp("activate-signing-key", "--instance=PROXY", "--key=ABC");
        assertThat(unknownKey.exitCode()).isEqualTo(2);
        assertThat(unknownKey.err()).contains("no signing key 'ABC'");
    }
}
