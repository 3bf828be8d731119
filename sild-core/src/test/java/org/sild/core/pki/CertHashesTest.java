package org.sild.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.testing.TestPki;

class CertHashesTest {

    private static final X509Certificate CERT = TestPki.create().root().certificate();

    @Test
    void hashesAreOverTheDerEncoding() throws Exception {
        byte[] der = CERT.getEncoded();

        assertThat(CertHashes.sha1Hex(CERT))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(der)))
                .hasSize(40).isLowerCase();
        assertThat(CertHashes.sha256Hex(CERT))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)))
                .hasSize(64).isLowerCase();
        assertThat(Base64.getDecoder().decode(CertHashes.sha1Base64(CERT)))
                .isEqualTo(MessageDigest.getInstance("SHA-1").digest(der));
        assertThat(Base64.getDecoder().decode(CertHashes.sha256Base64(CERT)))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(der));
        assertThat(Base64.getDecoder().decode(CertHashes.sha512Base64(CERT)))
                .isEqualTo(MessageDigest.getInstance("SHA-512").digest(der));
        assertThat(CertHashes.hash(CERT, DigestAlgorithm.SHA384)).hasSize(48);
    }

    @Test
    void digestAlgorithmsAreFoundByOidAndUri() {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            assertThat(DigestAlgorithm.byOid(a.oid())).contains(a);
            assertThat(DigestAlgorithm.byUri(a.uri())).contains(a);
        }
        assertThat(DigestAlgorithm.byUri("http://www.w3.org/2001/04/xmlenc#sha512")).contains(DigestAlgorithm.SHA512);
        assertThat(DigestAlgorithm.byOid("1.2.3")).isEmpty();
    }
}
