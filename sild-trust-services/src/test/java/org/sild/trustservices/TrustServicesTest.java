package org.sild.trustservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.trustservices.ca.CaFixtures.NOW;
import static org.sild.trustservices.ca.CaFixtures.csr;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.pki.Certificates;
import org.sild.core.pki.OcspCertStatus;
import org.sild.core.pki.OcspRequests;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspTrust;
import org.sild.core.pki.OcspVerifier;
import org.sild.core.pki.Pem;
import org.sild.core.pki.TimeStampRequest;
import org.sild.core.pki.TimeStampVerifier;
import org.sild.core.pki.TrustedCa;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.json.Json;
import org.sild.trustservices.ca.CaFixtures;

/** The assembled trust services over real HTTP on free ports, checked with independent verifiers. */
class TrustServicesTest {

    private static final String KEY = "test-api-key-0123456789";

    @TempDir
    static Path dir;

    private static TrustServices services;
    private static ManagedHttpClient http;
    private static OcspVerifier ocspVerifier;

    @BeforeAll
    static void start() {
        services = TrustServices.create(config(), CaFixtures.CLOCK, new SecureRandom());
        http = HttpClients.builder().name("trust-test-client").build();
        ocspVerifier = new OcspVerifier(OcspTrust.of(List.of(TrustedCa.of(services.caCertificate()))));
    }

    @AfterAll
    static void stop() {
        http.close();
        services.close();
    }

    private static TrustServicesConfig config() {
        return TrustServicesConfig.defaults().withDataDir(dir.resolve("data")).withPorts(0, 0).withApiKey("test", KEY);
    }

    static ContentResponse send(HttpMethod method, URI uri, Map<String, String> headers, byte[] body)
            throws Exception {
        var request = http.newRequest(uri).method(method);
        request.headers(h -> headers.forEach(h::put));
        if (body.length > 0) {
            request.body(new BytesRequestContent(headers.getOrDefault("Content-Type", "application/octet-stream"),
                    body));
        }
        return request.send();
    }

    private static URI ca(String path) {
        return services.caUrl().resolve(path);
    }

    private static ContentResponse issue(String type, byte[] csr, Map<String, String> headers) throws Exception {
        return send(HttpMethod.POST, ca("/ca/certificates?type=" + type), headers, csr);
    }

    private static JsonNode json(ContentResponse response) throws Exception {
        assertThat(response.getMediaType()).isEqualTo("application/json");
        return Json.mapper().readTree(response.getContent());
    }

    @Test
    void servesTheCaCertificateAsPemDerAndJson() throws Exception {
        X509Certificate expected = services.caCertificate();

        ContentResponse pem = send(HttpMethod.GET, ca("/ca/certificate"), Map.of(), new byte[0]);
        ContentResponse der = send(HttpMethod.GET, ca("/ca/certificate"), Map.of("Accept", "application/pkix-cert"),
                new byte[0]);
        ContentResponse json = send(HttpMethod.GET, ca("/ca/certificate"), Map.of("Accept", "application/json"),
                new byte[0]);

        assertThat(pem.getStatus()).isEqualTo(200);
        assertThat(pem.getMediaType()).isEqualTo("application/pem-certificate-chain");
        assertThat(Pem.readCertificate(pem.getContentAsString())).isEqualTo(expected);
        assertThat(der.getMediaType()).isEqualTo("application/pkix-cert");
        assertThat(Certificates.parseDer(der.getContent())).isEqualTo(expected);
        assertThat(Pem.readCertificate(json(json).get("certificate").asText())).isEqualTo(expected);
        assertThat(send(HttpMethod.GET, ca("/ca/certificate"), Map.of("Accept", "text/html"), new byte[0])
                .getStatus()).isEqualTo(406);
    }

    @Test
    void issuesOnlyWithTheApiKey() throws Exception {
        byte[] pemCsr = Pem.writeCertificationRequest(csr("C=DEV, CN=ss-key", "auth-key"))
                .getBytes(StandardCharsets.US_ASCII);

        ContentResponse none = issue("auth", pemCsr, Map.of());
        ContentResponse wrong = issue("auth", pemCsr, Map.of("Authorization", "Bearer not-the-key-at-all"));
        ContentResponse bearer = issue("auth", pemCsr, Map.of("Authorization", "Bearer " + KEY));

        assertThat(none.getStatus()).isEqualTo(401);
        assertThat(none.getHeaders().get("WWW-Authenticate")).contains("X-Road-ApiKey");
        assertThat(json(none).at("/error/code").asText()).isEqualTo("unauthorized");
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(bearer.getStatus()).isEqualTo(201);
    }

