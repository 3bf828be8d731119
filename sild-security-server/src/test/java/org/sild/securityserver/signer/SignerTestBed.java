package org.sild.securityserver.signer;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.pki.CertChainVerifier;
import org.sild.core.pki.CertificationRequest;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspVerifier;
import org.sild.core.signature.CertificateProfiles;
import org.sild.core.signature.SignatureVerifier;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.testing.IssuedCert;
import org.sild.testing.MutableClock;
import org.sild.testing.TestPki;

/**
 * What the signer tests share: a clock they move, the test PKI for instance {@code DEV}, a real OCSP
 * responder over HTTP, global configuration approving the PKI with that responder, a software token
 * and the OCSP responses of its certificates.
 */
final class SignerTestBed implements AutoCloseable {

    static final MemberId OWNER = new MemberId("DEV", "GOV", "70000001");
    static final MemberId OTHER = new MemberId("DEV", "COM", "10000001");
    static final SecurityServerId SERVER = new SecurityServerId(OWNER, "ss2");
    static final char[] PIN = "correct horse".toCharArray();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final TestPki pki = TestPki.builder().instance("DEV").clock(clock).build();
    final TestOcspResponder responder = new TestOcspResponder(pki);
    final TestGlobalConf globalConf;
    final ManagedHttpClient http = HttpClients.builder().name("ocsp-client").connectTimeout(Duration.ofSeconds(5)).build();
    final Path dir;
    final SoftwareToken token;
    final OwnOcspResponses ocsp;

    SignerTestBed(Path dir) {
        this.dir = dir;
        globalConf = new TestGlobalConf(conf(3600, Optional.empty()));
        responder.register(pki.intermediate().certificate());
        token = SoftwareToken.open(dir.resolve("token"), PIN, new SecureRandom(), clock);
        ocsp = ocsp(token);
    }

    org.sild.securityserver.globalconf.GlobalConf conf(int freshnessSeconds, Optional<Integer> fetchInterval) {
        return TestGlobalConf.of(pki, List.of(responder.url()), freshnessSeconds, fetchInterval, true);
    }

    /** OCSP responses for {@code token} persisted under the test directory, over HTTP. */
    OwnOcspResponses ocsp(Token token) {
        return OwnOcspResponses.builder().token(token).globalConf(globalConf)
                .transport(new JettyOcspTransport(http, Duration.ofSeconds(10)))
                .directory(dir.resolve("ocsp")).clock(clock).retryDelay(Duration.ofSeconds(30)).build();
    }

    TokenSigner signer(Token token, int maxBatch) {
        return TokenSigner.builder().token(token).ocsp(ocsp).clock(clock).maxBatchSize(maxBatch).build();
    }

    /** A new authentication key with a certificate issued from its request and known to the responder. */
    TokenKey certifiedAuthKey(KeyAlgorithm algorithm) {
        TokenKey key = token.generateKey(KeyPurpose.AUTHENTICATION, Optional.empty(), algorithm, "auth");
        IssuedCert cert = issue(CertificateRequests.authentication(token, key.id(), SERVER), true);
        responder.register(cert.certificate());
        return token.importCertificate(cert.chain());
    }

    /** A new signing key of {@code member} with a certificate issued from its request and known to the responder. */
    TokenKey certifiedSigningKey(MemberId member, KeyAlgorithm algorithm) {
        TokenKey key = token.generateKey(KeyPurpose.SIGNING, Optional.of(member), algorithm, "sign " + member);
        IssuedCert cert = issue(CertificateRequests.signing(token, key.id()), false);
        responder.register(cert.certificate());
        return token.importCertificate(cert.chain());
    }

    /** What a CA makes of {@code csr}: an authentication or signing certificate for its key and subject. */
    IssuedCert issue(byte[] csr, boolean authentication) {
        CertificationRequest request = CertificationRequest.parse(csr);
        var spec = authentication ? pki.authSpec(request.subject()) : pki.signingSpec(request.subject());
        return pki.issue(spec.keyPair(new KeyPair(request.publicKey(), null)).build());
    }

    /** The verifier another security server applies: EJBCA profile, chain to the root, OCSP from the signature. */
    SignatureVerifier verifier() {
        var chains = new CertChainVerifier(List.of(pki.root().certificate()));
        var ocspVerifier = new OcspVerifier(globalConf.current(clock.instant()).ocspTrust("DEV"));
        return SignatureVerifier.builder()
                .profiles(c -> Optional.of(CertificateProfiles.ejbca()))
                .certificateCheck(e -> chains.verify(e.signingCertificate(), e.extraCertificates(),
                        e.ocspResponses().stream().map(OcspResponse::parse).toList(), ocspVerifier,
                        e.verificationTime()))
                .build();
    }

    @Override
    public void close() {
        ocsp.close();
        token.close();
        http.close();
        responder.close();
    }
}
