package org.sild.securityserver.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.securityserver.signer.Faults.assertFault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.hashchain.Digest;
import org.sild.core.id.ClientId;
import org.sild.core.pki.OcspResponse;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.SignatureData;
import org.sild.core.signature.VerifiedSignature;

class TokenSignerTest {

    private static final ClientId PORTAL = SignerTestBed.OWNER.subsystem("registry");

    @TempDir
    Path dir;

    private SignerTestBed bed;

    @BeforeEach
    void setUp() {
        bed = new SignerTestBed(dir);
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    private static MessageParts soap(String id) {
        return MessageParts.of(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="
                + "\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body><q>" + id + "</q></SOAP-ENV:Body>"
                + "</SOAP-ENV:Envelope>").getBytes(StandardCharsets.UTF_8));
    }

    private VerifiedSignature verify(SignatureData signature, MessageParts message, ClientId signer) {
        return bed.verifier().verify(signature, message, signer, bed.clock.instant());
    }

    @Test
    void signsWithTheMembersKeyAndAnotherServerVerifiesIt() {
        X509Certificate ec = bed.certifiedSigningKey(SignerTestBed.OWNER, KeyAlgorithm.EC_P256).certificate().orElseThrow();
        X509Certificate rsa = bed.certifiedSigningKey(SignerTestBed.OTHER, KeyAlgorithm.RSA_2048).certificate()
                .orElseThrow();
        bed.ocsp.refresh();
        TokenSigner signer = bed.signer(bed.token, 16);

        MessageParts message = soap("alone");
        SignatureData signature = signer.sign(PORTAL, message);
        assertThat(signature.hasHashChain()).isFalse();
        VerifiedSignature verified = verify(signature, message, PORTAL);
        assertThat(verified.signer()).isEqualTo(SignerTestBed.OWNER);
        assertThat(verified.signingCertificate()).isEqualTo(ec);
        assertThat(verified.extraCertificates()).containsExactly(bed.pki.intermediate().certificate());
        assertThat(verified.ocspResponses()).hasSize(2);
        assertThat(verified.signingTime()).contains(bed.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        byte[] attachment = "attached".getBytes(StandardCharsets.UTF_8);
        var withAttachment = new MessageParts(soap("with attachment").message(),
                List.of(Digest.of(DigestAlgorithm.SHA512, attachment)));
        SignatureData chained = signer.sign(SignerTestBed.OTHER, withAttachment);
        assertThat(chained.hasHashChain()).isTrue();
        assertThat(verify(chained, withAttachment, SignerTestBed.OTHER).signingCertificate()).isEqualTo(rsa);
    }

    @Test
    void aMemberWithoutACertifiedSigningKeyCannotSign() {
        bed.certifiedSigningKey(SignerTestBed.OTHER, KeyAlgorithm.EC_P256);
        bed.token.generateKey(KeyPurpose.SIGNING, Optional.of(SignerTestBed.OWNER), KeyAlgorithm.EC_P256, "uncertified");
        bed.ocsp.refresh();
        TokenSigner signer = bed.signer(bed.token, 16);
        assertFault(() -> signer.sign(PORTAL, soap("x")), ErrorCode.CANNOT_CREATE_SIGNATURE)
                .hasMessageContaining("MEMBER:DEV/GOV/70000001 cannot sign").hasMessageContaining("no signing key with a certificate");
    }

    @Test
    void withoutAGoodFreshOcspResponseACertificateCannotSign() {
        TokenKey key = bed.certifiedSigningKey(SignerTestBed.OWNER, KeyAlgorithm.EC_P256);
        TokenSigner signer = bed.signer(bed.token, 16);
        assertFault(() -> signer.sign(PORTAL, soap("x")), ErrorCode.CANNOT_CREATE_SIGNATURE)
                .hasMessageContaining("not been fetched yet");
        bed.ocsp.refresh();
        signer.sign(PORTAL, soap("x"));
        bed.clock.advance(Duration.ofSeconds(3601));
        assertFault(() -> signer.sign(PORTAL, soap("x")), ErrorCode.CANNOT_CREATE_SIGNATURE)
                .hasMessageContaining("no longer fresh");
        bed.responder.revoke(key.certificate().orElseThrow());
        bed.ocsp.refresh();
        assertFault(() -> signer.sign(PORTAL, soap("x")), ErrorCode.CANNOT_CREATE_SIGNATURE)
                .hasMessageContaining("REVOKED");
    }

    @Test
    void anExpiredCertificateCannotSign() {
        bed.certifiedSigningKey(SignerTestBed.OWNER, KeyAlgorithm.EC_P256);
        bed.ocsp.refresh();
        TokenSigner signer = bed.signer(bed.token, 16);
        bed.clock.advance(Duration.ofDays(366));
        assertFault(() -> signer.sign(PORTAL, soap("x")), ErrorCode.CANNOT_CREATE_SIGNATURE)
                .hasMessageContaining("is not valid at");
    }

    @Test
    void theNewestUsableCertificateSigns() {
        X509Certificate older = bed.certifiedSigningKey(SignerTestBed.OWNER, KeyAlgorithm.EC_P256).certificate()
                .orElseThrow();
        bed.clock.advance(Duration.ofMinutes(5));
        X509Certificate newer = bed.certifiedSigningKey(SignerTestBed.OWNER, KeyAlgorithm.EC_P256).certificate()
                .orElseThrow();
        bed.ocsp.refresh();
        TokenSigner signer = bed.signer(bed.token, 16);
        MessageParts message = soap("m");
        assertThat(verify(signer.sign(PORTAL, message), message, PORTAL).signingCertificate()).isEqualTo(newer);
        bed.responder.revoke(newer);
        bed.ocsp.refresh();
        assertThat(verify(signer.sign(PORTAL, message), message, PORTAL).signingCertificate()).isEqualTo(older);
    }

    @Test
    void theAuthenticationKeyComesWithItsChainAndFreshOcspResponses() {
        TokenSigner signer = bed.signer(bed.token, 16);
        assertFault(signer::authKey, ErrorCode.KEY_NOT_FOUND);
        TokenKey key = bed.certifiedAuthKey(KeyAlgorithm.EC_P256);
        X509Certificate cert = key.certificate().orElseThrow();
        assertThat(signer.authKey().chain()).as("before OCSP: the token's chain").isEqualTo(key.chain());
        assertFault(signer::authOcspResponses, ErrorCode.CERT_VALIDATION);
        bed.ocsp.refresh();
        Signer.AuthKey authKey = signer.authKey();
        assertThat(authKey.chain()).containsExactly(cert, bed.pki.intermediate().certificate());
        assertThat(authKey.privateKey()).isEqualTo(bed.token.privateKey(key.id()));
        List<byte[]> ocsp = signer.authOcspResponses();
        assertThat(ocsp).hasSize(2);
        assertThat(OcspResponse.parse(ocsp.get(0)).isFor(cert, bed.pki.intermediate().certificate())).isTrue();
    }

    @Test
    void underLoadConcurrentSignaturesAreBatchedAndEachVerifiesForItsOwnMessage() throws Exception {
        bed.certifiedSigningKey(SignerTestBed.OWNER, KeyAlgorithm.EC_P256);
        bed.certifiedSigningKey(SignerTestBed.OTHER, KeyAlgorithm.EC_P256);
        bed.ocsp.refresh();
        var slow = new SlowToken(bed.token, Duration.ofMillis(25));
        TokenSigner signer = bed.signer(slow, 32);
        int callers = 300;
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<SignatureData>>();
        var messages = new ArrayList<MessageParts>();
        var senders = new ArrayList<ClientId>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                MessageParts message = soap("message " + i);
                ClientId sender = i % 3 == 0 ? SignerTestBed.OTHER : PORTAL;
                messages.add(message);
                senders.add(sender);
                results.add(threads.submit(() -> {
                    start.await();
                    return signer.sign(sender, message);
                }));
            }
            start.countDown();
            int batched = 0;
            for (int i = 0; i < callers; i++) {
                SignatureData signature = results.get(i).get();
                batched += signature.hasHashChain() ? 1 : 0;
                assertThat(verify(signature, messages.get(i), senders.get(i)).signer())
                        .isEqualTo(senders.get(i).member());
                int other = (i + 1) % callers;
                if (senders.get(other).equals(senders.get(i))) {
                    int index = i;
                    assertThatFaultFor(() -> verify(signature, messages.get(other), senders.get(index)));
                }
            }
            assertThat(batched).as("signatures made in batches of more than one").isGreaterThan(callers / 2);
        }
        assertThat(slow.operations.get()).as("private-key operations").isLessThan(callers / 4)
                .isGreaterThanOrEqualTo(callers / 32);
    }

    @Test
    void aTokenFailureReachesEveryWaitingCallerAndSigningRecovers() throws Exception {
        bed.certifiedSigningKey(SignerTestBed.OWNER, KeyAlgorithm.EC_P256);
        bed.ocsp.refresh();
        var slow = new SlowToken(bed.token, Duration.ofMillis(25));
        TokenSigner signer = bed.signer(slow, 8);
        slow.failure = Optional.of(new XRoadException(ErrorCode.CANNOT_SIGN, "token removed"));
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<SignatureData>>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                futures.add(threads.submit(() -> signer.sign(PORTAL, soap("m" + n))));
            }
            for (var f : futures) {
                assertThat(f).failsWithin(Duration.ofSeconds(30)).withThrowableThat().havingCause()
                        .isInstanceOfSatisfying(XRoadException.class, e -> {
                            assertThat(e.code().toString()).isEqualTo("CannotCreateSignature");
                            assertThat(e).hasMessageContaining("token removed");
                        });
            }
        }
        slow.failure = Optional.empty();
        MessageParts message = soap("after");
        verify(signer.sign(PORTAL, message), message, PORTAL);
        bed.token.close();
        assertFault(() -> signer.sign(PORTAL, message), ErrorCode.CANNOT_CREATE_SIGNATURE)
                .hasMessageContaining("closed");
    }

    private static void assertThatFaultFor(Runnable verification) {
        try {
            verification.run();
        } catch (XRoadException e) {
            return;
        }
        throw new AssertionError("a signature verified for another message");
    }
}
