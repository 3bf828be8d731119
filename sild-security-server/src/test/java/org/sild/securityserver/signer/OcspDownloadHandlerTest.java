package org.sild.securityserver.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.multipart.ContentType;
import org.sild.core.pki.CertHashes;
import org.sild.core.pki.OcspResponse;
import org.sild.core.transport.OcspDownloadResponse;
import org.sild.core.transport.TransportLimits;
import org.sild.runtime.http.HttpServer;

class OcspDownloadHandlerTest {

    @TempDir
    Path dir;

    private SignerTestBed bed;
    private HttpServer server;
    private X509Certificate auth;
    private X509Certificate intermediate;

    @BeforeEach
    void setUp() {
        bed = new SignerTestBed(dir);
        auth = bed.certifiedAuthKey(KeyAlgorithm.EC_P256).certificate().orElseThrow();
        intermediate = bed.pki.intermediate().certificate();
        bed.ocsp.refresh();
        server = HttpServer.builder().name("ocsp-download").host("127.0.0.1").port(0)
                .handler(new OcspDownloadHandler(bed.ocsp, bed.clock, 4, new SecureRandom())).build().start();
    }

    @AfterEach
    void tearDown() {
        bed.http.close();
        server.close();
        bed.close();
    }

    private ContentResponse get(String query) throws Exception {
        return bed.http.newRequest(server.uri().resolve("/?" + query)).timeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .send();
    }

    private static List<byte[]> parts(ContentResponse response) {
        ContentType type = ContentType.parse(response.getHeaders().get(HttpHeader.CONTENT_TYPE));
        assertThat(type.mediaType()).isEqualTo("multipart/related");
        assertThat(type.parameter("type")).contains("application/ocsp-response");
        return OcspDownloadResponse.read(type, new ByteArrayInputStream(response.getContent()), TransportLimits.DEFAULTS);
    }

    @Test
    void servesOneResponsePerCertificateInRequestOrderAsXRoadClientsAskForThem() throws Exception {
        ContentResponse response = get("cert=" + CertHashes.sha1Hex(intermediate) + "&cert=" + CertHashes.sha1Hex(auth)
                + "&cert_hash=" + CertHashes.sha256Hex(intermediate) + "&cert_hash=" + CertHashes.sha256Hex(auth));
        assertThat(response.getStatus()).isEqualTo(200);
        List<byte[]> parts = parts(response);
        assertThat(parts).hasSize(2);
        assertThat(OcspResponse.parse(parts.get(0)).isFor(intermediate, bed.pki.root().certificate())).isTrue();
        assertThat(OcspResponse.parse(parts.get(1)).isFor(auth, intermediate)).isTrue();
        assertThat(parts.get(1)).isEqualTo(bed.ocsp.evidence(auth, bed.clock.instant()).ocspResponses().get(0));
    }

    @Test
    void eitherHashAloneNamesACertificate() throws Exception {
        assertThat(parts(get("cert=" + CertHashes.sha1Hex(auth)))).hasSize(1);
        assertThat(parts(get("cert_hash=" + CertHashes.sha256Hex(auth).toUpperCase()))).hasSize(1);
    }

    @Test
    void anUnknownOrUnservableCertificateIsAServerErrorWithAText() throws Exception {
        String unknown = CertHashes.sha1Hex(bed.pki.root().certificate());
        ContentResponse response = get("cert=" + CertHashes.sha1Hex(auth) + "&cert=" + unknown);
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaders().get(HttpHeader.CONTENT_TYPE)).startsWith("text/plain");
        assertThat(response.getContentAsString()).isEqualTo("Could not find OCSP response for certificate " + unknown);

        ContentResponse mismatch = get("cert=" + CertHashes.sha1Hex(auth) + "&cert_hash="
                + CertHashes.sha256Hex(intermediate));
        assertThat(mismatch.getStatus()).isEqualTo(500);

        bed.clock.advance(Duration.ofSeconds(3601));
        ContentResponse stale = get("cert=" + CertHashes.sha1Hex(auth));
        assertThat(stale.getStatus()).isEqualTo(500);
        assertThat(stale.getContentAsString()).contains(CertHashes.sha1Hex(auth));
    }

    @Test
    void badRequestsAreRefusedWithATextAsXRoadDoes() throws Exception {
        assertThat(get("").getStatus()).isEqualTo(500);
        assertThat(get("").getContentAsString()).contains("no 'cert' parameter");
        String five = IntStream.range(0, 5).mapToObj(i -> "cert=" + CertHashes.sha1Hex(auth)).collect(Collectors.joining("&"));
        assertThat(get(five).getContentAsString()).contains("at most 4");
        assertThat(get("cert=" + CertHashes.sha1Hex(auth) + "&cert_hash=a&cert_hash=b").getContentAsString())
                .contains("1 'cert' but 2 'cert_hash' parameters");
        ContentResponse post = bed.http.POST(server.uri()).body(new org.eclipse.jetty.client.BytesRequestContent(
                "text/plain", "x".getBytes(StandardCharsets.UTF_8))).send();
        assertThat(post.getStatus()).isEqualTo(500);
        assertThat(post.getContentAsString()).isEqualTo("Invalid request method: POST");
    }

    @Test
    void headIsAHeartbeat() throws Exception {
        ContentResponse response = bed.http.newRequest(server.uri()).method(HttpMethod.HEAD).send();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContent()).isEmpty();
    }
}
