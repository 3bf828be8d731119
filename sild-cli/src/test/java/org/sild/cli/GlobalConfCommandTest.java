package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.globalconf.DirectoryBuilder;
import org.sild.core.globalconf.DirectorySigner;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.testing.Vectors;

class GlobalConfCommandTest {

    private static final String PUBLIC =
            "src/security-server/system-test/src/intTest/resources/nginx-container-files/var/lib/xroad/public/";
    private static final String ANCHOR =
            "src/security-server/system-test/src/intTest/resources/files/trusted-anchor/configuration_anchor_CS_internal.xml";
    private static final String CC = "src/service/configuration-client/configuration-client-core/src/test/resources/";
    private static final String CERTS = "src/common/common-test/src/test/certs/";
    private static final String SIGN_KEYS = "src/security-server/system-test/src/test/resources/sign-keys/";

    private static Path vectors;

    @TempDir
    Path tmp;

    @BeforeAll
    static void vectors() {
        vectors = Vectors.root();
    }

    @Test
    void centralServerDirectoryWithAnchorAndParts() {
        Result r = run("globalconf", "verify", "--anchor", v(ANCHOR), "--at", "2025-11-10T18:00:00Z",
                "--parts", v(PUBLIC), v(PUBLIC + "V6/internalconf"));
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).startsWith("valid\n").contains("instance: DEV\n").contains("expires: 2035-11-11T03:07:40Z\n")
                .contains("version: 6\n").contains("signed-by: CN=internalSigningKey")
                .contains("part: SHARED-PARAMETERS instance=DEV location=/V6/20251110170000548026000/shared-params.xml hash=ok")
                .contains("part: PRIVATE-PARAMETERS instance=DEV location=/V6/20251110170000548026000/private-params.xml hash=ok");
    }

    @Test
    void handMadeDirectoryWithPemCertificateAndPartsFoundByLocation() {
        Result r = run("globalconf", "verify", "--cert", v(CERTS + "consumer.pem"), "--at", "2025-01-01T00:00:00Z",
                "--parts", v(CC + "test-conf-simple/EE"), v(CC + "test-conf-simple.txt"));
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("instance: EE\n").contains("version: - (2)")
                .contains("part: FOO instance=EE location=/foo.xml hash=ok");
    }

    @Test
    void invalidDirectories() {
        Result wrongCert = run("globalconf", "verify", "--cert", v(CERTS + "producer.pem"), "--at", "2025-01-01T00:00:00Z",
                v(CC + "test-conf-simple.txt"));
        assertThat(wrongCert.code).isEqualTo(1);
        assertThat(wrongCert.err).startsWith("invalid: GlobalConfMissingVerificationCert: ");
        assertThat(wrongCert.out).isEmpty();

        Result expired = run("globalconf", "verify", "--cert", v(CERTS + "consumer.pem"), "--at", "2030-01-01T00:00:00Z",
                v(CC + "test-conf-simple.txt"));
        assertThat(expired.code).isEqualTo(1);
        assertThat(expired.err).startsWith("invalid: OutdatedGlobalConf: ");

        Result badSignature = run("globalconf", "verify", "--cert", v(CERTS + "consumer.pem"),
                v(CC + "test-conf-invalid-signature.txt"));
        assertThat(badSignature.code).isEqualTo(1);
        assertThat(badSignature.err).startsWith("invalid: GlobalConfSignatureVerificationFailure: ");
    }

    @Test
    void externalDirectoryWhosePartHashDoesNotMatch() throws Exception {
        var shared = SharedParameters.parse(Files.readAllBytes(Path.of(v(PUBLIC + "V6/20251110170000548026000/shared-params.xml"))), 6);
        Path der = tmp.resolve("external.der");
        Files.write(der, shared.externalVerificationCerts().get(0).getEncoded());
        Result r = run("globalconf", "verify", "--cert", der.toString(), "--at", "2025-11-10T18:00:00Z",
                "--parts", v(PUBLIC), v(PUBLIC + "V6/externalconf"));
        assertThat(r.code).isEqualTo(1);
        assertThat(r.out).doesNotContain("valid\n").contains("hash=MISMATCH");
        assertThat(r.err).startsWith("invalid: GlobalConfPartDownloadedFileIntegrityFailure: ");
    }

    @Test
    void directorySignedInTheTest() throws Exception {
        byte[] shared = "<shared/>".getBytes(StandardCharsets.UTF_8);
        byte[] extra = "extra".getBytes(StandardCharsets.UTF_8);
        var content = new DirectoryBuilder(new Random(7)).expireDate(Instant.parse("2031-01-01T00:00:00Z")).version(6)
                .instance("SILD").pathPrefix("/V6/1")
                .part(ContentPart.SHARED_PARAMETERS, "shared-params.xml", shared).part("EXTRA", "extra.txt", extra).build();
        var signer = new DirectorySigner(privateKey(), certificate(), SignatureAlgorithm.RSA_PSS_SHA256,
                DigestAlgorithm.SHA512, new Random(8));
        Path file = tmp.resolve("internalconf");
        Files.write(file, signer.sign(content));
        Path parts = Files.createDirectories(tmp.resolve("parts"));
        Files.write(parts.resolve("shared-params.xml"), shared);

        Result missing = run("globalconf", "verify", "--cert", v(SIGN_KEYS + "internal.crt"), "--at", "2030-01-01T00:00:00Z",
                "--parts", parts.toString(), file.toString());
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.out).contains("location=/V6/1/shared-params.xml hash=ok").contains("location=/V6/1/extra.txt hash=missing");
        assertThat(missing.err).startsWith("invalid: no file for /V6/1/extra.txt");

        Files.createDirectories(parts.resolve("V6/1"));
        Files.write(parts.resolve("V6/1/extra.txt"), extra);
        Result ok = run("globalconf", "verify", "--cert", v(SIGN_KEYS + "internal.crt"), "--at", "2030-01-01T00:00:00Z",
                "--parts", parts.toString(), file.toString());
        assertThat(ok.code).as(ok.err).isZero();
        assertThat(ok.out).startsWith("valid\n").contains("instance: SILD\n").contains("sha256-rsa-MGF1")
                .contains("part: EXTRA instance=SILD location=/V6/1/extra.txt hash=ok");
    }

    @Test
    void usageErrors() {
        assertThat(run("globalconf", "verify", v(CC + "test-conf-simple.txt")).code).isEqualTo(2);
        assertThat(run("globalconf", "verify", "--anchor", v(ANCHOR), "--cert", v(CERTS + "consumer.pem"),
                v(CC + "test-conf-simple.txt")).code).isEqualTo(2);
        assertThat(run("globalconf", "verify", "--cert", v(CERTS + "consumer.pem"), "--at", "yesterday",
                v(CC + "test-conf-simple.txt")).code).isEqualTo(2);
        Result unreadable = run("globalconf", "verify", "--cert", v(CERTS + "consumer.pem"), tmp.resolve("absent").toString());
        assertThat(unreadable.code).isEqualTo(2);
        assertThat(unreadable.err).contains("cannot read");
        Result notACert = run("globalconf", "verify", "--cert", v(CC + "test-conf-simple.txt"), v(CC + "test-conf-simple.txt"));
        assertThat(notACert.code).isEqualTo(2);
        assertThat(notACert.err).contains("not an X.509 certificate");
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    private static String v(String path) {
        return vectors.resolve(path).toString();
    }

    private static X509Certificate certificate() throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(Path.of(v(SIGN_KEYS + "internal.crt"))));
    }

    private static PrivateKey privateKey() throws Exception {
        String pem = Files.readString(Path.of(v(SIGN_KEYS + "internal.key")), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
