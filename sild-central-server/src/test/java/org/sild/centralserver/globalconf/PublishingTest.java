package org.sild.centralserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.centralserver.Fixtures;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ConfigurationDirectory;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.DirectoryVerifier;
import org.sild.core.globalconf.PrivateParameters;
import org.sild.core.globalconf.SharedParameters;
import org.sild.testing.GlobalConfSchemas;
import org.sild.testing.MutableClock;
import org.sild.testing.TestDatabases;

/** The registry published as signed global configuration over HTTP, every version, and kept current. */
class PublishingTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void everyVersionVerifiesWithTheAnchorParsesAndValidatesAgainstXRoadsSchemas(TestDatabases kind) throws Exception {
        try (var p = new Published(kind)) {
            ConfigurationAnchor anchor = p.publisher.internalAnchor().orElseThrow();
            assertThat(anchor.sources().getFirst().downloadUrl())
                    .isEqualTo("http://127.0.0.1:" + p.http.port() + "/internalconf");
            var verifier = DirectoryVerifier.of(anchor);
            byte[] authCert = p.registry.servers().get(Fixtures.SS1).orElseThrow().authCerts().getFirst().getEncoded();
            for (int version = 2; version <= 6; version++) {
                var response = p.get("/internalconf?version=" + version);
                assertThat(response.statusCode()).isEqualTo(200);
                ConfigurationDirectory directory = verifier.verify(response.body(), p.clock.instant());
                assertThat(directory.configurationVersion()).isEqualTo(version);
                assertThat(directory.expireDate()).isEqualTo(Fixtures.START.plusSeconds(600));
                assertThat(directory.parts()).extracting(c -> c.contentIdentifier().orElseThrow())
                        .containsExactly(ContentPart.SHARED_PARAMETERS, ContentPart.PRIVATE_PARAMETERS);
                byte[] shared = download(p, directory, ContentPart.SHARED_PARAMETERS);
                byte[] privateXml = download(p, directory, ContentPart.PRIVATE_PARAMETERS);

                GlobalConfSchemas.validate(GlobalConfSchemas.of("shared-parameters.xsd", version), shared);
                GlobalConfSchemas.validate(GlobalConfSchemas.of("private-parameters.xsd", version == 2 ? 2 : 3), privateXml);
                SharedParameters parameters = SharedParameters.parse(shared, version);
                assertThat(parameters.instanceIdentifier()).isEqualTo("DEV");
                assertThat(parameters.members()).extracting(m -> m.id())
                        .containsExactly(Fixtures.PHARMACY, Fixtures.REGISTRY, Fixtures.PORTAL);
                int v = version;
                assertThat(parameters.securityServers()).singleElement().satisfies(s -> {
                    assertThat(s.id()).isEqualTo(Fixtures.SS1);
                    assertThat(s.address()).contains("ss1.example.org");
                    assertThat(s.clients()).containsExactly(Fixtures.REGISTRY.subsystem("registry"));
                    assertThat(s.authCertHashes()).containsExactly((v == 2 ? DigestAlgorithm.SHA1
                            : DigestAlgorithm.SHA256).base64Digest(authCert));
                });
                assertThat(parameters.approvedCas()).singleElement()
                        .satisfies(ca -> assertThat(ca.certificateProfileInfo()).isEqualTo(Fixtures.EJBCA));
                assertThat(parameters.approvedTsas()).hasSize(1);
                assertThat(parameters.globalGroups()).extracting(g -> g.id().groupCode())
                        .containsExactly("security-server-owners");
                assertThat(parameters.sources()).hasSize(version == 2 ? 0 : 1);
                PrivateParameters priv = PrivateParameters.parse(privateXml, version == 2 ? 2 : 3);
                assertThat(priv.managementService().managementRequestServiceProviderId()).isEqualTo(Fixtures.MANAGEMENT);
                assertThat(priv.federationAnchors()).extracting(ConfigurationAnchor::instanceIdentifier)
                        .containsExactly("FED");
            }
        }
    }

    @Test
    void theExternalConfigurationHasSharedParametersSignedWithTheExternalKey() throws Exception {
        try (var p = new Published(TestDatabases.H2)) {
            ConfigurationAnchor external = p.publisher.externalAnchor().orElseThrow();
            for (int version = 2; version <= 6; version++) {
                var directory = DirectoryVerifier.of(external).verify(p.get("/externalconf?version=" + version).body(),
                        p.clock.instant());
                assertThat(directory.parts()).singleElement()
                        .satisfies(c -> assertThat(c.is(ContentPart.SHARED_PARAMETERS)).isTrue());
                assertThat(directory.verificationCert()).isEqualTo(p.keys.list().stream()
                        .filter(k -> k.kind() == org.sild.centralserver.registry.SigningKeyRecord.Kind.EXTERNAL)
                        .findFirst().orElseThrow().cert());
            }
            assertThat(external.sources().getFirst().downloadUrl()).endsWith("/externalconf");
            assertThat(p.get("/internalconf?version=7").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aRegistryChangeIsPublishedAtOnceAndTheIntervalKeepsItFresh() throws Exception {
        try (var p = new Published(TestDatabases.H2)) {
            String before = p.publisher.status().generation().orElseThrow();

            p.registry.members().add(new org.sild.core.id.MemberId("DEV", "COM", "80000002"), "Bakery");

            String after = p.publisher.status().generation().orElseThrow();
            assertThat(after).isNotEqualTo(before);
            var directory = DirectoryVerifier.of(p.publisher.internalAnchor().orElseThrow())
                    .verify(p.get("/internalconf?version=6").body(), p.clock.instant());
            assertThat(new String(download(p, directory, ContentPart.SHARED_PARAMETERS), StandardCharsets.UTF_8))
                    .contains("<name>Bakery</name>");
            assertThat(p.get("/V6/" + before + "/shared-params.xml").statusCode()).isEqualTo(200);

            p.clock.advance(Duration.ofSeconds(500));
            p.publisher.publish();
            assertThat(p.publisher.status().expireDate()).contains(Fixtures.START.plusSeconds(1100));
            p.registry.changeSettings(s -> s.withConfigurationValiditySeconds(1200));
            assertThat(p.publisher.status().expireDate()).contains(Fixtures.START.plusSeconds(1700));
            assertThat(p.publisher.status().valid(p.clock.instant())).isTrue();
            assertThat(p.publisher.status().valid(Fixtures.START.plusSeconds(1700))).isFalse();
        }
    }

    @Test
    void aStartedPublisherRegeneratesOnItsOwn() throws Exception {
        try (var p = new Published(TestDatabases.H2); var running = new ConfigurationPublisher(p.registry, p.keys,
                "127.0.0.1:1", Duration.ofMillis(20), p.clock, new java.security.SecureRandom())) {
            String first = running.status().generation().orElseThrow();
            running.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (running.status().generation().orElseThrow().equals(first) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(running.status().generation().orElseThrow()).isNotEqualTo(first);
        }
    }

    @Test
    void nothingIsServedUntilTheManagementServicesAreSet(@TempDir Path dir)
            throws Exception {
        try (var db = Fixtures.open(TestDatabases.H2, new MutableClock(Fixtures.START))) {
            var keys = new ConfigurationKeys(db.registry(), dir, "pin".toCharArray(), KeyAlgorithm.EC,
                    Clock.systemUTC(), new SecureRandom());
            keys.ensureActiveKeys();
            var publisher = new ConfigurationPublisher(db.registry(), keys, "127.0.0.1:1", Duration.ofSeconds(60),
                    Clock.systemUTC(), new SecureRandom());
            assertThat(publisher.status().generation()).isEmpty();
            assertThat(publisher.status().problem()).hasValueSatisfying(m -> assertThat(m)
                    .contains("management service provider is not set"));
            assertThat(publisher.internalAnchor()).isEmpty();

            Fixtures.populate(db.registry());
            publisher.publish();
            assertThat(publisher.status().problem()).isEmpty();
            assertThat(publisher.status().generation()).isPresent();
            assertThat(keys.list()).hasSize(2);
        }
    }

    static byte[] download(Published p, ConfigurationDirectory directory, String id) throws Exception {
        ContentPart part = directory.part(id, "DEV").orElseThrow();
        var response = p.get(part.contentLocation());
        assertThat(response.statusCode()).isEqualTo(200);
        part.verify(response.body());
        return response.body();
    }
}
