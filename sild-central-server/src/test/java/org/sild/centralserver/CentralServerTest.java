package org.sild.centralserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.centralserver.registry.SigningKeyRecord.Kind;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.DirectoryVerifier;
import org.sild.testing.TestDatabases;

/** The assembled central server: first start, publishing over its port, a restart that keeps everything. */
class CentralServerTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void startsPublishesAndRestartsWithItsRegistryAndKeys(TestDatabases kind) throws Exception {
        try (var cs = new RunningServer(kind, Clock.systemUTC())) {
            var registry = cs.server.registry();
            assertThat(cs.server.keys().list()).extracting(k -> k.kind()).containsExactlyInAnyOrder(Kind.INTERNAL,
                    Kind.EXTERNAL);
            assertThat(Files.list(cs.data.resolve("keys")).count()).isEqualTo(2);
            assertThat(cs.download("/internalconf").statusCode()).isEqualTo(404);

            Fixtures.populate(registry);
            var anchor = cs.server.publisher().internalAnchor().orElseThrow();
            assertThat(anchor.sources().getFirst().downloadUrl())
                    .isEqualTo("http://127.0.0.1:" + cs.server.configurationPort() + "/internalconf");
            for (int version = 2; version <= 6; version++) {
                assertThat(DirectoryVerifier.of(anchor).verify(cs.download("/internalconf?version=" + version).body(),
                        java.time.Instant.now()).configurationVersion()).isEqualTo(version);
            }
            String keys = cs.server.keys().list().toString();
            var config = CentralServerConfig.of("DEV", cs.data, "test-pin").withPorts(0, 0).withManagementPorts(0, 0)
                    .withStore(org.sild.runtime.store.StoreConfig.of(cs.database.url(), cs.database.user(),
                            cs.database.password()))
                    .with(new CentralServerConfig.SigningKeys("test-pin",
                            org.sild.centralserver.globalconf.KeyAlgorithm.EC, java.nio.file.Path.of("keys")),
                            CentralServerConfig.GlobalConfiguration.defaults());
            cs.server.close();

            try (var again = CentralServer.start(config, Clock.systemUTC(), new SecureRandom())) {
                assertThat(again.keys().list().toString()).isEqualTo(keys);
                assertThat(again.registry().members().list()).hasSize(3);
                assertThat(again.publisher().status().generation()).isPresent();
                assertThat(again.publisher().internalAnchor().orElseThrow().verificationCerts())
                        .isEqualTo(anchor.verificationCerts());
            }
            var otherInstance = new CentralServerConfig("EE", cs.data, Optional.empty(), config.listen(), List.of(),
                    config.store(), config.signingKeys(), config.globalConfiguration(), config.managementServices());
            assertThatThrownBy(() -> CentralServer.start(otherInstance, Clock.systemUTC(), new SecureRandom()))
                    .isInstanceOf(XRoadException.class).hasMessageContaining("registry of instance DEV, not EE");
            var noPin = config.with(new CentralServerConfig.SigningKeys("wrong-pin",
                    org.sild.centralserver.globalconf.KeyAlgorithm.EC, java.nio.file.Path.of("keys")),
                    config.globalConfiguration());
            assertThatThrownBy(() -> CentralServer.start(noPin, Clock.systemUTC(), new SecureRandom()))
                    .isInstanceOf(XRoadException.class).hasMessageContaining(CentralServer.TLS_KEY_FILE);
            Files.delete(cs.data.resolve(CentralServer.TLS_KEY_FILE));
            try (var locked = CentralServer.start(noPin, Clock.systemUTC(), new SecureRandom())) {
                assertThat(locked.publisher().status().problem()).hasValueSatisfying(p ->
                        assertThat(p).contains("cannot read configuration signing key"));
                assertThat(locked.publisher().status().generation()).isEmpty();
            }
        }
    }
}
