package org.sild.securityserver.confsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ConfigurationDirectory;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.CostType;
import org.sild.core.globalconf.DirectoryVerifier;
import org.sild.core.globalconf.PrivateParameters;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.globalconf.SharedParameters;
import org.sild.runtime.confsource.ConfigurationSource;
import org.sild.runtime.confsource.InstanceDescription;
import org.sild.runtime.http.HttpServer;
import org.sild.securityserver.globalconf.Fixtures;
import org.sild.securityserver.globalconf.HttpConfigurationFetcher;
import org.sild.securityserver.globalconf.TestServer;
import org.sild.testing.GlobalConfSchemas;
import org.sild.testing.MutableClock;

/** The configuration source as a central server: what it publishes, per version, over real HTTP. */
class ConfigurationSourceTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private TestServer server;
    private ConfigurationSource source;

    @BeforeEach
    void start() {
        server = TestServer.open();
        source = Fixtures.source(server.address(), richInstance(), clock).build();
        server.start(source.handler());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesASignedInternalDirectoryForEveryVersionFromTwoToSix() throws Exception {
        var verifier = DirectoryVerifier.of(source.anchor());
        for (int version = 2; version <= 6; version++) {
            var response = get("/internalconf?version=" + version);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");

            ConfigurationDirectory directory = verifier.verify(response.body(), clock.instant());

            assertThat(directory.configurationVersion()).isEqualTo(version);
            assertThat(directory.expireDate()).isEqualTo(Fixtures.START.plus(ConfigurationSource.DEFAULT_VALIDITY));
            assertThat(directory.parts()).extracting(p -> p.contentIdentifier().orElseThrow())
                    .containsExactly(ContentPart.SHARED_PARAMETERS, ContentPart.PRIVATE_PARAMETERS, "MONITORING");
            for (ContentPart part : directory.parts()) {
                assertThat(part.instance()).contains("DEV");
                assertThat(part.contentLocation()).startsWith("/V" + version + "/" + source.generation() + "/");
                var file = get(part.contentLocation());
                assertThat(file.statusCode()).isEqualTo(200);
                part.verify(file.body());
            }
        }
    }

    @Test
    void servesVersionTwoWithoutAParameterAndNotFoundForOthers() throws Exception {
        assertThat(new String(get("/internalconf").body(), StandardCharsets.UTF_8)).contains("Version: 2\r\n");
        assertThat(new String(get("/internalconf?version=x").body(), StandardCharsets.UTF_8)).contains("Version: 2\r\n");
        assertThat(get("/internalconf?version=7").statusCode()).isEqualTo(404);
        assertThat(get("/internalconf?version=1").statusCode()).isEqualTo(404);
        assertThat(get("/externalconf?version=99999").statusCode()).isEqualTo(404);
        assertThat(get("/V6/" + source.generation() + "/nothing.xml").statusCode()).isEqualTo(404);
        assertThat(get("/other").statusCode()).isEqualTo(404);
        var post = HTTP.send(HttpRequest.newBuilder(server.uri("/internalconf")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void theExternalDirectoryHasOnlySharedParametersSignedWithTheExternalKey() throws Exception {
        var body = get("/externalconf?version=6").body();

        ConfigurationDirectory directory = DirectoryVerifier.of(source.externalAnchor()).verify(body, clock.instant());

        assertThat(directory.parts()).singleElement().satisfies(p -> assertThat(p.is(ContentPart.SHARED_PARAMETERS)).isTrue());
        assertThat(directory.verificationCert()).isEqualTo(Fixtures.EXTERNAL_KEY.certificate());
        assertThat(source.externalAnchor().sources().getFirst().downloadUrl())
                .isEqualTo("http://" + server.address() + "/externalconf");
    }

    @Test
    void eachVersionHasTheContentOfItsSchema() throws Exception {
        var authCert = source.description().securityServers().getFirst().authCerts().getFirst();
        for (int version = 2; version <= 6; version++) {
            byte[] sharedXml = source.file("/V" + version + "/" + source.generation() + "/shared-params.xml").orElseThrow();
            byte[] privateXml = source.file("/V" + version + "/" + source.generation() + "/private-params.xml").orElseThrow();
            GlobalConfSchemas.validate(GlobalConfSchemas.of("shared-parameters.xsd", version), sharedXml);
            GlobalConfSchemas.validate(GlobalConfSchemas.of("private-parameters.xsd", version == 2 ? 2 : 3), privateXml);

            SharedParameters shared = SharedParameters.parse(sharedXml, version);
            String text = new String(sharedXml, StandardCharsets.UTF_8);
            var server1 = shared.securityServers().getFirst();
            assertThat(server1.authCertHashes()).containsExactly((version == 2 ? DigestAlgorithm.SHA1
                    : DigestAlgorithm.SHA256).base64Digest(authCert.getEncoded()));
            assertThat(shared.sources()).hasSize(version == 2 ? 0 : 1);
            assertThat(server1.inMaintenanceMode()).isEqualTo(version >= 5);
            assertThat(shared.members().getFirst().subsystems().getFirst().name())
                    .isEqualTo(version >= 5 ? Optional.of("Portal") : Optional.empty());
            assertThat(text.contains("<costType>")).isEqualTo(version >= 6);
            assertThat(text.contains("<acmeServer>")).isEqualTo(version >= 3);
            assertThat(text.contains("signingCertificateProfileId")).isEqualTo(version >= 4);

            PrivateParameters privateParameters = PrivateParameters.parse(privateXml, version == 2 ? 2 : 3);
            assertThat(privateParameters.timeStampingIntervalSeconds()).isEqualTo(60);
            assertThat(privateParameters.managementService().managementRequestServiceProviderId())
                    .isEqualTo(Fixtures.PORTAL.subsystem("management"));
        }
        var v6 = SharedParameters.parse(source.file("/V6/" + source.generation() + "/shared-params.xml").orElseThrow(), 6);
        assertThat(v6.sources().getFirst().address()).isEqualTo(server.address());
        assertThat(v6.internalVerificationCerts()).containsExactly(Fixtures.INTERNAL_KEY.certificate());
        assertThat(v6.externalVerificationCerts()).containsExactly(Fixtures.EXTERNAL_KEY.certificate());
    }

    @Test
    void regeneratesWithANewGenerationAndKeepsThePreviousFilesForClientsMidway() throws Exception {
        String first = source.generation();
        source.regenerate();
        String second = source.generation();
        clock.advance(Duration.ofSeconds(60));
        source.regenerate();
        String third = source.generation();

        assertThat(second).isGreaterThan(first);
        assertThat(third).isEqualTo("20260301100100000000000");
        assertThat(source.expireDate()).isEqualTo(Fixtures.START.plusSeconds(660));
        assertThat(get("/V6/" + second + "/shared-params.xml").statusCode()).isEqualTo(200);
        assertThat(get("/V6/" + first + "/shared-params.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void updatesPublishAtOnceAndTheAnchorParsesAsXRoads() {
        String before = source.generation();
        source.update(d -> d.toBuilder().ocspFreshnessSeconds(1800).build());

        assertThat(source.generation()).isNotEqualTo(before);
        assertThat(new String(source.file("/V6/" + source.generation() + "/shared-params.xml").orElseThrow(),
                StandardCharsets.UTF_8)).contains("<ocspFreshnessSeconds>1800</ocspFreshnessSeconds>");
        assertThatThrownBy(() -> source.update(InstanceDescription.builder("OTHER")
                .managementService("https://x/", Fixtures.PORTAL).build())).isInstanceOf(IllegalArgumentException.class);

        ConfigurationAnchor anchor = ConfigurationAnchor.parse(source.anchorXml());
        assertThat(anchor.instanceIdentifier()).isEqualTo("DEV");
        assertThat(anchor.generatedAt()).contains(Fixtures.START);
        assertThat(anchor.sources()).singleElement().satisfies(s -> {
            assertThat(s.downloadUrl()).isEqualTo("http://" + server.address() + "/internalconf");
            assertThat(s.certificates()).containsExactly(Fixtures.INTERNAL_KEY.certificate());
        });
    }

    @Test
    void aRotatedKeyIsAnnouncedBeforeItSigns() throws Exception {
        source.announceSigningKey(Fixtures.ROTATED_KEY.certificate());
        assertThat(source.anchor().verificationCerts())
                .containsExactly(Fixtures.INTERNAL_KEY.certificate(), Fixtures.ROTATED_KEY.certificate());
        assertThat(DirectoryVerifier.of(source.anchor()).verify(get("/internalconf?version=6").body(), clock.instant())
                .verificationCert()).isEqualTo(Fixtures.INTERNAL_KEY.certificate());

        source.useSigningKey(Fixtures.ROTATED_KEY.privateKey(), Fixtures.ROTATED_KEY.certificate());

        var directory = new DirectoryVerifier(List.of(Fixtures.ROTATED_KEY.certificate()))
                .verify(get("/internalconf?version=6").body(), clock.instant());
        assertThat(directory.verificationCert()).isEqualTo(Fixtures.ROTATED_KEY.certificate());
    }

    @Test
    void aSourceServedOnAPortChosenAtBindTimeMovesThere() {
        var moving = Fixtures.source("placeholder:1", richInstance(), clock).build();
        try (var http = HttpServer.builder().name("confsource-test").host("127.0.0.1").port(0)
                .handler(moving.handler()).build().start(); var fetcher = HttpConfigurationFetcher.create()) {
            moving.changeAddress("127.0.0.1:" + http.port());
            assertThat(moving.anchor().sources().getFirst().downloadUrl())
                    .isEqualTo("http://127.0.0.1:" + http.port() + "/internalconf");
            var shared = SharedParameters.parse(moving.file("/V6/" + moving.generation() + "/shared-params.xml")
                    .orElseThrow(), 6);
            assertThat(shared.sources().getFirst().address()).isEqualTo("127.0.0.1:" + http.port());

            var response = fetcher.get(URI.create(moving.anchor().sources().getFirst().downloadUrl() + "?version=6"),
                    1 << 20);
            assertThat(DirectoryVerifier.of(moving.anchor()).verify(response.body(), clock.instant())
                    .configurationVersion()).isEqualTo(6);
        }
        assertThatThrownBy(() -> moving.changeAddress("http://x/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void startedSourcesRegenerateOnTheirOwn() throws Exception {
        try (var running = Fixtures.source(server.address(), richInstance(), java.time.Clock.systemUTC())
                .regenerationInterval(Duration.ofMillis(20)).build()) {
            String first = running.generation();
            running.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (running.generation().equals(first) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(running.generation()).isNotEqualTo(first);
        }
    }

    private HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The fixture instance with every version-dependent feature in use. */
    private static InstanceDescription richInstance() {
        var dev = Fixtures.dev();
        var ca = dev.approvedCas().getFirst();
        var richCa = new ApprovedCa(ca.name(), Optional.of(false), new ApprovedCa.CaInfo(ca.topCa().cert(),
                List.of(new ApprovedCa.OcspResponder("http://127.0.0.1:8888/ocsp", Optional.empty(),
                        Optional.of(CostType.FREE)))), List.of(), ca.certificateProfileInfo(),
                Optional.of(ApprovedCa.CsrFormat.DER), Optional.of(new ApprovedCa.AcmeServer("https://acme/directory",
                Optional.empty(), Optional.of("auth"), Optional.of("sign"))));
        var tsa = dev.approvedTsas().getFirst();
        var ss1 = dev.securityServers().getFirst();
        return InstanceDescription.builder("DEV").memberClass("GOV", "Governmental organisations")
                .memberClass("COM", "Commercial organisations")
                .member(Fixtures.PORTAL, "State Portal").subsystem(Fixtures.PORTAL.subsystem("portal"), Optional.of("Portal"))
                .member(Fixtures.PHARMACY, "Pharmacy", "pos")
                .securityServer(ss1.withMaintenanceMode(Optional.of(new SecurityServer.MaintenanceMode(Optional.of("upgrade")))))
                .approvedCa(richCa)
                .approvedTsa(new ApprovedTsa(tsa.name(), tsa.url(), tsa.cert(), Optional.of(CostType.PAID)))
                .globalGroup("security-server-owners", "Security server owners", Fixtures.PORTAL)
                .managementService("https://127.0.0.1:4001/managementservice/", Fixtures.PORTAL.subsystem("management"))
                .optionalPart("MONITORING", "monitoring-params.xml", ("<?xml version=\"1.0\"?><conf xmlns:id="
                        + "\"http://x-road.eu/xsd/identifiers\"/>").getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
