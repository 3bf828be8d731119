package org.sild.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.pki.CertChainVerifierTest.assertFault;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.testing.CertSpec;
import org.sild.testing.KeyUsage;
import org.sild.testing.TestPki;

class CertUsageTest {

    private static final TestPki PKI = TestPki.builder()
            .clock(Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC)).build();

    @Test
    void authenticationCertificateIsNotASigningCertificate() {
        var auth = PKI.authCert("SS1").certificate();

        assertThat(CertUsage.isAuthCert(auth)).isTrue();
        assertThat(CertUsage.isSigningCert(auth)).isFalse();
    }

    @Test
    void signingCertificateIsNotAnAuthenticationCertificate() {
        var sign = PKI.signingCert("GOV", "1234").certificate();

        assertThat(CertUsage.isSigningCert(sign)).isTrue();
        assertThat(CertUsage.isAuthCert(sign)).isFalse();
    }

    @Test
    void clientAuthAloneMakesAnAuthenticationCertificate() {
        var cert = PKI.issue(CertSpec.builder(new X500Principal("CN=eku only"))
                .extendedKeyUsage(CertSpec.CLIENT_AUTH).build()).certificate();

        assertThat(CertUsage.isAuthCert(cert)).isTrue();
        assertFault(() -> CertUsage.isSigningCert(cert), ErrorCode.INCORRECT_CERTIFICATE);
    }

    @Test
    void dataEnciphermentAloneMakesAnAuthenticationCertificate() {
        var cert = PKI.issue(CertSpec.builder(new X500Principal("CN=data enc"))
                .keyUsage(KeyUsage.DATA_ENCIPHERMENT).build()).certificate();

        assertThat(CertUsage.isAuthCert(cert)).isTrue();
    }

    @Test
    void certificateWithoutKeyUsageIsIncorrect() {
        var cert = PKI.issue(CertSpec.builder(new X500Principal("CN=bare")).build()).certificate();

        assertFault(() -> CertUsage.isAuthCert(cert), ErrorCode.INCORRECT_CERTIFICATE);
        assertFault(() -> CertUsage.isSigningCert(cert), ErrorCode.INCORRECT_CERTIFICATE);
        assertThat(CertUsage.extendedKeyUsage(cert)).isEmpty();
    }
}
