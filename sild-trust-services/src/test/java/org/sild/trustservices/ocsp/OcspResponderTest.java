package org.sild.trustservices.ocsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.trustservices.ca.CaFixtures.NOW;
import static org.sild.trustservices.ca.CaFixtures.assertFault;
import static org.sild.trustservices.ca.CaFixtures.csr;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.pki.OcspCertStatus;
import org.sild.core.pki.OcspRequests;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspTrust;
import org.sild.core.pki.OcspVerifier;
import org.sild.core.pki.TrustedCa;
import org.sild.trustservices.ca.CaFixtures;
import org.sild.trustservices.ca.CertificateAuthority;
import org.sild.trustservices.ca.CertificateType;
import org.sild.trustservices.ca.RevocationReason;
import org.sild.testing.TestPki;

class OcspResponderTest {

    private final CertificateAuthority ca = CaFixtures.ca();
    private final X509Certificate caCert = ca.certificate();
    private final OcspVerifier verifier = new OcspVerifier(OcspTrust.of(List.of(TrustedCa.of(caCert))));
    private final X509Certificate auth = ca.issue(csr("C=DEV, CN=ss1", "auth-ss1"), CertificateType.AUTH)
            .certificate();

    private OcspResponder responder(OcspSettings settings, Clock clock) {
        return new OcspResponder(ca.credential(), caCert, ca::status, settings, clock);
    }

    private OcspResponder responder() {
        return responder(OcspSettings.defaults(), CaFixtures.CLOCK);
    }

    @Test
    void answersGoodThenRevokedAtOnce() {
        OcspResponder responder = responder(new OcspSettings(Optional.of(Duration.ofMinutes(20)),
                Duration.ofMinutes(5)), CaFixtures.CLOCK);

        OcspResponse good = OcspResponse.parse(responder.respond(OcspRequests.build(auth, caCert)));
        verifier.verify(good, auth, caCert, NOW);
        assertThat(good.thisUpdate()).isEqualTo(NOW);
        assertThat(good.producedAt()).isEqualTo(NOW);
        assertThat(good.nextUpdate()).contains(NOW.plus(Duration.ofMinutes(20)));
        assertThat(good.responderName()).contains(caCert.getSubjectX500Principal());
        assertThat(good.certificates()).containsExactly(caCert);
        assertThat(good.nonce()).isEmpty();

        ca.revoke(auth.getSerialNumber(), RevocationReason.KEY_COMPROMISE);

        OcspResponse revoked = OcspResponse.parse(responder.respond(OcspRequests.build(auth, caCert)));
        verifier.verifyValidity(revoked, auth, caCert, NOW);
        assertThat(revoked.status()).isEqualTo(new OcspCertStatus.Revoked(NOW, Optional.of(1)));
        assertFault(() -> verifier.verify(revoked, auth, caCert, NOW), ErrorCode.CERT_VALIDATION);
    }

    @Test
    void answersUnknownForCertificatesItDidNotIssue() {
        var other = TestPki.builder().name("Other").build();
        X509Certificate foreign = other.authCert("SS9").certificate();

        OcspResponse notIssued = OcspResponse.parse(responder().respond(certIdRequest(
                OIWObjectIdentifiers.idSHA1, caCert, BigInteger.valueOf(12345), Optional.empty())));
        assertThat(notIssued.status()).isEqualTo(new OcspCertStatus.Unknown());

        // A CertID naming another issuer, though the serial may exist here.
        OcspResponse otherIssuer = OcspResponse.parse(responder().respond(OcspRequests.build(
                foreign, other.intermediate().certificate())));
        assertThat(otherIssuer.status()).isEqualTo(new OcspCertStatus.Unknown());
        OcspResponse sameSerialOtherIssuer = OcspResponse.parse(responder().respond(certIdRequest(
                OIWObjectIdentifiers.idSHA1, other.intermediate().certificate(), auth.getSerialNumber(),
                Optional.empty())));
        assertThat(sameSerialOtherIssuer.status()).isEqualTo(new OcspCertStatus.Unknown());
    }

    @Test
    void supportsSha256CertIds() throws Exception {
        byte[] request = certIdRequest(NISTObjectIdentifiers.id_sha256, caCert, auth.getSerialNumber(),
                Optional.empty());

        OcspResponse response = OcspResponse.parse(responder().respond(request));

        assertThat(response.status()).isEqualTo(new OcspCertStatus.Good());
        assertThat(response.serialNumber()).isEqualTo(auth.getSerialNumber());
        var single = new OCSPResp(response.encoded()).getResponseObject();
        assertThat(((org.bouncycastle.cert.ocsp.BasicOCSPResp) single).getResponses()[0].getCertID()
                .getHashAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256);
    }

    @Test
    void echoesTheNonce() {
        byte[] nonce = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        OcspResponse response = OcspResponse.parse(responder(OcspSettings.defaults(), CaFixtures.CLOCK)
                .respond(OcspRequests.build(auth, caCert, nonce)));

        verifier.verify(response, auth, caCert, NOW);
        OcspVerifier.verifyNonce(response, nonce);
    }

    @Test
    void refusesNoncesOutsideOneToThirtyTwoOctets() {
        assertThat(status(responder().respond(OcspRequests.build(auth, caCert, new byte[33]))))
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(status(responder().respond(certIdRequest(OIWObjectIdentifiers.idSHA1, caCert,
                auth.getSerialNumber(), Optional.of(new byte[0]))))).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(status(responder().respond(OcspRequests.build(auth, caCert, new byte[32]))))
                .isEqualTo(OCSPResp.SUCCESSFUL);
    }

