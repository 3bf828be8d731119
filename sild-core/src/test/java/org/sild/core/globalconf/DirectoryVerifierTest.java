package org.sild.core.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.globalconf.Faults.assertFault;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;

class DirectoryVerifierTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final X509Certificate RSA_CERT = TestCerts.selfSigned(TestCerts.RSA, "rsa signing key");
    private static final X509Certificate OTHER_CERT = TestCerts.selfSigned(TestCerts.RSA_OTHER, "other key");
    private static final X509Certificate EC_CERT = TestCerts.selfSigned(TestCerts.EC, "ec signing key");
    private static final byte[] SHARED = "<conf/>".getBytes(StandardCharsets.UTF_8);
    private static final String SHARED_HASH = DigestAlgorithm.SHA512.base64Digest(SHARED);

    private static final String INNER = """
            --IN
            Expire-date: 2030-01-01T00:00:00Z
            Version: 6

            --IN
            Content-type: application/octet-stream
            Content-transfer-encoding: base64
            Content-identifier: SHARED-PARAMETERS; instance="EE"
            Content-location: /V6/1/shared-params.xml
            Hash-algorithm-id: http://www.w3.org/2001/04/xmlenc#sha512

            HASH
            --IN--""".replace("HASH", SHARED_HASH);

    private static final String SIGNATURE_HEADERS = """
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: base64
            Signature-Algorithm-Id: ALG
            Verification-certificate-hash: CERTHASH; hash-algorithm-id="http://www.w3.org/2001/04/xmlenc#sha512\"""";

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void ownSignedDirectoryVerifiesWithEveryAlgorithm(SignatureAlgorithm algorithm) {
        boolean ec = algorithm.name().startsWith("ECDSA");
        KeyPair keys = ec ? TestCerts.EC : TestCerts.RSA;
        X509Certificate cert = ec ? EC_CERT : RSA_CERT;
        byte[] signed = new DirectorySigner(keys.getPrivate(), cert, algorithm, DigestAlgorithm.SHA512, new Random(2))
                .sign(content());
        ConfigurationDirectory dir = new DirectoryVerifier(List.of(OTHER_CERT, cert)).verify(signed, NOW);
        assertThat(dir.signatureAlgorithm()).isEqualTo(algorithm);
        assertThat(dir.verificationCert()).isEqualTo(cert);
        assertThat(dir.version()).contains(6);
        assertThat(dir.expireDate()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(dir.parts()).singleElement().satisfies(p -> {
            assertThat(p.contentIdentifier()).contains(ContentPart.SHARED_PARAMETERS);
            assertThat(p.instance()).contains("EE");
            assertThat(p.contentLocation()).isEqualTo("/V6/1/shared-params.xml");
            assertThat(p.fileName()).isEqualTo("shared-params.xml");
            assertThat(p.matches(SHARED)).isTrue();
        });
    }

    @Test
    void bodyWithoutItsHeaderLineVerifiesWithTheHttpContentTypeOrTheFirstDelimiter() {
        String signed = new String(signWithRsa(), StandardCharsets.UTF_8);
        String contentType = signed.substring("Content-Type: ".length(), signed.indexOf("\r\n"));
        byte[] body = signed.substring(signed.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8);
        var verifier = new DirectoryVerifier(List.of(RSA_CERT));
        assertThat(verifier.verify(body, contentType, NOW).parts()).hasSize(1);
        assertThat(verifier.verify(body, NOW).parts()).hasSize(1);
    }

    @Test
    void bareLineFeedsFoldedHeadersAndAnyHeaderCaseAreAccepted() {
        String sigHeaders = "content-type: application/octet-stream\ncontent-transfer-encoding: base64\n"
                + "signature-algorithm-id: ALG\nVERIFICATION-CERTIFICATE-HASH: CERTHASH;\n"
                + "    hash-algorithm-id=\"http://www.w3.org/2001/04/xmlenc#sha512\"";
        byte[] dir = handMade(INNER.replace("Expire-date", "EXPIRE-DATE"), sigHeaders, "\n", TestCerts.RSA, RSA_CERT,
                SignatureAlgorithm.RSA_SHA256);
        var result = new DirectoryVerifier(List.of(RSA_CERT)).verify(dir, NOW);
        assertThat(result.parts().get(0).instance()).contains("EE");
    }

    @Test
    void theSignatureCoversTheRawBytesOfTheFirstPart() {
        byte[] signed = signWithRsa();
        String text = new String(signed, StandardCharsets.UTF_8);
        // Same directory, but the lines of the signed part end in LF: nothing is re-serialised.
        int start = text.indexOf("--", text.indexOf("multipart/mixed"));
        int end = signaturePartStart(text);
        String tampered = text.substring(0, start) + text.substring(start, end).replace("\r\n", "\n") + text.substring(end);
        assertFault(() -> new DirectoryVerifier(List.of(RSA_CERT)).verify(tampered.getBytes(StandardCharsets.UTF_8), NOW),
                ErrorCode.GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE);
    }

    @Test
    void aChangedHashBreaksTheSignature() {
        String text = new String(signWithRsa(), StandardCharsets.UTF_8);
        String changed = text.replace(SHARED_HASH, DigestAlgorithm.SHA512.base64Digest("other".getBytes(StandardCharsets.UTF_8)));
        assertFault(() -> new DirectoryVerifier(List.of(RSA_CERT)).verify(changed.getBytes(StandardCharsets.UTF_8), NOW),
                ErrorCode.GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE);
    }

    @Test
    void unknownSigningCertificate() {
        assertFault(() -> new DirectoryVerifier(List.of(OTHER_CERT)).verify(signWithRsa(), NOW),
                ErrorCode.GLOBAL_CONF_MISSING_VERIFICATION_CERT).hasMessageContaining("SHA-512");
        assertFault(() -> new DirectoryVerifier(List.of()).verify(signWithRsa(), NOW),
                ErrorCode.GLOBAL_CONF_MISSING_VERIFICATION_CERT);
    }

    @Test
    void expiredAtOrAfterTheExpireDate() {
        var verifier = new DirectoryVerifier(List.of(RSA_CERT));
        assertFault(() -> verifier.verify(signWithRsa(), Instant.parse("2030-01-01T00:00:00Z")), ErrorCode.OUTDATED_GLOBAL_CONF)
                .hasMessageContaining("2030-01-01T00:00:00Z");
        assertThat(verifier.verify(signWithRsa(), Instant.parse("2029-12-31T23:59:59Z")).parts()).hasSize(1);
    }

    @Test
    void signaturePartHeaderChecks() {
        assertSignatureHeaders(SIGNATURE_HEADERS.replace("Signature-Algorithm-Id: ALG\n", ""),
                ErrorCode.GLOBAL_CONF_HEADER_FIELD_MISSING);
        assertSignatureHeaders(SIGNATURE_HEADERS.replaceAll("Verification-certificate-hash.*", "X-Other: 1"),
                ErrorCode.GLOBAL_CONF_HEADER_FIELD_MISSING);
        assertSignatureHeaders(SIGNATURE_HEADERS.replaceAll("; hash-algorithm-id=.*", ""),
                ErrorCode.GLOBAL_CONF_HEADER_FIELD_MISSING);
        assertSignatureHeaders(SIGNATURE_HEADERS.replace("Content-Type: application/octet-stream\n", ""),
                ErrorCode.GLOBAL_CONF_HEADER_FIELD_MISSING);
        assertSignatureHeaders(SIGNATURE_HEADERS.replace("Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: 8bit"),
                ErrorCode.MALFORMED_GLOBAL_CONF);
        assertSignatureHeaders(SIGNATURE_HEADERS.replace("xmlenc#sha512", "xmldsig#md5"), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertSignatureHeaders(SIGNATURE_HEADERS.replace("ALG", "http://www.w3.org/2000/09/xmldsig#rsa-sha1"),
                ErrorCode.GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE);
        assertSignatureHeaders(SIGNATURE_HEADERS.replace("CERTHASH", "not base64!"),
                ErrorCode.GLOBAL_CONF_MISSING_VERIFICATION_CERT);
    }

    @Test
    void wrongKeyTypeForTheAlgorithmFailsVerification() {
        String headers = SIGNATURE_HEADERS.replace("ALG", SignatureAlgorithm.ECDSA_SHA256.uri());
        byte[] dir = handMade(INNER, headers, "\r\n", TestCerts.RSA, RSA_CERT, SignatureAlgorithm.RSA_SHA256);
        assertFault(() -> new DirectoryVerifier(List.of(RSA_CERT)).verify(dir, NOW),
                ErrorCode.GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE);
    }

    @Test
    void signatureValueThatIsNotBase64() {
        String text = new String(signWithRsa(), StandardCharsets.UTF_8);
        int valueStart = text.lastIndexOf("\r\n\r\n") + 4;
        String broken = text.substring(0, valueStart) + "!!!" + text.substring(valueStart + 3);
        assertFault(() -> new DirectoryVerifier(List.of(RSA_CERT)).verify(broken.getBytes(StandardCharsets.UTF_8), NOW),
                ErrorCode.GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE);
    }

    @Test
    void directoryEntryChecks() {
        assertInner(INNER.replace("Expire-date: 2030-01-01T00:00:00Z\n", ""), ErrorCode.GLOBAL_CONF_HEADER_FIELD_MISSING);
        assertInner(INNER.replace("2030-01-01T00:00:00Z", "next year"), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertInner(INNER.replace("Version: 6", "Version: six"), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertInner(INNER.replace("Content-location: /V6/1/shared-params.xml\n", ""), ErrorCode.GLOBAL_CONF_HEADER_FIELD_MISSING);
        assertInner(INNER.replace("Hash-algorithm-id: http://www.w3.org/2001/04/xmlenc#sha512\n", ""),
                ErrorCode.GLOBAL_CONF_HEADER_FIELD_MISSING);
        assertInner(INNER.replace("xmlenc#sha512", "xmlenc#sha3"), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertInner(INNER.replace("; instance=\"EE\"", ""), ErrorCode.GLOBAL_CONF_HEADER_FIELD_MISSING);
        assertInner(INNER.replace("Content-type: application/octet-stream", "Content-type: text/plain"),
                ErrorCode.MALFORMED_GLOBAL_CONF);
        assertInner(INNER.replace(SHARED_HASH, ""), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertInner(INNER.replace(SHARED_HASH, "%%%"), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertInner(INNER.replace("Content-type:", "Content-type application/octet-stream\nX:"), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertInner(INNER.replace("Content-transfer-encoding: base64", "Content-transfer-encoding: base64\nContent-Transfer-Encoding: base64"),
                ErrorCode.MALFORMED_GLOBAL_CONF);
    }

    @Test
    void optionalEntryFieldsAndSingleQuotes() {
        String inner = INNER.replace("instance=\"EE\"", "instance='EE'")
                .replace("Content-location:", "Content-file-name: stored.xml\nContent-location:");
        byte[] dir = handMade(inner, SIGNATURE_HEADERS, "\r\n", TestCerts.RSA, RSA_CERT, SignatureAlgorithm.RSA_SHA256);
        ContentPart part = new DirectoryVerifier(List.of(RSA_CERT)).verify(dir, NOW).parts().get(0);
        assertThat(part.instance()).contains("EE");
        assertThat(part.contentFileName()).contains("stored.xml");
        assertThat(part.fileName()).isEqualTo("stored.xml");
        String noIdentifier = INNER.replace("Content-identifier: SHARED-PARAMETERS; instance=\"EE\"\n", "");
        byte[] dir2 = handMade(noIdentifier, SIGNATURE_HEADERS, "\r\n", TestCerts.RSA, RSA_CERT, SignatureAlgorithm.RSA_SHA256);
        assertThat(new DirectoryVerifier(List.of(RSA_CERT)).verify(dir2, NOW).parts().get(0).contentIdentifier()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not a directory",
        "Content-Type: text/plain\r\n\r\nhello",
        "Content-Type: multipart/related\r\n\r\n--x\r\n",
        "Content-Type: multipart/related; boundary=x\r\n\r\nno delimiter here",
        "Content-Type: multipart/related; boundary=x\r\nno blank line",
        "--x\r\nContent-Type: multipart/mixed; boundary=y\r\n\r\n--y--\r\n--x\r\nA: 1\r\n\r\nB\r\n--x\r\nC: 2\r\n\r\nD\r\n--x--\r\n",
        "--x junk\r\n"})
    void malformedDirectories(String input) {
        assertFault(() -> new DirectoryVerifier(List.of(RSA_CERT)).verify(input.getBytes(StandardCharsets.UTF_8), NOW),
                ErrorCode.MALFORMED_GLOBAL_CONF);
    }

    @Test
    void oversizedDirectoryIsRejected() {
        byte[] big = new byte[SignedDirectory.MAX_SIZE + 1];
        Arrays.fill(big, (byte) '-');
        assertFault(() -> new DirectoryVerifier(List.of(RSA_CERT)).verify(big, NOW), ErrorCode.MALFORMED_GLOBAL_CONF);
    }

    @Test
    void directoryEndingBeforeItsSignaturePart() {
        String text = new String(signWithRsa(), StandardCharsets.UTF_8);
        String cut = text.substring(0, signaturePartStart(text));
        assertFault(() -> new DirectoryVerifier(List.of(RSA_CERT)).verify(cut.getBytes(StandardCharsets.UTF_8), NOW),
                ErrorCode.GLOBAL_CONF_MISSING_SIGNED_DATA_EXPIRATION_DATE);
    }

    @Test
    void aDownloadedFileMustMatchItsEntry() {
        ContentPart part = new DirectoryVerifier(List.of(RSA_CERT)).verify(signWithRsa(), NOW).parts().get(0);
        part.verify(SHARED);
        assertFault(() -> part.verify("changed".getBytes(StandardCharsets.UTF_8)),
                ErrorCode.GLOBAL_CONF_PART_DOWNLOADED_FILE_INTEGRITY_FAILURE).hasMessageContaining("/V6/1/shared-params.xml");
    }

    // --- helpers ---------------------------------------------------------------------------

    /** Where the line break before the signature part's delimiter starts. */
    private static int signaturePartStart(String text) {
        return text.lastIndexOf("\r\n--", text.indexOf("Content-Type: application/octet-stream\r\nContent-Transfer"));
    }

    private static DirectoryContent content() {
        return new DirectoryBuilder(new Random(1)).expireDate(Instant.parse("2030-01-01T00:00:00Z")).version(6)
                .instance("EE").pathPrefix("/V6/1").part(ContentPart.SHARED_PARAMETERS, "shared-params.xml", SHARED).build();
    }

    private static byte[] signWithRsa() {
        return new DirectorySigner(TestCerts.RSA.getPrivate(), RSA_CERT, SignatureAlgorithm.RSA_SHA512,
                DigestAlgorithm.SHA512, new Random(3)).sign(content());
    }

    private static void assertSignatureHeaders(String headers, ErrorCode expected) {
        byte[] dir = handMade(INNER, headers, "\r\n", TestCerts.RSA, RSA_CERT, SignatureAlgorithm.RSA_SHA256);
        assertFault(() -> new DirectoryVerifier(List.of(RSA_CERT)).verify(dir, NOW), expected);
    }

    private static void assertInner(String inner, ErrorCode expected) {
        byte[] dir = handMade(inner, SIGNATURE_HEADERS, "\r\n", TestCerts.RSA, RSA_CERT, SignatureAlgorithm.RSA_SHA256);
        assertFault(() -> new DirectoryVerifier(List.of(RSA_CERT)).verify(dir, NOW), expected);
    }

    /**
     * A signed directory from hand-written parts, lines ending in {@code eol}; ALG and CERTHASH in
     * the signature headers are replaced by {@code algorithm}'s URI and the SHA-512 hash of {@code cert}.
     */
    static byte[] handMade(String inner, String signatureHeaders, String eol, KeyPair keys, X509Certificate cert,
                           SignatureAlgorithm algorithm) {
        String signed = inner.replace("\n", eol);
        byte[] value;
        try {
            Signature s = algorithm.newSignature();
            s.initSign(keys.getPrivate());
            s.update(signed.getBytes(StandardCharsets.UTF_8));
            value = s.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String headers = signatureHeaders.replace("ALG", algorithm.uri())
                .replace("CERTHASH", DigestAlgorithm.SHA512.base64Digest(Certificates.encoded(cert))).replace("\n", eol);
        String all = "Content-Type: multipart/related; charset=UTF-8; boundary=OUT" + eol + eol
                + "--OUT" + eol + "Content-Type: multipart/mixed; charset=UTF-8; boundary=IN" + eol + eol
                + signed + eol
                + "--OUT" + eol + headers + eol + eol + Base64.getEncoder().encodeToString(value) + eol
                + "--OUT--" + eol;
        return all.getBytes(StandardCharsets.UTF_8);
    }
}
