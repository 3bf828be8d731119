package org.sild.configurationproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ConfigurationDirectory;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.DirectoryVerifier;
import org.sild.core.globalconf.SharedParameters;
import org.sild.testing.MutableClock;

/** The proxy in front of a real configuration source, over real HTTP: what it serves, per version. */
class ConfigurationProxyTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private TestSource dev;
    private ConfigurationProxyConfig config;
    private ConfigurationProxy proxy;

    @BeforeEach
    void start() {
        dev = TestSource.start(Fixtures.dev(), Fixtures.DEV_KEY, clock);
        config = config(dir, ConfigurationProxyConfig.Instance.of("PROXY1",
                dev.writeAnchor(dir.resolve("dev-anchor.xml")), "pin-1"));
        proxy = ConfigurationProxy.create(config, clock, new SecureRandom());
    }

    @AfterEach
    void stop() {
        proxy.close();
        dev.close();
    }

    static ConfigurationProxyConfig config(Path dir, ConfigurationProxyConfig.Instance... instances) {
        return ConfigurationProxyConfig.defaults().withDataDirectory(dir.resolve("data"))
                .withListen(ConfigurationProxyConfig.Listen.ephemeral()).withInstances(List.of(instances));
    }

    @Test
    void everyVersionIsReSignedAndVerifiesWithTheProxysAnchorWithTheSourcesParts() throws Exception {
        UpdateResult result = proxy.update("PROXY1");

        assertThat(result.updated()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(result.versions()).containsExactly(2, 3, 4, 5, 6);
        assertThat(result.expireDate()).contains(Fixtures.START.plus(ConfigurationProxyConfig.DEFAULT_VALIDITY));
        ConfigurationAnchor anchor = proxy.anchor("PROXY1");
        assertThat(anchor.instanceIdentifier()).isEqualTo("DEV");
        assertThat(anchor.sources()).singleElement().satisfies(s ->
                assertThat(s.downloadUrl()).isEqualTo("http://" + proxy.address() + "/PROXY1/conf"));
        var proxyVerifier = DirectoryVerifier.of(anchor);
        var sourceVerifier = DirectoryVerifier.of(dev.source.anchor());
        for (int version = 2; version <= 6; version++) {
            var response = get(proxy, "/PROXY1/conf?version=" + version);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");

            ConfigurationDirectory mirrored = proxyVerifier.verify(response.body(), clock.instant());
            ConfigurationDirectory original = sourceVerifier.verify(
                    dev.source.directory(version, true).orElseThrow(), clock.instant());

            assertThat(mirrored.configurationVersion()).isEqualTo(version);
            assertThat(mirrored.verificationCert()).isEqualTo(anchor.verificationCerts().getFirst());
            assertThat(mirrored.expireDate()).isEqualTo(result.expireDate().orElseThrow());
            assertThat(summary(mirrored)).isEqualTo(summary(original));
            for (ContentPart part : mirrored.parts()) {
                assertThat(part.contentLocation()).startsWith("/PROXY1/").contains("/V" + version + "/DEV/");
                byte[] file = get(proxy, part.contentLocation()).body();
                part.verify(file);
                ContentPart source = original.parts().stream().filter(p -> p.fileName().equals(part.fileName()))
                        .findFirst().orElseThrow();
                byte[] sourceFile = dev.source.file(source.contentLocation()).orElseThrow();
                if (part.is(ContentPart.SHARED_PARAMETERS) && version >= 3) {
                    assertSameExceptSources(file, sourceFile, version, anchor);
                } else {
                    assertThat(file).isEqualTo(sourceFile);
                }
            }
        }
    }

    @Test
    void servesVersionTwoWithoutAParameterAsNginxDoesAndNotFoundForOthers() throws Exception {
        proxy.update("PROXY1");

        assertThat(text(get(proxy, "/PROXY1/conf"))).contains("Version: 2\r\n");
        assertThat(text(get(proxy, "/PROXY1/conf?version=x"))).contains("Version: 2\r\n");
        assertThat(text(get(proxy, "/PROXY1/conf?a=1&version=5&b=2"))).contains("Version: 5\r\n");
        assertThat(get(proxy, "/PROXY1/conf?version=7").statusCode()).isEqualTo(404);
        assertThat(get(proxy, "/PROXY1/conf?version=1").statusCode()).isEqualTo(404);
        assertThat(get(proxy, "/PROXY1/conf?version=99999999999").statusCode()).isEqualTo(404);
        assertThat(get(proxy, "/PROXY2/conf").statusCode()).isEqualTo(404);
        assertThat(get(proxy, "/PROXY1/123/V6/DEV/shared-params.xml").statusCode()).isEqualTo(404);
        assertThat(get(proxy, "/").statusCode()).isEqualTo(404);
        var post = HTTP.send(HttpRequest.newBuilder(proxy.uri().resolve("/PROXY1/conf"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void clientsMidwayThroughASwitchStillGetTheFilesTheirDirectoryLists() throws Exception {
        proxy.update("PROXY1");
        byte[] before = get(proxy, "/PROXY1/conf?version=6").body();
        String location = DirectoryVerifier.of(proxy.anchor("PROXY1")).verify(before, clock.instant()).parts()
                .getFirst().contentLocation();

        proxy.update("PROXY1");
        assertThat(get(proxy, "/PROXY1/conf?version=6").body()).isNotEqualTo(before);
        assertThat(get(proxy, location).statusCode()).isEqualTo(200);
        proxy.update("PROXY1");
        assertThat(get(proxy, location).statusCode()).isEqualTo(200);
        proxy.update("PROXY1");
        assertThat(get(proxy, location).statusCode()).isEqualTo(404);
    }

    @Test
    void nothingIsServedBeforeTheFirstRun() throws Exception {
        assertThat(get(proxy, "/PROXY1/conf?version=6").statusCode()).isEqualTo(404);
        assertThat(proxy.servedVersions("PROXY1")).isEmpty();
        assertThat(proxy.health().run().up()).isFalse();
    }

    @Test
    void theAnchorIsServedAndNamesTheSourcesInstanceAndTheProxysCertificate() throws Exception {
        var response = get(proxy, "/PROXY1/anchor");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/xml");
        ConfigurationAnchor served = ConfigurationAnchor.parse(response.body());
        assertThat(served.instanceIdentifier()).isEqualTo("DEV");
        assertThat(served.generatedAt()).contains(Fixtures.START);
        assertThat(served.verificationCerts()).containsExactlyElementsOf(
                ConfigurationProxy.signingKeys(config, "PROXY1").certificates());
        assertThat(served.sources().getFirst().downloadUrl()).isEqualTo(proxy.uri().resolve("/PROXY1/conf").toString());
    }

    @Test
    void sharedParametersOfVersionThreeOnNameTheProxyAsTheirSource() throws Exception {
        proxy.update("PROXY1");
        var anchor = proxy.anchor("PROXY1");
        for (int version = 2; version <= 6; version++) {
            var directory = DirectoryVerifier.of(anchor).verify(get(proxy, "/PROXY1/conf?version=" + version).body(),
                    clock.instant());
            String location = directory.part(ContentPart.SHARED_PARAMETERS, "DEV").orElseThrow().contentLocation();
            SharedParameters shared = SharedParameters.parse(get(proxy, location).body(), version);
            if (version == 2) {
                assertThat(shared.sources()).isEmpty();
            } else {
                assertThat(shared.sources()).singleElement().satisfies(s -> {
                    assertThat(s.address()).isEqualTo(proxy.address());
                    assertThat(s.internalVerificationCerts()).extracting(c -> c.certificate().orElseThrow())
                            .containsExactlyElementsOf(anchor.verificationCerts());
                    assertThat(s.externalVerificationCerts()).extracting(c -> c.certificate().orElseThrow())
                            .containsExactlyElementsOf(anchor.verificationCerts());
                });
            }
        }
    }

    @Test
    void aSourceOfferingOnlySomeVersionsIsMirroredInThose() throws Exception {
        dev.offer(v -> v <= 3);

        UpdateResult result = proxy.update("PROXY1");

        assertThat(result.updated()).isTrue();
        assertThat(result.versions()).containsExactly(2, 3);
        assertThat(result.problems()).isEmpty();
        assertThat(get(proxy, "/PROXY1/conf?version=6").statusCode()).isEqualTo(404);
        assertThat(get(proxy, "/PROXY1/conf?version=3").statusCode()).isEqualTo(200);
    }

    @Test
    void theMinimumVersionIsHonoured() {
        proxy.close();
        var fromFour = new ConfigurationProxyConfig(config.dataDirectory(), config.listen(), config.address(), 4,
                config.connectTimeout(), config.readTimeout(), config.instances());
        proxy = ConfigurationProxy.create(fromFour, clock, new SecureRandom());

        assertThat(proxy.update("PROXY1").versions()).containsExactly(4, 5, 6);
    }

    @Test
    void twoInstancesMirrorTwoSourcesEachWithItsOwnKeyAndAnchor() throws Exception {
        proxy.close();
        try (var fed = TestSource.start(Fixtures.fed(), Fixtures.FED_KEY, clock)) {
            proxy = ConfigurationProxy.create(config(dir,
                    ConfigurationProxyConfig.Instance.of("DEV", dir.resolve("dev-anchor.xml"), "pin-dev"),
                    ConfigurationProxyConfig.Instance.of("FED", fed.writeAnchor(dir.resolve("fed-anchor.xml")),
                            "pin-fed")), clock, new SecureRandom());

            assertThat(proxy.update("DEV").updated()).isTrue();
            assertThat(proxy.update("FED").updated()).isTrue();

            ConfigurationAnchor devAnchor = proxy.anchor("DEV");
            ConfigurationAnchor fedAnchor = proxy.anchor("FED");
            assertThat(devAnchor.instanceIdentifier()).isEqualTo("DEV");
            assertThat(fedAnchor.instanceIdentifier()).isEqualTo("FED");
            assertThat(devAnchor.verificationCerts()).doesNotContainAnyElementsOf(fedAnchor.verificationCerts());
            assertThat(proxy.instances()).containsExactly("DEV", "FED");
            for (int version = 2; version <= 6; version++) {
                var devDirectory = DirectoryVerifier.of(devAnchor).verify(
                        get(proxy, "/DEV/conf?version=" + version).body(), clock.instant());
                var fedDirectory = DirectoryVerifier.of(fedAnchor).verify(
                        get(proxy, "/FED/conf?version=" + version).body(), clock.instant());
                assertThat(devDirectory.instances()).containsExactly("DEV");
                assertThat(fedDirectory.instances()).containsExactly("FED");
                String fedShared = fedDirectory.part(ContentPart.SHARED_PARAMETERS, "FED").orElseThrow()
                        .contentLocation();
                assertThat(SharedParameters.parse(get(proxy, fedShared).body(), version).members())
                        .extracting(m -> m.id()).containsExactly(Fixtures.FED_AGENCY);
            }
        }
    }

    @Test
    void healthAndMetricsReportEachInstance() throws Exception {
        proxy.update("PROXY1");

        var report = proxy.health().run();
        assertThat(report.up()).isTrue();
        assertThat(report.checks().get("instance-PROXY1").detail()).hasValueSatisfying(d -> assertThat(d)
                .contains("versions [2, 3, 4, 5, 6] valid until " + Fixtures.START.plusSeconds(600)));
        var health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.adminPort() + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        String metrics = proxy.metrics().scrape();
        assertThat(metrics).contains("sild_confproxy_downloads_total{instance=\"PROXY1\",outcome=\"success\"} 1.0")
                .contains("sild_confproxy_expires_in_seconds{instance=\"PROXY1\"} 600.0")
                .contains("sild_confproxy_last_success_age_seconds{instance=\"PROXY1\"} 0.0")
                .contains("sild_confproxy_served_versions{instance=\"PROXY1\"} 5.0");
    }

    @Test
    void aStartedProxyDownloadsOnItsOwnEveryInterval() throws Exception {
        proxy.close();
        var instance = ConfigurationProxyConfig.Instance.of("PROXY1", dir.resolve("dev-anchor.xml"), "pin-1")
                .withTiming(Duration.ofSeconds(30), Duration.ofMillis(200));
        proxy = ConfigurationProxy.start(config(dir, instance), clock, new SecureRandom());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (proxy.metrics().registry().find("sild.confproxy.downloads").counters().stream()
                .mapToDouble(c -> c.count()).sum() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(proxy.lastResult("PROXY1")).hasValueSatisfying(r -> assertThat(r.updated()).isTrue());
        assertThat(proxy.metrics().registry().find("sild.confproxy.downloads").counter().count())
                .isGreaterThanOrEqualTo(2);
        assertThat(get(proxy, "/PROXY1/conf?version=6").statusCode()).isEqualTo(200);
    }

    /** Content identifiers, instances and file names, in order. */
    static List<String> summary(ConfigurationDirectory directory) {
        return directory.parts().stream().map(p -> p.contentIdentifier().orElseThrow() + "|"
                + p.instance().orElseThrow() + "|" + p.fileName()).toList();
    }

    private static void assertSameExceptSources(byte[] mirrored, byte[] original, int version,
                                                ConfigurationAnchor proxyAnchor) {
        SharedParameters m = SharedParameters.parse(mirrored, version);
        SharedParameters o = SharedParameters.parse(original, version);
        assertThat(withoutSources(m)).isEqualTo(withoutSources(o));
        assertThat(m.internalVerificationCerts()).containsExactlyElementsOf(proxyAnchor.verificationCerts());
    }

    private static SharedParameters withoutSources(SharedParameters p) {
        return new SharedParameters(p.version(), p.instanceIdentifier(), List.of(), p.approvedCas(), p.approvedTsas(),
                p.members(), p.securityServers(), p.globalGroups(), p.globalSettings());
    }

    static HttpResponse<byte[]> get(ConfigurationProxy proxy, String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(proxy.uri().resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