    @Test
    void malformedRequestsGetMalformedRequest() {
        OcspResponder responder = responder();
        assertThat(status(responder.respond(new byte[0]))).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(status(responder.respond(new byte[] {0x30, 0x03, 0x02, 0x01}))).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(status(responder.respond("hello".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(status(responder.respond(new byte[OcspResponder.MAX_REQUEST_SIZE + 1])))
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(status(responder.respondToGet("not base64!"))).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(status(responder.respondToGet("%zz"))).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(status(OcspResponder.malformedRequest())).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertFault(() -> OcspResponse.parse(responder.respond(new byte[0])), ErrorCode.INCORRECT_VALIDATION_INFO);
    }

    @Test
    void tooManySingleRequestsAreMalformed() throws Exception {
        var builder = new OCSPReqBuilder();
        for (int i = 0; i <= OcspResponder.MAX_SINGLE_REQUESTS; i++) {
            builder.addRequest(certId(OIWObjectIdentifiers.idSHA1, caCert, BigInteger.valueOf(i + 1)));
        }
        assertThat(status(responder().respond(builder.build().getEncoded()))).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    @Test
    void answersSeveralCertificatesInOneResponse() throws Exception {
        X509Certificate second = ca.issue(csr("C=DEV, O=GOV, CN=70000001", "sign-1"), CertificateType.SIGN)
                .certificate();
        ca.revoke(second.getSerialNumber(), RevocationReason.SUPERSEDED);
        byte[] request = new OCSPReqBuilder()
                .addRequest(certId(OIWObjectIdentifiers.idSHA1, caCert, auth.getSerialNumber()))
                .addRequest(certId(OIWObjectIdentifiers.idSHA1, caCert, second.getSerialNumber()))
                .build().getEncoded();

        var basic = (org.bouncycastle.cert.ocsp.BasicOCSPResp) new OCSPResp(responder().respond(request))
                .getResponseObject();

        assertThat(basic.getResponses()).hasSize(2);
        assertThat(basic.getResponses()[0].getCertStatus()).isNull();
        assertThat(basic.getResponses()[1].getCertStatus())
                .isInstanceOfSatisfying(org.bouncycastle.cert.ocsp.RevokedStatus.class,
                        r -> assertThat(r.getRevocationReason()).isEqualTo(4));
    }

    @Test
    void answersGetRequests() {
        byte[] request = OcspRequests.build(auth, caCert);
        String plain = Base64.getEncoder().encodeToString(request);
        String encoded = URLEncoder.encode(plain, StandardCharsets.US_ASCII);
        String urlSafe = Base64.getUrlEncoder().encodeToString(request);

        for (String path : List.of(plain, encoded, urlSafe)) {
            verifier.verify(OcspResponse.parse(responder().respondToGet(path)), auth, caCert, NOW);
        }
    }

    @Test
    void nextUpdateMayBeLeftOut() {
        OcspResponse response = OcspResponse.parse(responder(new OcspSettings(Optional.empty(), Duration.ZERO),
                CaFixtures.CLOCK).respond(OcspRequests.build(auth, caCert)));
        assertThat(response.nextUpdate()).isEmpty();
        verifier.verify(response, auth, caCert, NOW);
    }

    @Test
    void reusesASignedResponseForTheCacheTimeOnly() {
        var time = new AtomicReference<>(NOW);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return time.get();
            }
        };
        OcspResponder cached = responder(new OcspSettings(Optional.empty(), Duration.ofSeconds(30)), clock);
        OcspResponder uncached = responder(new OcspSettings(Optional.empty(), Duration.ZERO), clock);
        byte[] request = OcspRequests.build(auth, caCert);

        byte[] first = cached.respond(request);
        time.set(NOW.plusSeconds(10));
        assertThat(cached.respond(request)).isEqualTo(first);
        assertThat(OcspResponse.parse(uncached.respond(request)).thisUpdate()).isEqualTo(NOW.plusSeconds(10));
        time.set(NOW.plusSeconds(31));
        assertThat(OcspResponse.parse(cached.respond(request)).thisUpdate()).isEqualTo(NOW.plusSeconds(31));
        byte[] withNonce = OcspRequests.build(auth, caCert, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
            15, 16});
        time.set(NOW.plusSeconds(35));
        assertThat(OcspResponse.parse(cached.respond(withNonce)).thisUpdate()).isEqualTo(NOW.plusSeconds(35));
    }

    @Test
    void aFailingStoreIsAnInternalError() {
        var responder = new OcspResponder(ca.credential(), caCert, serial -> {
            throw new IllegalStateException("database down");
        }, OcspSettings.defaults(), CaFixtures.CLOCK);

        assertThat(status(responder.respond(OcspRequests.build(auth, caCert)))).isEqualTo(OCSPResp.INTERNAL_ERROR);
    }

    private static int status(byte[] response) {
        try {
            return new OCSPResp(response).getStatus();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CertificateID certId(org.bouncycastle.asn1.ASN1ObjectIdentifier hash, X509Certificate issuer,
            BigInteger serial) {
        try {
            var calculator = new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(hash));
            return new CertificateID(calculator, new X509CertificateHolder(issuer.getEncoded()), serial);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] certIdRequest(org.bouncycastle.asn1.ASN1ObjectIdentifier hash, X509Certificate issuer,
            BigInteger serial, Optional<byte[]> nonce) {
        try {
            var builder = new OCSPReqBuilder().addRequest(certId(hash, issuer, serial));
            if (nonce.isPresent()) {
                builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                        false, new DEROctetString(new DEROctetString(nonce.get()).getEncoded()))));
            }
            return builder.build().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
