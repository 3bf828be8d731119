package org.sild.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.core.pki.CertChainVerifierTest.assertFault;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.tsp.TimeStampReq;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.testing.CertSpec;
import org.sild.testing.IssuedCert;
import org.sild.testing.KeyType;
import org.sild.testing.KeyUsage;
import org.sild.testing.TestKeys;
import org.sild.testing.TestPki;
import org.sild.testing.TimeStampResponseBuilder;

class TimeStampVerifierTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TestPki PKI = TestPki.builder().clock(CLOCK).build();
    private static final byte[] DATA = "signature value".getBytes(StandardCharsets.UTF_8);
    private static final TimeStampVerifier VERIFIER = new TimeStampVerifier(List.of(PKI.tsa().certificate()));

    @Test
    void requestDefaultsToSha512WithCertReqAndNoNonce() throws Exception {
        TimeStampRequest request = TimeStampRequest.builder().data(DATA).build();
        var parsed = new org.bouncycastle.tsp.TimeStampRequest(request.encoded());

        assertThat(request.digestAlgorithm()).isEqualTo(DigestAlgorithm.SHA512);
        assertThat(request.imprint()).isEqualTo(DigestAlgorithm.SHA512.digest(DATA));
        assertThat(parsed.getMessageImprintAlgOID().getId()).isEqualTo(DigestAlgorithm.SHA512.oid());
        assertThat(parsed.getMessageImprintDigest()).isEqualTo(request.imprint());
        assertThat(parsed.getCertReq()).isTrue();
        assertThat(parsed.getNonce()).isNull();
        assertThat(parsed.getReqPolicy()).isNull();
        assertThat(parsed.getVersion()).isEqualTo(1);
    }

    @Test
    void requestOptions() throws Exception {
        byte[] imprint = DigestAlgorithm.SHA256.digest(DATA);
        TimeStampRequest request = TimeStampRequest.builder().digestAlgorithm(DigestAlgorithm.SHA256)
                .imprint(imprint).nonce(BigInteger.valueOf(77)).certReq(false).policy("1.2.3.4.1").build();
        var parsed = new org.bouncycastle.tsp.TimeStampRequest(request.encoded());

        assertThat(parsed.getMessageImprintDigest()).isEqualTo(imprint);
        assertThat(parsed.getNonce()).isEqualTo(BigInteger.valueOf(77));
        assertThat(parsed.getCertReq()).isFalse();
        assertThat(parsed.getReqPolicy().getId()).isEqualTo("1.2.3.4.1");
        assertThat(TimeStampReq.getInstance(request.encoded())).isNotNull();
        assertThatThrownBy(() -> TimeStampRequest.builder().imprint(imprint).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TimeStampRequest.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void verifiesTheTsaResponseToARequest() {
        TimeStampRequest request = TimeStampRequest.builder().data(DATA)
                .randomNonce(new SecureRandom()).build();

        VerifiedTimeStamp ts = VERIFIER.verifyResponse(PKI.timeStampFor(request.encoded()).response(), request);

        assertThat(ts.genTime()).isEqualTo(NOW);
        assertThat(ts.tsaCertificate()).isEqualTo(PKI.tsa().certificate());
        assertThat(ts.token().nonce()).isEqualTo(request.nonce());
        assertThat(ts.token().imprint()).isEqualTo(request.imprint());
        assertThat(ts.token().digestAlgorithm()).isEqualTo(DigestAlgorithm.SHA512);
        assertThat(ts.token().policy()).isEqualTo(TimeStampResponseBuilder.DEFAULT_POLICY);
        assertThat(ts.token().certificates()).containsExactly(PKI.tsa().certificate());
    }

    @Test
    void grantedWithModsIsAccepted() {
        TimeStampRequest request = TimeStampRequest.builder().data(DATA).build();

        VERIFIER.verifyResponse(PKI.timeStampFor(request.encoded()).grantedWithMods().response(), request);
    }

    @Test
    void rejectionNamesTheStatus() {
        TimeStampRequest request = TimeStampRequest.builder().data(DATA).build();
        byte[] rejected = TimeStampResponseBuilder.rejection(TimeStampResponseBuilder.BAD_ALG, "no such algorithm");

        assertThatThrownBy(() -> VERIFIER.verifyResponse(rejected, request))
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code().toString()).isEqualTo("TimestampValidation");
                    assertThat(e.getMessage()).contains("REJECTION").contains("no such algorithm");
                });
        TimeStampResponse parsed = TimeStampResponse.parse(rejected);
        assertThat(parsed.status()).isEqualTo(TimeStampStatus.REJECTION);
        assertThat(parsed.failureInfo()).isEqualTo(TimeStampResponseBuilder.BAD_ALG);
        assertThat(parsed.token()).isEmpty();
    }

    @Test
    void responseMustMatchTheRequest() {
        TimeStampRequest request = TimeStampRequest.builder().data(DATA).nonce(BigInteger.ONE).build();

        assertTimestampFault(() -> VERIFIER.verifyResponse(PKI.timeStampFor(request.encoded())
                .nonce(BigInteger.TWO).response(), request), "nonce");
        assertTimestampFault(() -> VERIFIER.verifyResponse(PKI.timeStampFor(request.encoded())
                .noNonce().response(), request), "nonce");
        assertTimestampFault(() -> VERIFIER.verifyResponse(PKI.timeStamp("SHA-512",
                DigestAlgorithm.SHA512.digest("other".getBytes())).nonce(BigInteger.ONE).response(), request),
                "imprint");
        assertTimestampFault(() -> VERIFIER.verifyResponse(PKI.timeStamp("SHA-256",
                DigestAlgorithm.SHA256.digest(DATA)).nonce(BigInteger.ONE).response(), request), "imprint");
        TimeStampRequest withPolicy = TimeStampRequest.builder().data(DATA).policy("1.2.3.9").build();
        assertTimestampFault(() -> VERIFIER.verifyResponse(PKI.timeStampFor(withPolicy.encoded()).response(),
                withPolicy), "policy");
    }

    @Test
    void signerMustBeAnApprovedTsaWithTimeStampingUsage() {
        TestPki other = TestPki.builder().name("Other TSA").clock(CLOCK).build();
        byte[] foreign = other.timeStamp("SHA-512", DigestAlgorithm.SHA512.digest(DATA)).token();
        // Two certificates with one serial number and key: the token names the first (a proper TSA
        // certificate, which Bouncy Castle insists on when signing), the verifier trusts the second.
        BigInteger serial = BigInteger.valueOf(4242);
        IssuedCert tsaLike = PKI.issue(CertSpec.builder(new X500Principal("CN=TSA twin")).serialNumber(serial)
                .keyLabel("twin").extendedKeyUsage(CertSpec.TIME_STAMPING).extendedKeyUsageCritical(true).build());
        IssuedCert noEku = PKI.issue(CertSpec.builder(new X500Principal("CN=TSA twin")).serialNumber(serial)
                .keyLabel("twin").keyUsage(KeyUsage.DIGITAL_SIGNATURE).build());
        byte[] byNoEku = TimeStampResponseBuilder.forImprint("SHA-512", DigestAlgorithm.SHA512.digest(DATA),
                tsaLike.certificate(), tsaLike.privateKey(), CLOCK).token();

        assertTimestampFault(() -> VERIFIER.verifyToken(foreign, DATA), "Could not find TSP certificate");
        assertTimestampFault(() -> new TimeStampVerifier(List.of()).verifyToken(foreign, DATA), "No TSP");
        assertTimestampFault(() -> new TimeStampVerifier(List.of(noEku.certificate())).verifyToken(byNoEku, DATA),
                "timeStamping");
    }

    @Test
    void signatureByAnotherKeyFails() {
        byte[] forged = TimeStampResponseBuilder.forImprint("SHA-512", DigestAlgorithm.SHA512.digest(DATA),
                PKI.tsa().certificate(), TestKeys.fresh(KeyType.RSA_2048).getPrivate(), CLOCK).token();

        assertTimestampFault(() -> VERIFIER.verifyToken(forged, DATA), "signer information");
    }

    @Test
    void tokenOverDataChecksTheImprintAsEvidenceVerificationDoes() {
        byte[] token = PKI.timeStamp("SHA-256", DigestAlgorithm.SHA256.digest(DATA)).includeCertificate(false).token();

        VerifiedTimeStamp ts = VERIFIER.verifyToken(token, DATA);

        assertThat(ts.encoded()).isEqualTo(token);
        assertThat(ts.token().certificates()).isEmpty();
        assertFault(() -> VERIFIER.verifyToken(token, "tampered".getBytes()), ErrorCode.MALFORMED_SIGNATURE);
    }

    @Test
    void tsaCertificateCanBeAddedToTheTokenAsXRoadStoresIt() {
        byte[] token = PKI.timeStamp("SHA-512", DigestAlgorithm.SHA512.digest(DATA)).includeCertificate(false).token();
        VerifiedTimeStamp ts = VERIFIER.verifyToken(token, DATA);

        byte[] stored = ts.encodedWithTsaCertificate();

        TimeStampToken reparsed = TimeStampToken.parse(stored);
        assertThat(reparsed.certificates()).containsExactly(PKI.tsa().certificate());
        assertThat(VERIFIER.verifyToken(stored, DATA).genTime()).isEqualTo(NOW);
        assertThat(reparsed.withCertificate(PKI.tsa().certificate())).isSameAs(reparsed);
    }

    @Test
    void tsaCertificateValidityIsNotChecked() {
        Clock later = Clock.fixed(NOW.plusSeconds(400L * 24 * 3600), ZoneOffset.UTC);
        byte[] token = TimeStampResponseBuilder.forImprint("SHA-512", DigestAlgorithm.SHA512.digest(DATA),
                PKI.tsa().certificate(), PKI.tsa().privateKey(), later).token();

        assertThat(VERIFIER.verifyToken(token, DATA).tsaCertificate()).isEqualTo(PKI.tsa().certificate());
    }

    @Test
    void malformedInputIsTimestampValidation() {
        assertFault(() -> TimeStampResponse.parse("junk".getBytes()), ErrorCode.TIMESTAMP_VALIDATION);
        assertFault(() -> TimeStampToken.parse(new byte[] {0x30, 0x00}), ErrorCode.TIMESTAMP_VALIDATION);
        assertFault(() -> TimeStampToken.parse(new byte[TimeStampToken.MAX_SIZE + 1]), ErrorCode.TIMESTAMP_VALIDATION);
    }

    private static void assertTimestampFault(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(XRoadException.class, e -> {
            assertThat(e.code().toString()).isEqualTo("TimestampValidation");
            assertThat(e.getMessage()).contains(messagePart);
        });
    }
}
