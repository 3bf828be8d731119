package org.sild.core.globalconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EncodedCertificateTest {

    @Test
    void valueSemanticsAndPemTolerance() {
        var cert = TestCerts.selfSigned(TestCerts.RSA, "x");
        var der = EncodedCertificate.of(cert);
        byte[] bytes = der.bytes();
        bytes[0] = 0;
        assertThat(der.bytes()).isNotEqualTo(bytes);
        assertThat(der).isEqualTo(new EncodedCertificate(der.bytes())).hasSameHashCodeAs(new EncodedCertificate(der.bytes()));
        assertThat(der.certificate()).contains(cert);
        assertThat(der.toString()).contains("bytes");
        // The central server publishes some certificates as base64 of their PEM text.
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der.bytes())
                + "\n-----END CERTIFICATE-----\n";
        assertThat(new EncodedCertificate(pem.getBytes(StandardCharsets.US_ASCII)).certificate()).contains(cert);
        assertThat(new EncodedCertificate("bar\n".getBytes(StandardCharsets.US_ASCII)).certificate()).isEmpty();
    }
}
