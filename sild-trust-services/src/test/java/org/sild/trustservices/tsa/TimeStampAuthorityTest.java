package org.sild.trustservices.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.trustservices.ca.CaFixtures.NOW;
import static org.sild.trustservices.ca.CaFixtures.assertFault;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.pki.TimeStampRequest;
import org.sild.core.pki.TimeStampResponse;
import org.sild.core.pki.TimeStampStatus;
import org.sild.core.pki.TimeStampVerifier;
import org.sild.core.pki.VerifiedTimeStamp;
import org.sild.trustservices.ca.CaFixtures;
import org.sild.trustservices.ca.CertificateType;
import org.sild.trustservices.ca.KeyAndCertificate;
import org.sild.testing.TestPki;

class TimeStampAuthorityTest {

    private static final byte[] DATA = "a message log record".getBytes(StandardCharsets.UTF_8);

    private static KeyAndCertificate tsaCredential;
    private static TimeStampAuthority tsa;
    private static TimeStampVerifier verifier;

    @BeforeAll
    static void tsa() {
        tsaCredential = CaFixtures.ca().issueWithNewKey(new X500Principal("CN=Sild Test TSA, O=Sild"),
                CertificateType.TSA);
        tsa = new TimeStampAuthority(tsaCredential, TimeStampAuthority.DEFAULT_POLICY, CaFixtures.CLOCK,
                new SecureRandom());
        verifier = new TimeStampVerifier(List.of(tsaCredential.certificate()));
    }

    @ParameterizedTest
    @EnumSource(value = DigestAlgorithm.class, names = {"SHA256", "SHA384", "SHA512"})
    void grantsVerifiableTimeStamps(DigestAlgorithm algorithm) throws Exception {
        TimeStampRequest request = TimeStampRequest.builder().digestAlgorithm(algorithm).data(DATA)
                .randomNonce(new SecureRandom()).build();

        VerifiedTimeStamp stamp = verifier.verifyResponse(tsa.respond(request.encoded()), request);

        assertThat(stamp.genTime()).isEqualTo(NOW);
        assertThat(stamp.token().nonce()).isEqualTo(request.nonce());
        assertThat(stamp.token().policy()).isEqualTo(TimeStampAuthority.DEFAULT_POLICY);
        assertThat(stamp.token().certificates()).containsExactly(tsaCredential.certificate());
        assertThat(verifier.verifyToken(stamp.encoded(), DATA).genTime()).isEqualTo(NOW);
        CaFixtures.validate(tsaCredential.certificate(), CaFixtures.root().certificate(), NOW);
    }

    @Test
    void leavesTheCertificateOutUnlessRequested() {
        TimeStampRequest request = TimeStampRequest.builder().data(DATA).certReq(false).build();

        VerifiedTimeStamp stamp = verifier.verifyResponse(tsa.respond(request.encoded()), request);

        assertThat(stamp.token().certificates()).isEmpty();
        assertThat(stamp.token().nonce()).isEmpty();
    }

    @Test
    void honoursItsOwnPolicyOnly() {
        TimeStampRequest ours = TimeStampRequest.builder().data(DATA).policy(tsa.policy()).build();
        verifier.verifyResponse(tsa.respond(ours.encoded()), ours);

        TimeStampRequest other = TimeStampRequest.builder().data(DATA).policy("1.2.3.4").build();
        assertRejected(tsa.respond(other.encoded()), PKIFailureInfo.unacceptedPolicy);
    }

    @Test
    void serialNumbersAreUnique() {
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            TimeStampRequest request = TimeStampRequest.builder().data(DATA).build();
            serials.add(verifier.verifyResponse(tsa.respond(request.encoded()), request).token().serialNumber());
        }
        assertThat(serials).hasSize(20).allMatch(s -> s.signum() > 0 && s.bitLength() <= 128);
    }

    @Test
    void rejectsWhatItCannotStamp() throws IOException {
        var generator = new TimeStampRequestGenerator();
        byte[] sha1 = generator.generate(TSPAlgorithms.SHA1, new byte[20]).getEncoded();
        byte[] shortImprint = generator.generate(TSPAlgorithms.SHA256, new byte[20]).getEncoded();
        var withExtension = new TimeStampRequestGenerator();
        withExtension.addExtension(Extension.auditIdentity, false, DERNull.INSTANCE);
        byte[] extension = withExtension.generate(TSPAlgorithms.SHA256, new byte[32]).getEncoded();

        assertRejected(tsa.respond(sha1), PKIFailureInfo.badAlg);
        assertRejected(tsa.respond(shortImprint), PKIFailureInfo.badDataFormat);
        assertRejected(tsa.respond(extension), PKIFailureInfo.unacceptedExtension);
        assertRejected(tsa.respond(new byte[0]), PKIFailureInfo.badDataFormat);
        assertRejected(tsa.respond("not DER".getBytes(StandardCharsets.US_ASCII)), PKIFailureInfo.badDataFormat);
        assertRejected(tsa.respond(new byte[TimeStampAuthority.MAX_REQUEST_SIZE + 1]), PKIFailureInfo.badDataFormat);
        assertFault(() -> verifier.verifyResponse(tsa.respond(sha1), TimeStampRequest.builder().data(DATA).build()),
                ErrorCode.TIMESTAMP_VALIDATION);
    }

    @Test
    void refusesACertificateWithoutTimeStampingUsage() {
        var leaf = TestPki.create().signingCert("GOV", "1");
        assertFault(() -> new TimeStampAuthority(new KeyAndCertificate(leaf.privateKey(), leaf.certificate()),
                TimeStampAuthority.DEFAULT_POLICY, CaFixtures.CLOCK, new SecureRandom()), ErrorCode.INTERNAL_ERROR);
        assertFault(() -> new TimeStampAuthority(tsaCredential, "not an oid", CaFixtures.CLOCK, new SecureRandom()),
                ErrorCode.INTERNAL_ERROR);
        assertThat(new ASN1ObjectIdentifier(TimeStampAuthority.DEFAULT_POLICY).getId()).startsWith("2.25.");
    }

    private static void assertRejected(byte[] response, int failInfo) {
        TimeStampResponse parsed = TimeStampResponse.parse(response);
        assertThat(parsed.status()).isEqualTo(TimeStampStatus.REJECTION);
        assertThat(parsed.failureInfo()).isEqualTo(failInfo);
        assertThat(parsed.token()).isEmpty();
        assertThat(parsed.statusText()).isPresent();
    }
}
