package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.testing.Vectors;

class VerifyCommandTest {

    private static final String ASIC = "src/tool/asic-verifier-cli/src/test/resources/";
    private static final String CONF = "src/lib/globalconf-core/src/test/resources/globalconf_good2_v3";
    private static final String ARCHIVES = "src/addons/messagelog/messagelog-archive-verifier/src/test/resources/";

    private static Path vectors;

    @TempDir
    Path tmp;

    @BeforeAll
    static void vectors() {
        vectors = Vectors.root();
    }

    private static String v(String path) {
        return vectors.resolve(path).toString();
    }

    @Test
    void validContainers() {
        var r = CliRunner.run("verify", "--conf", v(CONF), v(ASIC + "valid-signed-message.asice"),
                v(ASIC + "valid-non-batch-rest.asice"));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("valid valid-signed-message.asice: signed by ")
                .contains("valid valid-non-batch-rest.asice: signed by ");
    }

    @Test
    void verboseSaysWhatWasChecked() {
        var r = CliRunner.run("verify", "--verbose", "--conf", v(CONF), v(ASIC + "valid-batch-ts.asice"));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("signer certificate: ").contains("ocsp: produced at ")
                .contains("time-stamp: ").contains("(batch)");
    }

    @Test
    void invalidContainerSaysWhyAndExitsOne() {
        var r = CliRunner.run("verify", "--conf", v(CONF), v(ASIC + "valid-signed-message.asice"),
                v(ASIC + "wrong-message.asice"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("valid valid-signed-message.asice")
                .contains("invalid wrong-message.asice: invalid_signature_value: ");
    }

    @Test
    void verificationConfZipFromAGlobalConfDirectory() throws Exception {
        byte[] zip = org.sild.core.asic.VerificationConf.zip(
                org.sild.core.globalconf.StoredGlobalConf.load(Path.of(v(CONF))));
        Path file = tmp.resolve("verificationconf.zip");
        Files.write(file, zip);
        var r = CliRunner.run("verify", "--conf", file.toString(), v(ASIC + "valid-signed-hashchain.asice"));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    }

    @Test
    void archivesChainInOrderAndABrokenOrderIsReported() {
        var inOrder = CliRunner.run("verify", "--conf", v(CONF), v(ARCHIVES + "message-archive-0.zip"),
                v(ARCHIVES + "message-archive-1.zip"));
        assertThat(inOrder.out()).contains("valid message-archive-0.zip: linking SHA-512")
                .contains("valid message-archive-1.zip: linking SHA-512, 20 containers, follows the previous archive");
        assertThat(inOrder.err()).contains("[1/2] message-archive-0.zip").contains("[2/2] message-archive-1.zip");

        var reversed = CliRunner.run("verify", "--conf", v(CONF), v(ARCHIVES + "message-archive-1.zip"),
                v(ARCHIVES + "message-archive-0.zip"));
        assertThat(reversed.exitCode()).isEqualTo(1);
        assertThat(reversed.out()).contains("invalid message-archive-0.zip: linking: ");
    }

    @Test
    void usageErrors() {
        var noConf = CliRunner.run("verify", v(ASIC + "valid-signed-message.asice"));
        assertThat(noConf.exitCode()).isEqualTo(2);
        assertThat(noConf.err()).contains("--conf is needed");
        assertThat(CliRunner.run("verify", "--conf", v(CONF), tmp.resolve("missing.asice").toString()).exitCode())
                .isEqualTo(2);
        assertThat(CliRunner.run("verify", "--conf", v(CONF)).exitCode()).isEqualTo(2);
    }
}
