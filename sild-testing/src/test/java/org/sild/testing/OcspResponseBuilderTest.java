package org.sild.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

class OcspResponseBuilderTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final TestPki PKI = TestPki.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private static final IssuedCert CERT = PKI.signingCert("GOV", "ocsp");

    @Test
    void defaultResponseIsGoodNowSignedByTheIssuingCaIdentifiedByKeyHash() throws Exception {
        BasicOCSPResp basic = basic(PKI.ocsp(CERT.certificate()).build());
        SingleResp single = basic.getResponses()[0];

        assertThat(single.getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(single.getThisUpdate().toInstant()).isEqualTo(NOW);
        assertThat(single.getNextUpdate()).isNull();
        assertThat(basic.getProducedAt().toInstant()).isEqualTo(NOW);
        assertThat(single.getCertID().getHashAlgOID()).isEqualTo(CertificateID.HASH_SHA1.getAlgorithm());
        assertThat(single.getCertID().matchesIssuer(holder(PKI.intermediate().certificate()),
                new JcaDigestCalculatorProviderBuilder().build())).isTrue();
        assertThat(single.getCertID().getSerialNumber()).isEqualTo(CERT.certificate().getSerialNumber());
        byte[] keyHash = MessageDigest.getInstance("SHA-1").digest(holder(PKI.intermediate().certificate())
                .getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
        assertThat(basic.getResponderId().toASN1Primitive().getKeyHash()).isEqualTo(keyHash);
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .build(PKI.intermediate().certificate()))).isTrue();
        assertThat(basic.getCerts()).hasSize(1);
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNull();
    }

    @Test
    void everyFieldCanBeChosen() throws Exception {
        Instant revokedAt = NOW.minusSeconds(7200);
        byte[] der = PKI.ocsp(CERT.certificate())
                .revoked(revokedAt, 1)
                .thisUpdate(NOW.minusSeconds(5000))
                .nextUpdate(NOW.minusSeconds(100))
                .producedAt(NOW.minusSeconds(4000))
                .signer(PKI.ocspResponder())
                .responderIdByName()
                .nonce(new byte[] {9, 8, 7})
                .build();
        BasicOCSPResp basic = basic(der);
        SingleResp single = basic.getResponses()[0];

        assertThat(single.getCertStatus()).isInstanceOfSatisfying(RevokedStatus.class, r -> {
            assertThat(r.getRevocationTime().toInstant()).isEqualTo(revokedAt);
            assertThat(r.getRevocationReason()).isEqualTo(1);
        });
        assertThat(single.getThisUpdate().toInstant()).isEqualTo(NOW.minusSeconds(5000));
        assertThat(single.getNextUpdate().toInstant()).isEqualTo(NOW.minusSeconds(100));
        assertThat(basic.getProducedAt().toInstant()).isEqualTo(NOW.minusSeconds(4000));
        assertThat(basic.getResponderId().toASN1Primitive().getName())
                .isEqualTo(X500Name.getInstance(
                        PKI.ocspResponder().certificate().getSubjectX500Principal().getEncoded()));
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .build(PKI.ocspResponder().certificate()))).isTrue();
        assertThat(ASN1OctetString.getInstance(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                .getParsedValue()).getOctets()).containsExactly(9, 8, 7);
    }

    @Test
    void unknownStatusAndNoEmbeddedCertificates() throws Exception {
        BasicOCSPResp basic = basic(PKI.ocsp(CERT.certificate()).unknown().includeSignerCertificate(false).build());

        assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
        assertThat(basic.getCerts()).isEmpty();
    }

    @Test
    void ecResponderSignsWithEcdsa() throws Exception {
        TestPki ec = TestPki.builder().name("EC OCSP").keyType(KeyType.EC_P384).build();
        IssuedCert cert = ec.authCert("SS1");
        BasicOCSPResp basic = basic(ec.ocsp(cert.certificate()).signer(ec.ocspResponder()).build());

        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .build(ec.ocspResponder().certificate()))).isTrue();
        assertThat(basic.getSignatureAlgOID().getId()).isEqualTo("1.2.840.10045.4.3.3");
    }

    @Test
    void unsuccessfulResponsesHaveNoBody() throws Exception {
        OCSPResp resp = new OCSPResp(OcspResponseBuilder.unsuccessful(OcspResponseBuilder.TRY_LATER));

        assertThat(resp.getStatus()).isEqualTo(3);
        assertThat(resp.getResponseObject()).isNull();
    }

    private static BasicOCSPResp basic(byte[] der) throws Exception {
        OCSPResp resp = new OCSPResp(der);
        assertThat(resp.getStatus()).isZero();
        return (BasicOCSPResp) resp.getResponseObject();
    }

    private static X509CertificateHolder holder(X509Certificate cert) throws Exception {
        return new X509CertificateHolder(cert.getEncoded());
    }
}
