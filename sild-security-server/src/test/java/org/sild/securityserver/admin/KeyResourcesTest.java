package org.sild.securityserver.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.pki.CertificationRequest;
import org.sild.core.pki.Pem;
import org.sild.securityserver.admin.AdminHttp.Answer;
import org.sild.securityserver.serverconf.ServerConfStore;
import org.sild.testing.IssuedCert;
import org.sild.testing.TestPki;

/**
 * The token's keys through the admin API, as an operator joins an instance: generate keys, make
 * certification requests, have a CA issue certificates from them, import those.
 */
class KeyResourcesTest {

    private static final TestPki PKI = TestPki.create();

    @TempDir
    Path dir;

    private AdminServer admin;
    private AdminHttp http;

    @BeforeEach
    void start() {
        admin = AdminServer.start(dir, (db, token) -> new AdminApi(new ServerConfStore(db.store(), Clock.systemUTC()),
                token));
        http = admin.http();
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void authenticationKeyFromGenerationToImportedCertificate() {
        JsonNode key = http.post("/api/v1/keys", "{\"purpose\": \"AUTHENTICATION\"}").json();
        String id = key.get("id").asText();
        assertThat(key.get("purpose").asText()).isEqualTo("AUTHENTICATION");
        assertThat(key.has("certificate") && !key.get("certificate").isNull()).isFalse();

        Answer withoutIdentity = http.post("/api/v1/keys/" + id + "/csr", "{}");
        assertThat(withoutIdentity.status()).isEqualTo(409);
        assertThat(withoutIdentity.body()).contains("identity");

        http.put("/api/v1/identity", "{\"owner\": \"DEV/GOV/70000001\", \"serverCode\": \"ss2\"}");
        JsonNode csr = http.post("/api/v1/keys/" + id + "/csr", "{}").json();
        var request = CertificationRequest.parse(Pem.readCertificationRequest(csr.get("pem").asText()));
        assertThat(request.subject().getName()).isEqualTo("C=DEV,CN=ss2");
        assertThat(csr.get("subject").asText()).isEqualTo("C=DEV,CN=ss2");

        IssuedCert issued = PKI.issue(PKI.authSpec(request.subject()).keyPair(new KeyPair(request.publicKey(), null))
                .build());
        Answer imported = http.post("/api/v1/certificates", json("certificate", Pem.writeCertificates(issued.chain())));

        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().get("id").asText()).isEqualTo(id);
        assertThat(imported.json().get("certificate").get("subject").asText()).isEqualTo("C=DEV,CN=ss2");
        assertThat(http.get("/api/v1/keys/" + id).json().get("chainLength").asInt()).isEqualTo(issued.chain().size());
        assertThat(admin.token().key(id).orElseThrow().certificate()).contains(issued.certificate());

        assertThat(http.post("/api/v1/keys", "{\"purpose\": \"AUTHENTICATION\"}").status())
                .as("one authentication key per server").isEqualTo(409);
    }

    @Test
    void signingKeyOfAMemberWithTheDefaultProfileOrAnotherSubject() {
        Answer created = http.post("/api/v1/keys", """
                {"purpose": "SIGNING", "member": "DEV/GOV/70000001", "algorithm": "EC_P256"}""");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("member").asText()).isEqualTo("DEV/GOV/70000001");
        assertThat(created.json().get("algorithm").asText()).isEqualTo("EC");

        JsonNode csr = http.post("/api/v1/keys/" + id + "/csr", "{}").json();
        assertThat(csr.get("subject").asText()).isEqualTo("C=DEV,O=GOV,CN=70000001");
        JsonNode custom = http.post("/api/v1/keys/" + id + "/csr",
                "{\"subject\": \"C=DEV, O=Population Register, serialNumber=70000001\"}").json();
        assertThat(custom.get("subject").asText()).contains("O=Population Register");

        assertThat(http.get("/api/v1/keys").json()).hasSize(1);
        assertThat(http.delete("/api/v1/keys/" + id).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/keys").json()).isEmpty();
    }

    @Test
    void refusals() {
        assertThat(http.post("/api/v1/keys", "{\"purpose\": \"SIGNING\"}").field()).isEqualTo("member");
        assertThat(http.post("/api/v1/keys", "{\"purpose\": \"SIGNING\", \"member\": \"DEV/GOV/1/sub\"}").field())
                .isEqualTo("member");
        assertThat(http.post("/api/v1/keys", "{\"purpose\": \"AUTHENTICATION\", \"member\": \"DEV/GOV/1\"}").field())
                .isEqualTo("member");
        assertThat(http.post("/api/v1/keys", "{\"purpose\": \"OTHER\"}").field()).isEqualTo("purpose");
        assertThat(http.post("/api/v1/keys", "{\"purpose\": \"SIGNING\", \"member\": \"DEV/GOV/1\", \"algorithm\": \"DSA\"}")
                .field()).isEqualTo("algorithm");
        assertThat(http.get("/api/v1/keys/nope").status()).isEqualTo(404);
        assertThat(http.post("/api/v1/keys/nope/csr", "{}").status()).isEqualTo(404);

        String id = http.post("/api/v1/keys", "{\"purpose\": \"SIGNING\", \"member\": \"DEV/GOV/1\"}").json()
                .get("id").asText();
        assertThat(http.post("/api/v1/keys/" + id + "/csr", "{\"subject\": \"not a name\"}").field())
                .isEqualTo("subject");
        assertThat(http.post("/api/v1/certificates", json("certificate", "garbage")).field()).isEqualTo("certificate");
        IssuedCert stranger = PKI.signingCert("GOV", "1");
        Answer unknownKey = http.post("/api/v1/certificates", json("certificate", Pem.writeCertificate(stranger.certificate())));
        assertThat(unknownKey.status()).as("a certificate for a key the token does not have").isEqualTo(404);
    }

    private static String json(String field, String value) {
        return "{\"" + field + "\": \"" + value.replace("\n", "\\n") + "\"}";
    }
}
