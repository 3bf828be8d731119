package org.sild.securityserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ContentMetadata;
import org.sild.core.globalconf.EncodedCertificate;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.testing.MutableClock;
import org.sild.testing.Vectors;

/**
 * The configuration client against X-Road's own central server output: the system-test tree of
 * signed directories (versions 3 to 6) served as X-Road's nginx does, the real anchor, the clock
 * pinned between generation and expiry, and the directories signed with a rotated key.
 */
class GlobalConfDownloadConformanceTest {

    private static final String RESOURCES = "src/security-server/system-test/src/intTest/resources/";
    private static final String PUBLIC = RESOURCES + "nginx-container-files/var/lib/xroad/public";
    private static final String ROTATED = RESOURCES + "files/global_conf_signed_with_rotated_keys";
    private static final String ANCHOR = RESOURCES + "files/trusted-anchor/configuration_anchor_CS_internal.xml";
    private static final HttpConfigurationFetcher HTTP = HttpConfigurationFetcher.create();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2025-11-12T00:00:00Z"));

    @AfterAll
    static void closeFetcher() {
        HTTP.close();
    }

    @Test
    void downloadsAndStoresTheXRoadCentralServerTree() throws Exception {
        var handler = new PublicTreeHandler(vector(PUBLIC));
        try (var server = TestServer.serving(handler); var client = client(server)) {
            UpdateResult result = client.update();

            assertThat(result.updated()).as("%s", result.problems()).isTrue();
            assertThat(result.version()).contains(6);
            assertThat(result.location()).contains(URI.create("http://cs/internalconf?version=6"));
            StoredGlobalConf stored = StoredGlobalConf.load(client.storedTree());
            assertThat(stored.ownInstance()).isEqualTo("DEV");
            assertThat(stored.own().privateParameters()).isPresent();
            assertThat(stored.sharedParameters("DEV")).hasValueSatisfying(p -> {
                assertThat(p.version()).isEqualTo(6);
                assertThat(p.securityServers()).extracting(s -> s.address().orElseThrow()).contains("ss0", "ss1");
            });
            assertThat(Files.readAllBytes(client.storedTree().resolve("DEV/shared-params.xml")))
                    .isEqualTo(Files.readAllBytes(vector(PUBLIC).resolve("V6/20251110170000548026000/shared-params.xml")));
            ContentMetadata metadata = ContentMetadata.parse(Files.readAllBytes(
                    client.storedTree().resolve("DEV/shared-params.xml.metadata")));
            assertThat(metadata.expirationDate()).contains(java.time.Instant.parse("2035-11-11T03:07:40Z"));
            assertThat(client.current(clock.instant()).own().parameters().members()).isNotEmpty();
            Vectors.report("download of the X-Road central server tree", 4);
        }
    }

    @Test
    void negotiatesDownToTheVersionsTheTreeHas() throws Exception {
        int exercised = 0;
        for (int version : new int[] {5, 4, 3}) {
            var hidden = new java.util.HashSet<Integer>();
            for (int v = version + 1; v <= 6; v++) {
                hidden.add(v);
            }
            Path clientDir = dir.resolve("v" + version);
            // These older generations come from other central servers than the anchor's; trust the
            // internal signing certificates their own shared parameters announce.
            try (var server = TestServer.serving(new VersionHidingHandler(new PublicTreeHandler(vector(PUBLIC)),
                    Set.copyOf(hidden), false));
                 var client = ConfigurationClient.builder(clientDir).anchor(anchorOf(version)).fetcher(hostCs(server))
                         .clock(clock).random(new Random(9)).build()) {
                UpdateResult result = client.update();

                assertThat(result.updated()).as("version %d: %s", version, result.problems()).isTrue();
                assertThat(result.version()).contains(version);
                assertThat(client.current(clock.instant()).own().parameters().version()).isEqualTo(version);
                exercised += 3;
            }
        }
        Vectors.report("version negotiation against the X-Road tree (V5, V4, V3)", exercised);
    }

    @Test
    void acceptsDirectoriesSignedWithARotatedKeyAnnouncedInSharedParameters() throws Exception {
        var handler = new PublicTreeHandler(vector(PUBLIC));
        try (var server = TestServer.serving(handler); var client = client(server)) {
            assertThat(client.update().updated()).isTrue();
            handler.root(vector(ROTATED));
            server.clearRequests();

            UpdateResult rotated = client.update();

            assertThat(rotated.updated()).as("%s", rotated.problems()).isTrue();
            assertThat(Files.readAllBytes(client.storedTree().resolve("DEV/shared-params.xml")))
                    .isEqualTo(Files.readAllBytes(vector(ROTATED).resolve("V6/20251110170100462771000/shared-params.xml")));
            // The private parameters did not change, so only the shared parameters were downloaded.
            assertThat(server.requests()).filteredOn(r -> r.startsWith("/V"))
                    .containsExactly("/V6/20251110170100462771000/shared-params.xml");
        }
        try (var server = TestServer.serving(new PublicTreeHandler(vector(ROTATED)));
             var fresh = client(server, dir.resolve("fresh"))) {
            UpdateResult refused = fresh.update();

            assertThat(refused.updated()).isFalse();
            assertThat(refused.problems()).extracting(UpdateResult.Problem::code)
                    .contains(FaultCode.of(ErrorCode.GLOBAL_CONF_MISSING_VERIFICATION_CERT));
        }
        Vectors.report("signing-key rotation (global_conf_signed_with_rotated_keys/V6)", 3);
    }

    private ConfigurationClient client(TestServer server) throws Exception {
        return client(server, dir);
    }

    private ConfigurationClient client(TestServer server, Path clientDir) throws Exception {
        var anchor = ConfigurationAnchor.parse(Files.readAllBytes(vector(ANCHOR)));
        return ConfigurationClient.builder(clientDir).anchor(anchor).fetcher(hostCs(server)).clock(clock)
                .random(new Random(9)).build();
    }

    /**
     * An anchor for {@code http://cs/internalconf} with the instance and internal signing certificates
     * the tree's shared parameters of {@code version} announce (the V3 tree is of instance {@code CS}).
     */
    private static ConfigurationAnchor anchorOf(int version) throws Exception {
        Path versionDir = vector(PUBLIC).resolve("V" + version);
        Path shared;
        try (var entries = Files.list(versionDir)) {
            shared = entries.filter(Files::isDirectory).findFirst().orElseThrow().resolve("shared-params.xml");
        }
        var parameters = SharedParameters.parse(Files.readAllBytes(shared), version);
        var certs = parameters.internalVerificationCerts();
        return new ConfigurationAnchor(java.util.Optional.empty(), parameters.instanceIdentifier(), java.util.List.of(
                new org.sild.core.globalconf.ConfigurationSource("http://cs/internalconf",
                        certs.stream().map(EncodedCertificate::of).toList())));
    }

    /** Resolves the central server's host name {@code cs} to the test server, as the system test's DNS does. */
    private static ConfigurationFetcher hostCs(TestServer server) {
        return (uri, max) -> {
            if (!"cs".equals(uri.getHost())) {
                return HTTP.get(uri, max);
            }
            String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return HTTP.get(URI.create(uri.getScheme() + "://" + server.address() + rest), max);
        };
    }

    static Path vector(String repositoryPath) {
        return Vectors.file(repositoryPath);
    }
}
