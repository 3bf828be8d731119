package org.sild.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;

class TimeStampResponseBuilderTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final TestPki PKI = TestPki.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    @Test
    void grantedResponseCarriesAValidTokenOnTheImprint() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-512").digest("data".getBytes());
        TimeStampResponse response = new TimeStampResponse(PKI.timeStamp("SHA-512", digest).response());

        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        TimeStampToken token = response.getTimeStampToken();
        assertThat(token.getTimeStampInfo().getGenTime().toInstant()).isEqualTo(NOW);
        assertThat(token.getTimeStampInfo().getMessageImprintAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha512);
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        assertThat(token.getTimeStampInfo().getNonce()).isNull();
        assertThat(token.getCertificates().getMatches(null))
                .containsExactly(new X509CertificateHolder(PKI.tsa().encoded()));
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(PKI.tsa().certificate()));
    }

    @Test
    void answersARequestEchoingItsNonce() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("data".getBytes());
        var generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256, digest, BigInteger.valueOf(42));

        TimeStampResponse response = new TimeStampResponse(PKI.timeStampFor(request.getEncoded())
                .genTime(NOW.minusSeconds(60)).response());

        response.validate(request);
        assertThat(response.getTimeStampToken().getTimeStampInfo().getNonce()).isEqualTo(BigInteger.valueOf(42));
        assertThat(response.getTimeStampToken().getTimeStampInfo().getGenTime().toInstant())
                .isEqualTo(NOW.minusSeconds(60));
    }

    @Test
    void tokenAloneWithoutCertificate() throws Exception {
        byte[] token = PKI.timeStamp("SHA-256", new byte[32]).includeCertificate(false).token();

        var parsed = new TimeStampToken(new CMSSignedData(token));
        assertThat(parsed.getCertificates().getMatches(null)).isEmpty();
        parsed.validate(new JcaSimpleSignerInfoVerifierBuilder().build(PKI.tsa().certificate()));
    }

    @Test
    void grantedWithModsAndRejection() throws Exception {
        var mods = new TimeStampResponse(PKI.timeStamp("SHA-256", new byte[32]).grantedWithMods().response());
        var rejected = new TimeStampResponse(TimeStampResponseBuilder.rejection(
                TimeStampResponseBuilder.BAD_ALG, "unsupported algorithm"));

        assertThat(mods.getStatus()).isEqualTo(PKIStatus.GRANTED_WITH_MODS);
        assertThat(rejected.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(rejected.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);
        assertThat(rejected.getStatusString()).isEqualTo("unsupported algorithm");
        assertThat(rejected.getTimeStampToken()).isNull();
    }
}
