package org.sild.securityserver.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.securityserver.signer.Faults.assertFault;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.pki.CertificationRequest;
import org.sild.core.pki.Pem;
import org.sild.core.signature.CertificateProfiles;
import org.sild.testing.MutableClock;
import org.sild.testing.SubjectNames;
import org.sild.testing.TestPki;

class CertificateRequestsTest {

    private static final MemberId MEMBER = new MemberId("DEV", "GOV", "70000001");
    private static final SecurityServerId SERVER = new SecurityServerId(MEMBER, "ss2");

    @TempDir
    Path dir;

    private SoftwareToken token() {
        return SoftwareToken.open(dir, "pin".toCharArray(), new SecureRandom(),
                new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void signingRequestsCarryTheMembersEjbcaSubjectAndAreSignedByTheToken(KeyAlgorithm algorithm) {
        try (SoftwareToken token = token()) {
            TokenKey key = token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), algorithm, "k");
            CertificationRequest request = CertificationRequest.parse(CertificateRequests.signing(token, key.id()));
            assertThat(request.subject()).isEqualTo(new X500Principal("C=DEV, O=GOV, CN=70000001"));
            assertThat(request.publicKey().getEncoded()).isEqualTo(key.publicKey().getEncoded());
            assertThat(request.signatureAlgorithmOid()).isEqualTo(algorithm.jcaAlgorithm().equals("RSA")
                    ? "1.2.840.113549.1.1.11" : "1.2.840.10045.4.3.2");
        }
    }

    @Test
    void authenticationRequestsNameTheServer() {
        try (SoftwareToken token = token()) {
            TokenKey key = token.generateKey(KeyPurpose.AUTHENTICATION, Optional.empty(), KeyAlgorithm.EC_P256, "a");
            byte[] der = CertificateRequests.authentication(token, key.id(), SERVER);
            CertificationRequest request = CertificationRequest.parse(der);
            assertThat(request.subject()).isEqualTo(new X500Principal("C=DEV, CN=ss2"));
            String pem = CertificateRequests.pem(der);
            assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
            assertThat(Pem.readCertificationRequest(pem)).isEqualTo(der);
        }
    }

    @Test
    void anyProfilesSubjectCanBeRequested() {
        try (SoftwareToken token = token()) {
            TokenKey key = token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), KeyAlgorithm.EC_P256, "k");
            X500Principal basic = SubjectNames.basicSigning("EE", "Population Register", "GOV", "70000001");
            byte[] der = CertificateRequests.create(token, key.id(), KeyPurpose.SIGNING, basic);
            assertThat(CertificationRequest.parse(der).subject()).isEqualTo(basic);
        }
    }

    @Test
    void specialCharactersInCodesSurviveTheProfile() {
        var member = new MemberId("DEV", "GOV", "#a,b+c=\"d\";<e>\\f g");
        try (SoftwareToken token = token()) {
            TokenKey key = token.generateKey(KeyPurpose.SIGNING, Optional.of(member), KeyAlgorithm.EC_P256, "k");
            CertificationRequest request = CertificationRequest.parse(CertificateRequests.signing(token, key.id()));
            TestPki pki = TestPki.builder().instance("DEV").build();
            var cert = pki.issue(pki.signingSpec(request.subject())
                    .keyPair(new KeyPair(request.publicKey(), null)).build()).certificate();
            assertThat(CertificateProfiles.ejbca().signerOf(cert, member)).isEqualTo(member);
        }
    }

    @Test
    void theKeyMustBeForThePurpose() {
        try (SoftwareToken token = token()) {
            TokenKey sign = token.generateKey(KeyPurpose.SIGNING, Optional.of(MEMBER), KeyAlgorithm.EC_P256, "s");
            TokenKey auth = token.generateKey(KeyPurpose.AUTHENTICATION, Optional.empty(), KeyAlgorithm.EC_P256, "a");
            assertFault(() -> CertificateRequests.authentication(token, sign.id(), SERVER), ErrorCode.WRONG_CERT_USAGE);
            assertFault(() -> CertificateRequests.signing(token, auth.id()), ErrorCode.WRONG_CERT_USAGE);
            assertFault(() -> CertificateRequests.signing(token, "unknown"), ErrorCode.KEY_NOT_FOUND);
        }
    }
}
