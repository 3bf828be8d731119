package org.sild.securityserver.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.securityserver.signer.Faults.assertFault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.CertHashes;
import org.sild.core.signature.MessageParts;
import org.sild.runtime.config.ConfigException;
import org.sild.runtime.config.YamlConfig;
import org.sild.runtime.http.HttpServer;

class SignerComponentsTest {

    @TempDir
    Path dir;

    private SignerTestBed bed;

    @BeforeEach
    void setUp() {
        bed = new SignerTestBed(dir.resolve("bed"));
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    private SignerComponents start(SignerConfig config) {
        return SignerComponents.builder().config(config).dataDirectory(dir.resolve("data")).globalConf(bed.globalConf)
                .httpClient(bed.http).clock(bed.clock).random(new SecureRandom()).start();
    }

    @Test
    void theAssembledSignerSignsAndServesItsOcspResponses() throws Exception {
        SignerConfig config = YamlConfig.parse("""
                pin: "1234"
                max-batch-size: 64
                ocsp-retry-delay: 2s
                """, SignerConfig.class);
        assertThat(config.ocspTimeout()).isEqualTo(Duration.ofSeconds(30));
        try (SignerComponents signer = start(config)) {
            Token token = signer.token();
            TokenKey auth = token.generateKey(KeyPurpose.AUTHENTICATION, Optional.empty(), KeyAlgorithm.EC_P256, "auth");
            var authCert = bed.issue(CertificateRequests.authentication(token, auth.id(), SignerTestBed.SERVER), true);
            TokenKey sign = token.generateKey(KeyPurpose.SIGNING, Optional.of(SignerTestBed.OWNER), KeyAlgorithm.EC_P256,
                    "sign");
            var signCert = bed.issue(CertificateRequests.signing(token, sign.id()), false);
            bed.responder.register(authCert.certificate());
            bed.responder.register(signCert.certificate());
            token.importCertificate(authCert.chain());
            token.importCertificate(signCert.chain());
            signer.ocspResponses().refreshNow();

            MessageParts message = MessageParts.of("<m/>".getBytes(StandardCharsets.UTF_8));
            var signature = eventually(() -> signer.signer().sign(SignerTestBed.OWNER, message));
            bed.verifier().verify(signature, message, SignerTestBed.OWNER, bed.clock.instant());
            assertThat(signer.signer().authOcspResponses()).hasSize(2);
            assertThat(signer.signer().maxBatchSize()).isEqualTo(64);

        }
        assertFault(() -> start(SignerConfig.withPin("4321")), ErrorCode.PIN_INCORRECT);
        assertFault(() -> start(SignerConfig.defaults()), ErrorCode.PIN_INCORRECT).hasMessageContaining("empty");
    }

    @Test
    void theConfigurationIsValidatedAndHidesThePin() {
        assertThat(SignerConfig.withPin("secret").toString()).doesNotContain("secret").contains("****");
        assertThatThrownBy(() -> YamlConfig.parse("max-batch-size: 0", SignerConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max-batch-size");
        assertThatThrownBy(() -> YamlConfig.parse("ocsp-retry-delay: 10ms", SignerConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ocsp-retry-delay");
        assertThatThrownBy(() -> YamlConfig.parse("ocsp-timeout: PT0S", SignerConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ocsp-timeout");
    }

    private static <T> T eventually(java.util.function.Supplier<T> action) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                return action.get();
            } catch (XRoadException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }
}
