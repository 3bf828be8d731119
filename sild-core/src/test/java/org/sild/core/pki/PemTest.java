package org.sild.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.pki.CertChainVerifierTest.assertFault;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.testing.TestPki;

class PemTest {

    private static final TestPki PKI = TestPki.builder()
            .clock(Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC)).build();

    @Test
    void writesRfc7468BlocksWith64CharacterLines() {
        String pem = Pem.writeCertificate(PKI.root().certificate());

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64)).isTrue();
        assertThat(pem.lines().skip(1).findFirst().orElseThrow()).hasSize(64);
        assertThat(Pem.readCertificate(pem)).isEqualTo(PKI.root().certificate());
    }

    @Test
    void readsSeveralCertificatesIgnoringTextAround() {
        var certs = List.of(PKI.authCert("SS1").certificate(), PKI.intermediate().certificate(),
                PKI.root().certificate());
        String text = "Bag Attributes\n  friendlyName: 1\n" + Pem.writeCertificates(certs) + "trailing words\n";

        assertThat(Pem.readCertificates(text)).containsExactlyElementsOf(certs);
        assertFault(() -> Pem.readCertificate(text), ErrorCode.INCORRECT_CERTIFICATE);
    }

    @Test
    void crlfLineEndsAndOtherBlocksAreFine() {
        String text = ("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
                + Pem.writeCertificate(PKI.root().certificate())).replace("\n", "\r\n");

        assertThat(Pem.readCertificates(text)).containsExactly(PKI.root().certificate());
    }

    @Test
    void trustedCertificateBlocksYieldTheCertificateWithoutTrustSettings() {
        byte[] der = Certificates.encoded(PKI.root().certificate());
        byte[] withAux = Arrays.copyOf(der, der.length + 4);
        System.arraycopy(new byte[] {0x30, 0x02, 0x05, 0x00}, 0, withAux, der.length, 4);

        assertThat(Pem.readCertificate(Pem.encode(Pem.TRUSTED_CERTIFICATE, withAux)))
                .isEqualTo(PKI.root().certificate());
        assertFault(() -> Pem.readCertificate(Pem.encode(Pem.CERTIFICATE, withAux)), ErrorCode.INCORRECT_CERTIFICATE);
    }

    @Test
    void bareBase64IsOneCertificate() {
        String bare = Base64.getMimeEncoder().encodeToString(Certificates.encoded(PKI.root().certificate()));

        assertThat(Pem.readCertificate(bare)).isEqualTo(PKI.root().certificate());
        assertThat(Certificates.parse(bare.getBytes(StandardCharsets.US_ASCII))).isEqualTo(PKI.root().certificate());
    }

    @Test
    void emptyTextHasNoCertificates() {
        assertThat(Pem.readCertificates("")).isEmpty();
        assertFault(() -> Pem.readCertificate("  \n"), ErrorCode.INCORRECT_CERTIFICATE);
    }

    @Test
    void malformedBlocksAreIncorrectCertificate() {
        String pem = Pem.writeCertificate(PKI.root().certificate());

        assertFault(() -> Pem.readCertificates(pem.replace("END CERTIFICATE", "END X509 CRL")),
                ErrorCode.INCORRECT_CERTIFICATE);
        assertFault(() -> Pem.readCertificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
                ErrorCode.INCORRECT_CERTIFICATE);
        assertFault(() -> Pem.readCertificates("x".repeat(Pem.MAX_TEXT_LENGTH + 1)), ErrorCode.INCORRECT_CERTIFICATE);
        assertFault(() -> Pem.readCertificates("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"
                .repeat(Pem.MAX_BLOCKS + 1)), ErrorCode.INCORRECT_CERTIFICATE);
        assertFault(() -> Pem.readCertificationRequest(pem), ErrorCode.INCORRECT_CERTIFICATE);
    }

    @Test
    void derParsingIsStrict() {
        byte[] der = Certificates.encoded(PKI.root().certificate());
        byte[] longer = Arrays.copyOf(der, der.length + 2);

        assertThat(Certificates.parse(der)).isEqualTo(PKI.root().certificate());
        assertThat(Certificates.parseDer(der)).isEqualTo(PKI.root().certificate());
        assertFault(() -> Certificates.parseDer(longer), ErrorCode.INCORRECT_CERTIFICATE);
        assertFault(() -> Certificates.parseDer(new byte[] {0x30, 0x03, 1, 2, 3}), ErrorCode.INCORRECT_CERTIFICATE);
        assertFault(() -> Certificates.parseDer(new byte[Certificates.MAX_CERTIFICATE_SIZE + 1]),
                ErrorCode.INCORRECT_CERTIFICATE);
    }
}