    @Test
    void issuesFromPemOrDerAndAnswersByAccept() throws Exception {
        ContentResponse pem = issue("auth", Pem.writeCertificationRequest(csr("C=DEV, CN=ss1", "auth-ss1"))
                .getBytes(StandardCharsets.US_ASCII), Map.of("Authorization", "X-Road-ApiKey token=" + KEY, "Content-Type", "text/plain"));
        ContentResponse der = issue("sign", csr("C=DEV, O=GOV, CN=70000001", "sign-1"), Map.of("Authorization", "X-Road-ApiKey token=" + KEY,
                "Content-Type", "application/pkcs10", "Accept", "application/pkix-cert"));
        ContentResponse json = issue("sign", csr("C=DEV, O=COM, CN=10000001", "sign-2"), Map.of("Authorization", "X-Road-ApiKey token=" + KEY,
                "Content-Type", "application/pkcs10", "Accept", "application/json"));

        assertThat(pem.getStatus()).isEqualTo(201);
        X509Certificate auth = Pem.readCertificate(pem.getContentAsString());
        assertThat(pem.getHeaders().get("Location")).isEqualTo("/ca/certificates/" + auth.getSerialNumber());
        assertThat(CaFixtures.validate(auth, services.caCertificate(), NOW)).isNotNull();
        assertThat(auth.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1");

        assertThat(der.getStatus()).isEqualTo(201);
        X509Certificate sign = Certificates.parseDer(der.getContent());
        assertThat(sign.getKeyUsage()[1]).isTrue();
        assertThat(CaFixtures.validate(sign, services.caCertificate(), NOW)).isNotNull();

        JsonNode body = json(json);
        assertThat(json.getStatus()).isEqualTo(201);
        assertThat(body.get("type").asText()).isEqualTo("sign");
        assertThat(body.get("status").asText()).isEqualTo("good");
        assertThat(body.get("subject").asText()).isEqualTo("C=DEV,O=COM,CN=10000001");
        assertThat(body.get("issuedAt").asText()).isEqualTo(NOW.toString());
        X509Certificate fromJson = Pem.readCertificate(body.get("certificate").asText());
        assertThat(body.get("serialNumber").asText()).isEqualTo(fromJson.getSerialNumber().toString());
        assertThat(body.get("serialNumberHex").asText()).isEqualTo(fromJson.getSerialNumber().toString(16));
    }

    @Test
    void refusesBadIssueRequests() throws Exception {
        var key = Map.of("Authorization", "X-Road-ApiKey token=" + KEY);
        byte[] good = csr("C=DEV, CN=ss1", "auth-ss1");

        assertError(issue("", good, key), 400, "bad_request");
        assertError(send(HttpMethod.POST, ca("/ca/certificates"), key, good), 400, "bad_request");
        assertError(issue("tsa", good, key), 400, "bad_request");
        assertError(issue("auth", new byte[0], key), 400, "bad_request");
        assertError(issue("auth", "junk".getBytes(StandardCharsets.US_ASCII), key), 400, "incorrect_certificate");
        assertError(issue("auth", new byte[] {0x30, 1, 2}, key), 400, "invalid_request");
        assertError(issue("sign", csr("C=EE, O=GOV, CN=1", "sign-x"), key), 400, "incorrect_certificate");
        assertError(issue("auth", good, Map.of("Authorization", "X-Road-ApiKey token=" + KEY, "Accept", "image/png")), 406, "not_acceptable");
        // The server answers before reading this body and then closes the connection: do not pool it.
        assertError(issue("auth", new byte[200_000], Map.of("Authorization", "X-Road-ApiKey token=" + KEY, "Connection", "close")), 413,
                "request_too_large");
    }

    @Test
    void fetchesAndListsCertificates() throws Exception {
        ContentResponse issued = issue("auth", csr("C=DEV, CN=ss-list", "auth-list"), Map.of("Authorization", "X-Road-ApiKey token=" + KEY));
        BigInteger serial = Pem.readCertificate(issued.getContentAsString()).getSerialNumber();

        ContentResponse byDecimal = send(HttpMethod.GET, ca("/ca/certificates/" + serial), Map.of(), new byte[0]);
        ContentResponse byHex = send(HttpMethod.GET, ca("/ca/certificates/0x" + serial.toString(16)),
                Map.of("Accept", "application/json"), new byte[0]);
        ContentResponse list = send(HttpMethod.GET, ca("/ca/certificates"), Map.of(), new byte[0]);

        assertThat(byDecimal.getContentAsString()).isEqualTo(issued.getContentAsString());
        assertThat(json(byHex).get("serialNumber").asText()).isEqualTo(serial.toString());
        JsonNode certificates = json(list).get("certificates");
        assertThat(certificates.findValuesAsText("serialNumber")).contains(serial.toString());
        assertThat(certificates.findValues("certificate")).isEmpty();
        assertThat(certificates.findValuesAsText("type")).contains("auth", "tsa");
        assertError(send(HttpMethod.GET, ca("/ca/certificates/12345"), Map.of(), new byte[0]), 404, "not_found");
        assertError(send(HttpMethod.GET, ca("/ca/certificates/-5"), Map.of(), new byte[0]), 400, "bad_request");
        assertError(send(HttpMethod.GET, ca("/ca/certificates/abc"), Map.of(), new byte[0]), 400, "bad_request");
        assertError(send(HttpMethod.GET, ca("/ca/nothing"), Map.of(), new byte[0]), 404, "not_found");
    }

    @Test
    void ocspSaysGoodThenRevokedRightAfterRevocation() throws Exception {
        X509Certificate cert = Pem.readCertificate(issue("auth", csr("C=DEV, CN=ss-revoke", "auth-revoke"),
                Map.of("Authorization", "X-Road-ApiKey token=" + KEY)).getContentAsString());
        X509Certificate caCert = services.caCertificate();

        OcspResponse good = ocsp(OcspRequests.build(cert, caCert));
        ocspVerifier.verify(good, cert, caCert, NOW);
        String get = URLEncoder.encode(Base64.getEncoder().encodeToString(OcspRequests.build(cert, caCert)),
                StandardCharsets.US_ASCII);
        ContentResponse viaGet = send(HttpMethod.GET, ca("/" + get), Map.of(), new byte[0]);
        assertThat(viaGet.getMediaType()).as(viaGet.getStatus() + " " + viaGet.getContentAsString()).isEqualTo("application/ocsp-response");
        ocspVerifier.verify(OcspResponse.parse(viaGet.getContent()), cert, caCert, NOW);

        assertError(send(HttpMethod.POST, ca("/ca/certificates/" + cert.getSerialNumber() + "/revoke"), Map.of(),
                new byte[0]), 401, "unauthorized");
        ContentResponse revoked = send(HttpMethod.POST, ca("/ca/certificates/" + cert.getSerialNumber() + "/revoke"),
                Map.of("Authorization", "X-Road-ApiKey token=" + KEY, "Content-Type", "application/json"),
                "{\"reason\":\"keyCompromise\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(revoked.getStatus()).isEqualTo(200);
        assertThat(json(revoked).get("status").asText()).isEqualTo("revoked");
        assertThat(json(revoked).get("revocationReason").asText()).isEqualTo("keyCompromise");

        OcspResponse after = ocsp(OcspRequests.build(cert, caCert));
        ocspVerifier.verifyValidity(after, cert, caCert, NOW);
        assertThat(after.status()).isEqualTo(new OcspCertStatus.Revoked(NOW, java.util.Optional.of(1)));

        assertError(send(HttpMethod.POST, ca("/ca/certificates/" + cert.getSerialNumber() + "/revoke?reason=superseded"),
                Map.of("Authorization", "X-Road-ApiKey token=" + KEY), new byte[0]), 409, "conflict");
        assertError(send(HttpMethod.POST, ca("/ca/certificates/777/revoke"), Map.of("Authorization", "X-Road-ApiKey token=" + KEY), new byte[0]),
                404, "not_found");
        assertError(send(HttpMethod.POST, ca("/ca/certificates/" + cert.getSerialNumber() + "/revoke?reason=nope"),
                Map.of("Authorization", "X-Road-ApiKey token=" + KEY), new byte[0]), 400, "bad_request");
    }

    @Test
    void ocspAnswersMalformedRequestsAndOtherMethods() throws Exception {
        ContentResponse malformed = send(HttpMethod.POST, ca("/"), Map.of("Content-Type", "application/ocsp-request"),
                "garbage".getBytes(StandardCharsets.US_ASCII));
        assertThat(malformed.getStatus()).isEqualTo(200);
        assertThat(new OCSPResp(malformed.getContent()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(new OCSPResp(send(HttpMethod.GET, ca("/"), Map.of(), new byte[0]).getContent()).getStatus())
                .isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(send(HttpMethod.PUT, ca("/"), Map.of(), new byte[0]).getStatus()).isEqualTo(405);
    }

    @Test
    void ocspGetAcceptsEveryBase64Character() throws Exception {
        // Paths a GET request's base64 may produce: an encoded or a bare '/', "//", '+' and '='.
        for (String path : List.of("/MAo%2FAB", "/MAo/AB", "/MAo//AB", "/MAo%2BAB", "/MAo+AB", "/MA%3D%3D")) {
            ContentResponse response = send(HttpMethod.GET, ca(path), Map.of(), new byte[0]);
            assertThat(response.getStatus()).as(path).isEqualTo(200);
            assertThat(new OCSPResp(response.getContent()).getStatus()).as(path).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        }
    }

    @Test
    void servesHealthAndMetrics() throws Exception {
        ContentResponse health = send(HttpMethod.GET, ca("/health"), Map.of(), new byte[0]);
        assertThat(health.getStatus()).isEqualTo(200);
        assertThat(json(health).at("/checks/store/status").asText()).isEqualTo("UP");
        send(HttpMethod.POST, services.tsaUrl(), Map.of(), new byte[] {1});
        ContentResponse metrics = send(HttpMethod.GET, ca("/metrics"), Map.of(), new byte[0]);
        assertThat(metrics.getStatus()).isEqualTo(200);
        assertThat(metrics.getContentAsString()).contains("trust-services-ca", "trust-services-tsa");
        assertThat(services.generatedApiKey()).as("the configuration has a key").isEmpty();
    }

    @Test
    void timeStampsVerify() throws Exception {
        TimeStampRequest request = TimeStampRequest.builder().data("log".getBytes(StandardCharsets.UTF_8))
                .randomNonce(new SecureRandom()).build();

        ContentResponse response = send(HttpMethod.POST, services.tsaUrl(),
                Map.of("Content-Type", "application/timestamp-query"), request.encoded());

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMediaType()).isEqualTo("application/timestamp-reply");
        var stamp = new TimeStampVerifier(List.of(services.tsaCertificate())).verifyResponse(response.getContent(),
                request);
        assertThat(stamp.genTime()).isEqualTo(NOW);
        assertThat(CaFixtures.validate(services.tsaCertificate(), services.caCertificate(), NOW)).isNotNull();
        assertThat(send(HttpMethod.GET, services.tsaUrl(), Map.of(), new byte[0]).getStatus()).isEqualTo(405);
    }

    @Test
    void aRestartKeepsKeysCertificatesAndRevocations() throws Exception {
        Path data = dir.resolve("restart");
        var config = TrustServicesConfig.defaults().withDataDir(data).withPorts(0, 0);
        X509Certificate caCert;
        X509Certificate tsaCert;
        String apiKey;
        BigInteger serial;
        try (TrustServices first = TrustServices.create(config, CaFixtures.CLOCK, new SecureRandom())) {
            caCert = first.caCertificate();
            tsaCert = first.tsaCertificate();
            apiKey = first.generatedApiKey().orElseThrow();
            serial = first.ca().issue(csr("C=DEV, CN=ss-restart", "auth-restart"),
                    org.sild.trustservices.ca.CertificateType.AUTH).serialNumber();
            first.ca().revoke(serial, org.sild.trustservices.ca.RevocationReason.SUPERSEDED);
        }
        assertThat(Files.readString(data.resolve(TrustServices.API_KEY_FILE)).strip()).isEqualTo(apiKey);
        assertThat(data.resolve(TrustServices.CA_FILE)).exists();
        assertThat(data.resolve(TrustServices.TSA_FILE)).exists();

        try (TrustServices second = TrustServices.create(config, CaFixtures.CLOCK, new SecureRandom())) {
            assertThat(second.caCertificate()).isEqualTo(caCert);
            assertThat(second.tsaCertificate()).isEqualTo(tsaCert);
            assertThat(second.generatedApiKey()).contains(apiKey);
            assertThat(second.ca().find(serial).orElseThrow().isRevoked()).isTrue();
        }
    }

    private static OcspResponse ocsp(byte[] request) throws Exception {
        ContentResponse response = send(HttpMethod.POST, ca("/"), Map.of("Content-Type", "application/ocsp-request"),
                request);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMediaType()).isEqualTo("application/ocsp-response");
        return OcspResponse.parse(response.getContent());
    }

    private static void assertError(ContentResponse response, int status, String code) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(json(response).at("/error/code").asText()).isEqualTo(code);
    }
}
