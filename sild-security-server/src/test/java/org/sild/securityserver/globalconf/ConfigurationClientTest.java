package org.sild.securityserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ContentMetadata;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.core.id.SecurityServerId;
import org.sild.runtime.confsource.ConfigurationSource;
import org.sild.testing.MutableClock;

class ConfigurationClientTest {

    private static final HttpConfigurationFetcher HTTP = HttpConfigurationFetcher.create();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final List<UpdateResult> reported = new ArrayList<>();
    private TestServer server;
    private ConfigurationSource source;

    @BeforeEach
    void startSource() {
        server = TestServer.open();
        source = Fixtures.source(server.address(), Fixtures.dev(), clock).build();
        server.start(source.handler());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @AfterAll
    static void closeFetcher() {
        HTTP.close();
    }

    private ConfigurationClient.Builder client(ConfigurationFetcher fetcher) {
        return ConfigurationClient.builder(dir).anchor(source.anchor()).fetcher(fetcher).clock(clock)
                .random(new Random(3)).listener(reported::add);
    }

    @Test
    void downloadsVerifiesStoresAndServesTheConfiguration() throws Exception {
        try (var client = client(HTTP).build()) {
            assertThatThrownBy(() -> client.current(clock.instant())).isInstanceOf(XRoadException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo(FaultCode.of(ErrorCode.OUTDATED_GLOBAL_CONF)));

            UpdateResult result = client.update();

            assertThat(result.updated()).isTrue();
            assertThat(result.version()).contains(6);
            assertThat(result.location()).contains(server.uri("/internalconf?version=6"));
            assertThat(result.expireDate()).contains(source.expireDate());
            // The https form of the anchor's http location is tried first and fails against a plain HTTP port.
            assertThat(result.problems()).extracting(UpdateResult.Problem::where)
                    .containsExactly("https://" + server.address() + "/internalconf");
            assertThat(reported).containsExactly(result);

            GlobalConf conf = client.current(clock.instant());
            assertThat(conf.instance()).isEqualTo("DEV");
            assertThat(conf.own().parameters().members()).hasSize(3);
            assertThat(conf.own().parameters().securityServers()).extracting(s -> s.id().serverCode())
                    .containsExactly("ss1", "ss2");
            assertThat(conf.stored().own().privateParameters()).isPresent();

            Path tree = client.storedTree();
            assertThat(Files.readString(tree.resolve("instance-identifier"))).isEqualTo("DEV");
            assertThat(Files.readAllBytes(tree.resolve("DEV/shared-params.xml"))).isEqualTo(
                    source.file("/V6/" + source.generation() + "/shared-params.xml").orElseThrow());
            ContentMetadata metadata = ContentMetadata.parse(Files.readAllBytes(tree.resolve("DEV/shared-params.xml.metadata")));
            assertThat(metadata.configurationVersion()).contains(6);
            assertThat(metadata.expirationDate()).contains(source.expireDate());
            assertThat(metadata.contentIdentifier()).contains(ContentPart.SHARED_PARAMETERS);
            assertThat(metadata.instanceIdentifier()).contains("DEV");
            assertThat(metadata.contentLocation()).contains("/V6/" + source.generation() + "/shared-params.xml");
            assertThat(new String(Files.readAllBytes(tree.resolve("DEV/private-params.xml.metadata")),
                    StandardCharsets.UTF_8)).contains("\"configurationVersion\":\"6\"");
            assertThat(StoredGlobalConf.load(tree).ownInstance()).isEqualTo("DEV");
        }
    }

    @Test
    void downloadsOnlyPartsWhoseHashChanged() {
        try (var client = client(HTTP).build()) {
            client.update();
            clock.advance(Duration.ofSeconds(60));
            source.regenerate();
            server.clearRequests();

            UpdateResult unchanged = client.update();

            assertThat(unchanged.updated()).isTrue();
            assertThat(partRequests()).isEmpty();
            // The last successful location is tried first: no https attempt this time.
            assertThat(server.requests()).containsExactly("/internalconf?version=6");
            assertThat(unchanged.expireDate()).contains(source.expireDate());
            assertThat(client.current(clock.instant()).stored().own().part(ContentPart.SHARED_PARAMETERS)
                    .orElseThrow().metadata().expirationDate()).contains(source.expireDate());

            source.update(d -> d.toBuilder().ocspFreshnessSeconds(1800).build());
            server.clearRequests();
            client.update();

            assertThat(partRequests()).containsExactly("/V6/" + source.generation() + "/shared-params.xml");
            assertThat(client.current(clock.instant()).own().parameters().globalSettings().ocspFreshnessSeconds())
                    .isEqualTo(1800);
        }
    }

    @Test
    void aTamperedDirectorySwitchesNothing() throws Exception {
        try (var first = client(HTTP).build()) {
            assertThat(first.update().updated()).isTrue();
        }
        try (var client = client(tampering(HTTP, "/internalconf", "Version: 6", "Version: 5")).build()) {
            GlobalConf before = client.current(clock.instant());
            Path generation = client.storedTree().toRealPath();
            source.update(d -> d.toBuilder().ocspFreshnessSeconds(1800).build());

            UpdateResult result = client.update();

            assertThat(result.updated()).isFalse();
            assertThat(result.problems()).extracting(UpdateResult.Problem::code)
                    .contains(FaultCode.of(ErrorCode.GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE));
            assertThat(client.current(clock.instant())).isSameAs(before);
            assertThat(client.storedTree().toRealPath()).isEqualTo(generation);
            assertThat(client.lastResult()).contains(result);
            assertThat(reported).last().isEqualTo(result);
        }
    }

    @Test
    void aTamperedPartSwitchesNothing() throws Exception {
        try (var client = client(HTTP).build()) {
            client.update();
        }
        source.update(d -> d.toBuilder().ocspFreshnessSeconds(1800).build());
        try (var client = client(tampering(HTTP, "/shared-params.xml",
                "<ocspFreshnessSeconds>1800", "<ocspFreshnessSeconds>1801")).build()) {
            GlobalConf before = client.current(clock.instant());

            UpdateResult result = client.update();

            assertThat(result.updated()).isFalse();
            assertThat(result.problems()).extracting(UpdateResult.Problem::code)
                    .contains(FaultCode.of(ErrorCode.GLOBAL_CONF_PART_DOWNLOADED_FILE_INTEGRITY_FAILURE));
            assertThat(client.current(clock.instant())).isSameAs(before);
            assertThat(before.own().parameters().globalSettings().ocspFreshnessSeconds()).isEqualTo(3600);
            assertThat(Files.readString(client.storedTree().resolve("DEV/shared-params.xml"))).contains("3600");
        }
    }

    @Test
    void anExpiredConfigurationIsRefusedAndStopsExchanges() {
        try (var client = client(HTTP).build()) {
            client.update();
            clock.advance(ConfigurationSource.DEFAULT_VALIDITY);

            assertThatThrownBy(() -> client.current(clock.instant()))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(FaultCode.of(ErrorCode.OUTDATED_GLOBAL_CONF)));
            UpdateResult result = client.update();
            assertThat(result.updated()).isFalse();
            assertThat(result.problems()).extracting(UpdateResult.Problem::code)
                    .contains(FaultCode.of(ErrorCode.OUTDATED_GLOBAL_CONF));
            assertThat(client.latest()).isPresent();

            source.regenerate();
            assertThat(client.update().updated()).isTrue();
            assertThat(client.current(clock.instant()).instance()).isEqualTo("DEV");
        }
    }

