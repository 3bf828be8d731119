package org.sild.core.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;

class DirectorySignerTest {

    private static final String SIGNABLE = "--y7iyKCnxEZLNDClPvlcQ\r\n"
            + "Expire-date: 2022-12-08T08:05:01Z\r\n"
            + "Version: 2\r\n"
            + "\r\n"
            + "--y7iyKCnxEZLNDClPvlcQ\r\n"
            + "Content-type: application/octet-stream\r\n"
            + "Content-transfer-encoding: base64\r\n"
            + "Content-identifier: CONTENT-ID; instance='CS-INSTANCE'\r\n"
            + "Content-location: /V2/some/path/config-file.txt\r\n"
            + "Hash-algorithm-id: http://www.w3.org/2000/09/xmldsig#sha1\r\n"
            + "\r\n"
            + "e4VJC7nd16bg9QniBVyvjcaeTwE=\r\n"
            + "--y7iyKCnxEZLNDClPvlcQ--";

    /** The expectation of X-Road's DirectoryContentSignerTest, with its fixed signature and certificate bytes. */
    @Test
    void signedMultipartHasTheCentralServerLayout() {
        var content = new DirectoryContent("y7iyKCnxEZLNDClPvlcQ", SIGNABLE.getBytes(StandardCharsets.UTF_8));
        byte[] certBytes = "SIGNING-CERT".getBytes(StandardCharsets.UTF_8);
        byte[] signature = "<signature>".getBytes(StandardCharsets.UTF_8);
        byte[] out = DirectorySigner.assemble(content, "OUTER", SignatureAlgorithm.RSA_SHA512,
                DigestAlgorithm.SHA512.base64Digest(certBytes), DigestAlgorithm.SHA512, signature);
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(
                "Content-Type: multipart/related; charset=UTF-8; boundary=OUTER\r\n"
                + "\r\n"
                + "--OUTER\r\n"
                + "Content-Type: multipart/mixed; charset=UTF-8; boundary=y7iyKCnxEZLNDClPvlcQ\r\n"
                + "\r\n"
                + SIGNABLE + "\r\n"
                + "--OUTER\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Signature-Algorithm-Id: http://www.w3.org/2001/04/xmldsig-more#rsa-sha512\r\n"
                + "Verification-certificate-hash:"
                + " BRWad0j23C27HEofaHQZpBI8DqwjTT8wkucCTGIB9v6kQFAn7AIPevuPWn6SkdZSnru0YCbI9mxzv7DwyNG7dg==;"
                + " hash-algorithm-id=\"http://www.w3.org/2001/04/xmlenc#sha512\"\r\n"
                + "\r\n"
                + Base64.getEncoder().encodeToString(signature) + "\r\n"
                + "--OUTER--\r\n");
    }

    @Test
    void boundariesComeFromTheInjectedGenerator() {
        var builder = new DirectoryBuilder(new Random(42)).expireDate(Instant.parse("2030-01-01T00:00:00.999Z"))
                .instance("EE").part(ContentPart.PRIVATE_PARAMETERS, "private-params.xml", new byte[] {1});
        DirectoryContent first = builder.build();
        DirectoryContent again = new DirectoryBuilder(new Random(42)).expireDate(Instant.parse("2030-01-01T00:00:00Z"))
                .instance("EE").part(ContentPart.PRIVATE_PARAMETERS, "private-params.xml", new byte[] {1}).build();
        assertThat(first.boundary()).matches("[A-Za-z0-9]{20}").isEqualTo(again.boundary());
        assertThat(first.toString()).isEqualTo(again.toString()).contains("Expire-date: 2030-01-01T00:00:00Z\r\n")
                .contains("Version: 6\r\n").contains("Content-location: /private-params.xml\r\n")
                .contains("Hash-algorithm-id: http://www.w3.org/2001/04/xmlenc#sha512\r\n")
                .endsWith("--" + first.boundary() + "--\r\n");
        assertThat(first.contentType()).isEqualTo("multipart/mixed; charset=UTF-8; boundary=" + first.boundary());
    }

    @Test
    void signedOutputVerifiesAndDiffersPerRandomBoundary() {
        var cert = TestCerts.selfSigned(TestCerts.EC, "ec");
        var content = new DirectoryBuilder(new Random(1)).expireDate(Instant.parse("2030-01-01T00:00:00Z"))
                .instance("EE").build();
        var signer = new DirectorySigner(TestCerts.EC.getPrivate(), cert,
                SignatureAlgorithm.forKey(TestCerts.EC.getPrivate(), DigestAlgorithm.SHA384), DigestAlgorithm.SHA256,
                new Random(5));
        byte[] signed = signer.sign(content);
        var dir = new DirectoryVerifier(List.of(cert)).verify(signed, Instant.parse("2029-01-01T00:00:00Z"));
        assertThat(dir.parts()).isEmpty();
        assertThat(dir.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA384);
        assertThat(new String(signed, StandardCharsets.UTF_8))
                .contains("hash-algorithm-id=\"http://www.w3.org/2001/04/xmlenc#sha256\"");
    }

    @Test
    void algorithmForKeyAndMisuse() {
        assertThat(SignatureAlgorithm.forKey(TestCerts.RSA.getPublic(), DigestAlgorithm.SHA512))
                .isEqualTo(SignatureAlgorithm.RSA_SHA512);
        assertThatThrownBy(() -> SignatureAlgorithm.forKey(TestCerts.RSA.getPublic(), DigestAlgorithm.SHA1))
                .hasMessageContaining("SHA-1");
        assertThatThrownBy(() -> new DirectoryBuilder(new Random()).build()).isInstanceOf(IllegalStateException.class);
        var cert = TestCerts.selfSigned(TestCerts.RSA, "rsa");
        var content = new DirectoryBuilder(new Random(1)).expireDate(Instant.EPOCH).instance("EE").build();
        assertThatThrownBy(() -> new DirectorySigner(TestCerts.RSA.getPrivate(), cert, SignatureAlgorithm.ECDSA_SHA256,
                DigestAlgorithm.SHA512, new Random()).sign(content)).hasMessageContaining("cannot sign");
    }

    @Test
    void algorithmUris() {
        assertThat(SignatureAlgorithm.byUri(" http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1 "))
                .contains(SignatureAlgorithm.RSA_PSS_SHA256);
        assertThat(SignatureAlgorithm.byUri("http://www.w3.org/2000/09/xmldsig#rsa-sha1")).isEmpty();
        assertThat(DigestAlgorithm.byUri("http://www.w3.org/2001/04/xmldsig-more#sha224")).contains(DigestAlgorithm.SHA224);
        assertThat(DigestAlgorithm.SHA1.base64Digest("config-data".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("e4VJC7nd16bg9QniBVyvjcaeTwE=");
    }
}
