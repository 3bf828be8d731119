package org.sild.core.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.SubsystemId;

/** Shared fixtures of the signature tests: a member, its signers and a verifier that records its evidence. */
class SignatureTestSupport {

    static final ClientId SIGNER = new SubsystemId("EE", "COM", "1234", "sub");
    static final Instant SIGNING_TIME = Instant.parse("2025-03-01T10:15:30.123Z");

    final List<SignerEvidence> evidence = new ArrayList<>();

    static TestCredentials.Credential credentialFor(SignatureAlgorithm algorithm) {
        return algorithm.isEcdsa() ? TestCredentials.ec() : TestCredentials.rsa();
    }

    static MessageSigner signer(SignatureAlgorithm algorithm) {
        return signer(credentialFor(algorithm), algorithm);
    }

    static MessageSigner signer(TestCredentials.Credential c, SignatureAlgorithm algorithm) {
        return MessageSigner.builder()
                .signingKey(c.signingKey())
                .certificate(c.certificate())
                .extraCertificates(List.of(TestCredentials.INTERMEDIATE))
                .ocspResponses(c.ocsp())
                .signatureAlgorithm(algorithm)
                .clock(Clock.fixed(SIGNING_TIME, ZoneOffset.UTC))
                .build();
    }

    /** A verifier with the EJBCA profile and the real PKI check, recording what it hands the check. */
    SignatureVerifier verifier() {
        SignerCertificateCheck pki = TestCredentials.pkiCheck();
        return SignatureVerifier.builder()
                .profiles(cert -> Optional.of(CertificateProfiles.ejbca()))
                .certificateCheck(e -> {
                    evidence.add(e);
                    pki.check(e);
                })
                .build();
    }

    static byte[] soap(String id) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope "
                + "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>"
                + "<q>" + id + " ä</q></SOAP-ENV:Body></SOAP-ENV:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    static AbstractThrowableAssert<?, ?> assertFault(Runnable r, ErrorCode... code) {
        return assertThatThrownBy(r::run).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(code)));
    }
}
