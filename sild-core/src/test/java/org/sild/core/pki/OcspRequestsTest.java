package org.sild.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.junit.jupiter.api.Test;
import org.sild.testing.IssuedCert;
import org.sild.testing.TestPki;

class OcspRequestsTest {

    private static final TestPki PKI = TestPki.builder()
            .clock(Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC)).build();
    private static final IssuedCert CERT = PKI.authCert("SS1");

    @Test
    void requestHasOneSha1CertIdAndNoNonce() throws Exception {
        OCSPReq request = new OCSPReq(OcspRequests.build(CERT.certificate(), CERT.issuer()));

        assertThat(request.getRequestList()).hasSize(1);
        CertificateID id = request.getRequestList()[0].getCertID();
        assertThat(id.getHashAlgOID()).isEqualTo(CertificateID.HASH_SHA1.getAlgorithm());
        assertThat(id).isEqualTo(OcspRequests.certId(CERT.certificate(), CERT.issuer()));
        assertThat(id.getSerialNumber()).isEqualTo(CERT.certificate().getSerialNumber());
        assertThat(request.isSigned()).isFalse();
        assertThat(request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNull();
    }

    @Test
    void nonceIsAnOctetStringExtension() throws Exception {
        OCSPReq request = new OCSPReq(OcspRequests.build(CERT.certificate(), CERT.issuer(), new byte[] {5, 6}));

        var ext = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        assertThat(ASN1OctetString.getInstance(ext.getParsedValue()).getOctets()).containsExactly(5, 6);
    }

    @Test
    void aResponseToTheRequestIsFoundByCertId() {
        OcspResponse response = OcspResponse.parse(PKI.ocsp(CERT.certificate()).build());

        assertThat(response.isFor(CERT.certificate(), CERT.issuer())).isTrue();
        assertThat(OcspResponse.find(List.of(response), CERT.certificate(), CERT.issuer()))
                .contains(response);
    }
}
