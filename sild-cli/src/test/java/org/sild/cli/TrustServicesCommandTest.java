package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.pki.CertificationRequest;
import org.sild.core.pki.Certificates;
import org.sild.core.pki.Pem;
import org.sild.testing.KeyType;
import org.sild.testing.TestKeys;

/** {@code sild trust-services}: run the services with the command, then use the client commands against them. */
class TrustServicesCommandTest {

    private static final Pattern CA_URL = Pattern.compile("CA \\+ OCSP: (http://\\S+/)");

    @TempDir
    static Path dir;

    private static Thread server;
    private static StringWriter serverOut;
    private static final AtomicInteger SERVER_EXIT = new AtomicInteger(-1);
    private static String url;
    private static Path keyFile;

    @BeforeAll
    static void run() throws Exception {
        serverOut = new StringWriter();
        Path data = dir.resolve("data");
        server = Thread.ofPlatform().name("trust-services-command").start(() -> SERVER_EXIT.set(Main.run(
                new PrintWriter(serverOut, true), new PrintWriter(new StringWriter(), true),
                "trust-services", "run", "--data-dir", data.toString(), "--port", "0", "--tsa-port", "0")));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!serverOut.toString().contains("Ready.") && Instant.now().isBefore(deadline) && server.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(serverOut.toString()).contains("Ready.");
        Matcher m = CA_URL.matcher(serverOut.toString());
        assertThat(m.find()).isTrue();
        url = m.group(1);
        keyFile = data.resolve("api-key");
        assertThat(serverOut.toString()).contains("TSA:", "API key:   in " + keyFile.toAbsolutePath());
    }

    @AfterAll
    static void stop() throws Exception {
        server.interrupt();
        server.join(30_000);
        assertThat(server.isAlive()).isFalse();
        assertThat(SERVER_EXIT.get()).isZero();
    }

    private static Path csrFile(String name, String subject, String label) throws Exception {
        KeyPair keys = TestKeys.get(KeyType.RSA_2048, label);
        byte[] der = CertificationRequest.create(new X500Principal(subject), keys.getPublic(),
                SignatureAlgorithm.RSA_SHA256, data -> {
                    try {
                        Signature s = SignatureAlgorithm.forKey(keys.getPrivate(), DigestAlgorithm.SHA256)
                                .newSignature();
                        s.initSign(keys.getPrivate());
                        s.update(data);
                        return s.sign();
                    } catch (java.security.GeneralSecurityException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return Files.writeString(dir.resolve(name), Pem.writeCertificationRequest(der));
    }

    @Test
    void issuesRevokesAndFetchesTheCaCertificate() throws Exception {
        Path csr = csrFile("ss1.csr", "C=DEV, CN=ss1", "cli-auth");

        CliRunner ca = CliRunner.run("trust-services", "ca-cert", "--url", url);
        CliRunner issued = CliRunner.run("trust-services", "issue", "--type", "auth", "--csr", csr.toString(),
                "--url", url, "--api-key-file", keyFile.toString());

        assertThat(ca.exitCode()).as(ca.err()).isZero();
        X509Certificate caCert = Pem.readCertificate(ca.out());
        assertThat(issued.exitCode()).as(issued.err()).isZero();
        X509Certificate cert = Pem.readCertificate(issued.out());
        cert.verify(caCert.getPublicKey());
        assertThat(issued.err()).contains("serial number " + cert.getSerialNumber());

        CliRunner revoked = CliRunner.run("trust-services", "revoke", "--serial", cert.getSerialNumber().toString(),
                "--reason", "keyCompromise", "--url", url, "--api-key", Files.readString(keyFile).strip());
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("revoked " + cert.getSerialNumber(), "keyCompromise");

        CliRunner again = CliRunner.run("trust-services", "revoke", "--serial", "0x" + cert.getSerialNumber()
                .toString(16), "--url", url, "--api-key-file", keyFile.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("409", "already revoked");
    }

    @Test
    void writesDerToAFile() throws Exception {
        Path csr = csrFile("sign.csr", "C=DEV, O=GOV, CN=70000001", "cli-sign");
        Path out = dir.resolve("sign.der");
        Path caOut = dir.resolve("ca.der");

        CliRunner issued = CliRunner.run("trust-services", "issue", "--type", "sign", "--csr", csr.toString(), "--der",
                "--out", out.toString(), "--url", url, "--api-key-file", keyFile.toString());
        CliRunner ca = CliRunner.run("trust-services", "ca-cert", "--der", "--out", caOut.toString(), "--url", url);

        assertThat(issued.exitCode()).as(issued.err()).isZero();
        assertThat(ca.exitCode()).as(ca.err()).isZero();
        X509Certificate cert = Certificates.parseDer(Files.readAllBytes(out));
        cert.verify(Certificates.parseDer(Files.readAllBytes(caOut)).getPublicKey());
        assertThat(cert.getKeyUsage()[1]).isTrue();
    }

    @Test
    void reportsRefusalsAndUsageErrors() throws Exception {
        Path csr = csrFile("bad.csr", "C=EE, O=GOV, CN=1", "cli-bad");

        CliRunner wrongKey = CliRunner.run("trust-services", "issue", "--type", "auth", "--csr", csr.toString(),
                "--url", url, "--api-key", "definitely-not-the-key");
        CliRunner wrongSubject = CliRunner.run("trust-services", "issue", "--type", "sign", "--csr", csr.toString(),
                "--url", url, "--api-key-file", keyFile.toString());
        CliRunner badType = CliRunner.run("trust-services", "issue", "--type", "tsa", "--csr", csr.toString(),
                "--url", url, "--api-key-file", keyFile.toString());
        CliRunner noKey = CliRunner.run("trust-services", "issue", "--type", "auth", "--csr", csr.toString());
        CliRunner derToTerminal = CliRunner.run("trust-services", "ca-cert", "--der", "--url", url);
        CliRunner unreachable = CliRunner.run("trust-services", "ca-cert", "--url", "http://127.0.0.1:1/",
                "--timeout", "2s");
        CliRunner missingFile = CliRunner.run("trust-services", "issue", "--type", "auth", "--csr",
                dir.resolve("none.csr").toString(), "--url", url, "--api-key", "x".repeat(20));

        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("401", "API key");
        assertThat(wrongSubject.exitCode()).isEqualTo(1);
        assertThat(wrongSubject.err()).contains("400", "instance");
        assertThat(badType.exitCode()).isEqualTo(2);
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(derToTerminal.exitCode()).isEqualTo(2);
        assertThat(derToTerminal.err()).contains("--der needs --out");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.err()).contains("cannot reach the CA");
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("cannot read");
        assertThat(new String(Files.readAllBytes(csr), StandardCharsets.US_ASCII)).contains("CERTIFICATE REQUEST");
    }
}