    @Test
    void aFailingSourceKeepsTheLastGoodConfiguration() {
        try (var client = client(HTTP).build()) {
            client.update();
            GlobalConf before = client.current(clock.instant());
            server.close();

            UpdateResult result = client.update();

            assertThat(result.updated()).isFalse();
            assertThat(result.problems()).hasSize(2).allSatisfy(p ->
                    assertThat(p.code()).isEqualTo(FaultCode.of(ErrorCode.IO_ERROR)));
            assertThat(client.current(clock.instant())).isSameAs(before);
        }
    }

    @Test
    void aRestartServesTheStoredConfigurationAtOnce() {
        try (var client = client(HTTP).build()) {
            client.update();
        }
        ConfigurationFetcher offline = (uri, max) -> {
            throw new XRoadException(ErrorCode.IO_ERROR, "offline");
        };
        try (var restarted = client(offline).build()) {
            assertThat(restarted.lastResult()).isEmpty();
            assertThat(restarted.current(clock.instant()).own().parameters().members()).hasSize(3);
            clock.advance(ConfigurationSource.DEFAULT_VALIDITY);
            assertThatThrownBy(() -> restarted.current(clock.instant()))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(FaultCode.of(ErrorCode.OUTDATED_GLOBAL_CONF)));
        }
    }

    @Test
    void anImportedAnchorIsUsedAndKeptForRestarts() {
        try (var client = ConfigurationClient.builder(dir).fetcher(HTTP).clock(clock).build()) {
            UpdateResult none = client.update();
            assertThat(none.updated()).isFalse();
            assertThat(none.problems()).extracting(UpdateResult.Problem::code)
                    .containsExactly(FaultCode.of(ErrorCode.MALFORMED_ANCHOR));
            assertThatThrownBy(() -> client.current(clock.instant())).hasMessageContaining("no configuration anchor");

            assertThatThrownBy(() -> client.importAnchor("<not-an-anchor/>".getBytes(StandardCharsets.UTF_8)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(FaultCode.of(ErrorCode.MALFORMED_ANCHOR)));
            client.importAnchor(source.anchorXml());
            assertThat(client.update().updated()).isTrue();
        }
        try (var restarted = ConfigurationClient.builder(dir).fetcher(HTTP).clock(clock).build()) {
            assertThat(restarted.anchor()).map(a -> a.instanceIdentifier()).contains("DEV");
            assertThat(restarted.current(clock.instant()).instance()).isEqualTo("DEV");
            assertThat(restarted.update().updated()).isTrue();
        }
    }

    @Test
    void aPartThatCannotBeDownloadedFailsTheLocation() {
        var missing = (ConfigurationFetcher) (uri, max) -> {
            var r = HTTP.get(uri, max);
            return uri.getPath().endsWith("private-params.xml") ? new ConfigurationFetcher.Response(404, new byte[0]) : r;
        };
        try (var client = client(missing).build()) {
            UpdateResult result = client.update();

            assertThat(result.updated()).isFalse();
            assertThat(result.problems()).extracting(UpdateResult.Problem::code).contains(FaultCode.of(ErrorCode.IO_ERROR));
            assertThat(client.latest()).isEmpty();
        }
    }

    @Test
    void scheduledRunsUpdateInTheBackground() throws Exception {
        var client = client(HTTP).updateInterval(Duration.ofMillis(50)).build();
        client.start();
        client.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (client.lastResult().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        client.close();
        assertThat(client.lastResult()).hasValueSatisfying(r -> assertThat(r.updated()).isTrue());
        assertThatThrownBy(client::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aServerInMaintenanceModeIsPublishedFromVersionFive() {
        var ss1 = new SecurityServerId(Fixtures.PORTAL, "ss1");
        source.update(d -> d.toBuilder().securityServer(d.securityServer(ss1).orElseThrow()
                .withMaintenanceMode(Optional.of(new SecurityServer.MaintenanceMode(Optional.of("upgrade"))))).build());
        try (var client = client(HTTP).build()) {
            client.update();
            assertThat(client.current(clock.instant()).own().parameters().securityServers().getFirst().inMaintenanceMode())
                    .isTrue();
        }
    }

    private List<String> partRequests() {
        return server.requests().stream().filter(r -> r.startsWith("/V")).toList();
    }

    /** A man in the middle: replaces {@code from} with {@code to} in bodies of URLs whose path ends with {@code pathSuffix}. */
    static ConfigurationFetcher tampering(ConfigurationFetcher real, String pathSuffix, String from, String to) {
        return (uri, max) -> {
            var response = real.get(uri, max);
            if (!uri.getPath().endsWith(pathSuffix) || !response.ok()) {
                return response;
            }
            String body = new String(response.body(), StandardCharsets.ISO_8859_1);
            return new ConfigurationFetcher.Response(response.status(),
                    body.replace(from, to).getBytes(StandardCharsets.ISO_8859_1));
        };
    }

    static FaultCode code(Throwable e) {
        return ((XRoadException) e).code();
    }
}
