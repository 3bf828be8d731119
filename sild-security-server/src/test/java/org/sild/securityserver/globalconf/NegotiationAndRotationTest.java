package org.sild.securityserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.globalconf.ContentMetadata;
import org.sild.core.globalconf.SharedParameters;
import org.sild.runtime.confsource.ConfigurationSource;
import org.sild.testing.MutableClock;

/** Version negotiation against older sources, and signing-key rotation without a new anchor. */
class NegotiationAndRotationTest {

    private static final HttpConfigurationFetcher HTTP = HttpConfigurationFetcher.create();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private TestServer server;
    private ConfigurationSource source;

    @BeforeEach
    void startSource() {
        server = TestServer.open();
        source = Fixtures.source(server.address(), Fixtures.dev(), clock).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @AfterAll
    static void closeFetcher() {
        HTTP.close();
    }

    private ConfigurationClient client() {
        return ConfigurationClient.builder(dir).anchor(source.anchor()).fetcher(HTTP).clock(clock).random(new Random(5))
                .build();
    }

    @Test
    void probesFromSixDownAndTakesTheFirstVersionThatIsNotMissing() throws Exception {
        server.start(new VersionHidingHandler(source.handler(), Set.of(6, 5), false));
        try (var client = client()) {
            client.update();
            server.clearRequests();

            UpdateResult result = client.update();

            assertThat(result.version()).contains(4);
            assertThat(result.location()).contains(server.uri("/internalconf?version=4"));
            assertThat(server.requests()).containsExactly("/internalconf?version=6", "/internalconf?version=5",
                    "/internalconf?version=4");
            assertThat(metadata(client, "shared-params.xml").configurationVersion()).contains(4);
            assertThat(client.current(clock.instant()).own().parameters().version()).isEqualTo(4);
        }
    }

    @Test
    void versionTwoIsRequestedWithoutAParameter() throws Exception {
        server.start(new VersionHidingHandler(source.handler(), Set.of(6, 5, 4, 3), false));
        try (var client = client()) {
            UpdateResult result = client.update();

            assertThat(result.version()).contains(2);
            assertThat(result.location()).contains(server.uri("/internalconf"));
            SharedParameters shared = client.current(clock.instant()).own().parameters();
            assertThat(shared.version()).isEqualTo(2);
            assertThat(shared.sources()).isEmpty();
            // Version 2 publishes SHA-1 hashes of authentication certificates.
            assertThat(shared.securityServers().getFirst().authCertHashes()).containsExactly(DigestAlgorithm.SHA1
                    .base64Digest(source.description().securityServers().getFirst().authCerts().getFirst().getEncoded()));
            assertThat(metadata(client, "private-params.xml").configurationVersion()).contains(2);
        }
    }

    @Test
    void aSourceWithoutAnySupportedVersionFails() {
        server.start(new VersionHidingHandler(source.handler(), Set.of(6, 5, 4, 3), true));
        try (var client = client()) {
            UpdateResult result = client.update();

            assertThat(result.updated()).isFalse();
            assertThat(result.problems()).last().satisfies(p -> {
                assertThat(p.code()).isEqualTo(FaultCode.of(ErrorCode.IO_ERROR));
                assertThat(p.message()).contains("offers none of the configuration versions 2 to 6");
            });
        }
    }

    @Test
    void anExplicitVersionInTheAnchorUrlIsKept() {
        server.start(source.handler());
        var anchor = new org.sild.core.globalconf.ConfigurationAnchor(java.util.Optional.empty(), "DEV",
                java.util.List.of(new org.sild.core.globalconf.ConfigurationSource(
                        "http://" + server.address() + "/internalconf?version=3",
                        source.anchor().sources().getFirst().verificationCerts())));
        try (var client = ConfigurationClient.builder(dir).anchor(anchor).fetcher(HTTP).clock(clock).build()) {
            UpdateResult result = client.update();

            assertThat(result.version()).contains(3);
            assertThat(server.requests()).doesNotContain("/internalconf?version=6");
        }
    }

    @Test
    void theSigningKeyRotatesThroughTheSourcesOfSharedParameters() {
        server.start(source.handler());
        try (var client = client()) {
            assertThat(client.update().updated()).isTrue();

            source.announceSigningKey(Fixtures.ROTATED_KEY.certificate());
            assertThat(client.update().updated()).isTrue();
            assertThat(client.current(clock.instant()).own().parameters().internalVerificationCerts())
                    .contains(Fixtures.ROTATED_KEY.certificate());

            source.useSigningKey(Fixtures.ROTATED_KEY.privateKey(), Fixtures.ROTATED_KEY.certificate());
            UpdateResult rotated = client.update();

            assertThat(rotated.updated()).isTrue();
            assertThat(client.current(clock.instant()).stored().own().part("SHARED-PARAMETERS").orElseThrow()
                    .metadata().expirationDate()).contains(source.expireDate());
        }
    }

    @Test
    void aClientThatNeverSawTheNewKeyRefusesItsSignature() {
        server.start(source.handler());
        var oldAnchor = source.anchor();
        source.useSigningKey(Fixtures.ROTATED_KEY.privateKey(), Fixtures.ROTATED_KEY.certificate());
        try (var client = ConfigurationClient.builder(dir).anchor(oldAnchor).fetcher(HTTP).clock(clock).build()) {
            UpdateResult result = client.update();

            assertThat(result.updated()).isFalse();
            assertThat(result.problems()).extracting(UpdateResult.Problem::code)
                    .contains(FaultCode.of(ErrorCode.GLOBAL_CONF_MISSING_VERIFICATION_CERT));
        }
    }

    private static ContentMetadata metadata(ConfigurationClient client, String file) throws Exception {
        return ContentMetadata.parse(Files.readAllBytes(client.storedTree().resolve("DEV").resolve(file + ".metadata")));
    }
}
