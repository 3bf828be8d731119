package org.sild.trustservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.trustservices.ca.CaFixtures.NOW;
import static org.sild.trustservices.ca.CaFixtures.csr;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.pki.OcspCertStatus;
import org.sild.core.pki.OcspRequests;
import org.sild.core.pki.OcspResponse;
import org.sild.core.pki.OcspTrust;
import org.sild.core.pki.OcspVerifier;
import org.sild.core.pki.Pem;
import org.sild.core.pki.TrustedCa;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.store.StoreConfig;
import org.sild.testing.TestDatabase;
import org.sild.testing.TestDatabases;
import org.sild.trustservices.ca.CaFixtures;

/** The assembled services on each database: issue and revoke over HTTP, OCSP follows. */
class TrustServicesStoreTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void issuesAndRevokesOnEitherDatabase(TestDatabases kind) throws Exception {
        try (TestDatabase db = kind.open();
                TrustServices services = TrustServices.create(TrustServicesConfig.defaults().withDataDir(dir)
                        .withPorts(0, 0).withStore(StoreConfig.of(db.url(), db.user(), db.password())),
                        CaFixtures.CLOCK, new SecureRandom());
                var http = HttpClients.builder().name("store-test").build()) {
            var key = services.generatedApiKey().orElseThrow();
            var issued = http.newRequest(services.caUrl().resolve("/ca/certificates?type=auth")).method(HttpMethod.POST)
                    .headers(h -> h.put("Authorization", "Bearer " + key))
                    .body(new org.eclipse.jetty.client.BytesRequestContent("application/pkcs10",
                            csr("C=DEV, CN=ss-db", "auth-db")))
                    .send();
            assertThat(issued.getStatus()).isEqualTo(201);
            X509Certificate cert = Pem.readCertificate(issued.getContentAsString());
            var verifier = new OcspVerifier(OcspTrust.of(List.of(TrustedCa.of(services.caCertificate()))));

            verifier.verify(ocsp(http, services, cert), cert, services.caCertificate(), NOW);
            var revoked = http.newRequest(services.caUrl().resolve("/ca/certificates/" + cert.getSerialNumber()
                    + "/revoke?reason=cessationOfOperation")).method(HttpMethod.POST)
                    .headers(h -> h.put("Authorization", "X-Road-ApiKey token=" + key)).send();
            assertThat(revoked.getStatus()).isEqualTo(200);
            assertThat(ocsp(http, services, cert).status()).isEqualTo(new OcspCertStatus.Revoked(NOW, Optional.of(5)));
            assertThat(services.ca().list()).hasSize(2);
        }
    }

    private static OcspResponse ocsp(org.eclipse.jetty.client.HttpClient http, TrustServices services,
            X509Certificate cert) throws Exception {
        var response = http.newRequest(services.ocspUrl()).method(HttpMethod.POST)
                .body(new org.eclipse.jetty.client.BytesRequestContent("application/ocsp-request",
                        OcspRequests.build(cert, services.caCertificate())))
                .send();
        return OcspResponse.parse(response.getContent());
    }
}
