package org.sild.centralserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.centralserver.Fixtures;
import org.sild.centralserver.registry.RegistryException;
import org.sild.core.globalconf.ConfigurationDirectory;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.DirectoryVerifier;
import org.sild.core.globalconf.MonitoringParameters;
import org.sild.core.id.MemberId;
import org.sild.testing.GlobalConfSchemas;
import org.sild.testing.TestDatabases;

/**
 * The optional {@code MONITORING} part: published in the internal configuration (every version)
 * only while the monitoring client setting is present, as {@code monitoring-params.xml} valid
 * against X-Road's {@code monitoring-conf.xsd}, never in the external configuration.
 */
class MonitoringPartTest {

    /** monitoring-conf.xsd lies beside the versioned globalconf folders in X-Road's tree. */
    private static final String XSD = "../../monitoring-conf.xsd";

    private static ConfigurationDirectory internal(Published p, int version) throws Exception {
        return DirectoryVerifier.of(p.publisher.internalAnchor().orElseThrow())
                .verify(p.get("/internalconf?version=" + version).body(), p.clock.instant());
    }

    @Test
    void theMonitoringClientIsPublishedWhileSetAndValidatesAgainstXRoadsSchema() throws Exception {
        try (var p = new Published(TestDatabases.H2)) {
            assertThat(internal(p, 6).part(ContentPart.MONITORING, "DEV")).isEmpty();

            p.registry.changeSettings(s -> s.withMonitoringClient(Optional.of(Fixtures.PORTAL)));
            assertThat(p.registry.settings().monitoringClient()).contains(Fixtures.PORTAL);
            for (int version = 2; version <= 6; version++) {
                ConfigurationDirectory directory = internal(p, version);
                assertThat(directory.parts()).extracting(c -> c.contentIdentifier().orElseThrow())
                        .contains(ContentPart.MONITORING);
                byte[] xml = PublishingTest.download(p, directory, ContentPart.MONITORING);
                assertThat(directory.part(ContentPart.MONITORING, "DEV").orElseThrow().contentLocation())
                        .endsWith("/monitoring-params.xml");
                GlobalConfSchemas.validate(GlobalConfSchemas.of(XSD, 2), xml);
                assertThat(MonitoringParameters.parse(xml).monitoringClientId()).contains(Fixtures.PORTAL);
            }
            var external = DirectoryVerifier.of(p.publisher.externalAnchor().orElseThrow())
                    .verify(p.get("/externalconf?version=6").body(), p.clock.instant());
            assertThat(external.part(ContentPart.MONITORING, "DEV")).isEmpty();

            p.registry.changeSettings(s -> s.withMonitoringClient(Optional.empty()));
            assertThat(internal(p, 6).part(ContentPart.MONITORING, "DEV")).isEmpty();
        }
    }

    @Test
    void theMonitoringClientMustBeARegisteredMemberOrSubsystem() throws Exception {
        try (var p = new Published(TestDatabases.H2)) {
            assertThatThrownBy(() -> p.registry.changeSettings(s -> s.withMonitoringClient(
                    Optional.of(new MemberId("DEV", "GOV", "99999999")))))
                    .isInstanceOf(RegistryException.class).hasMessageContaining("monitoring client");
            assertThat(p.registry.settings().monitoringClient()).isEmpty();
        }
    }
}
