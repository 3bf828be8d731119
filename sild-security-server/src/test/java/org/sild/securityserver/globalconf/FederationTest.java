package org.sild.securityserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.globalconf.ContentMetadata;
import org.sild.core.id.MemberId;
import org.sild.runtime.confsource.ConfigurationSource;
import org.sild.runtime.confsource.InstanceDescription;
import org.sild.testing.MutableClock;
import org.sild.testing.TestCa;

/** Shared parameters of federated instances: downloaded only when the gate allows, kept when the partner fails. */
class FederationTest {

    private static final HttpConfigurationFetcher HTTP = HttpConfigurationFetcher.create();
    private static final TestCa PARTNER_KEY = Fixtures.signingKey("partnerSigningKey");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private TestServer devServer;
    private TestServer partnerServer;
    private ConfigurationSource dev;
    private ConfigurationSource partner;

    @BeforeEach
    void startSources() {
        partnerServer = TestServer.open();
        partner = ConfigurationSource.builder().address(partnerServer.address()).description(partnerInstance())
                .signingKey(PARTNER_KEY.privateKey(), PARTNER_KEY.certificate()).clock(clock).random(new Random(1))
                .build();
        partnerServer.start(partner.handler());
        devServer = TestServer.open();
        dev = Fixtures.source(devServer.address(),
                Fixtures.dev().toBuilder().federationAnchor(partner.externalAnchor()).build(), clock).build();
        devServer.start(dev.handler());
    }

    @AfterEach
    void stop() {
        devServer.close();
        partnerServer.close();
    }

    @AfterAll
    static void closeFetcher() {
        HTTP.close();
    }

    private ConfigurationClient client(AllowedFederations allowed) {
        return ConfigurationClient.builder(dir).anchor(dev.anchor()).fetcher(HTTP).clock(clock).random(new Random(2))
                .allowedFederations(allowed).build();
    }

    @Test
    void withoutPermissionNoFederatedInstanceIsDownloaded() {
        try (var client = client(AllowedFederations.NONE)) {
            assertThat(client.update().updated()).isTrue();

            assertThat(Files.exists(client.storedTree().resolve("PARTNER"))).isFalse();
            assertThat(client.current(clock.instant()).instance("PARTNER")).isEmpty();
            assertThat(partnerServer.requests()).isEmpty();
        }
        try (var client = client(AllowedFederations.of("OTHER"))) {
            client.update();
            assertThat(partnerServer.requests()).isEmpty();
        }
    }

    @Test
    void anAllowedPartnersSharedParametersAreStoredUnderItsInstance() throws Exception {
        try (var client = client(AllowedFederations.parse("other, partner"))) {
            UpdateResult result = client.update();

            assertThat(result.updated()).isTrue();
            assertThat(result.problems()).extracting(UpdateResult.Problem::where)
                    .allMatch(where -> where.startsWith("https://"));
            Path partnerDir = client.storedTree().resolve("PARTNER");
            try (var files = Files.list(partnerDir)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .containsExactlyInAnyOrder("shared-params.xml", "shared-params.xml.metadata");
            }
            ContentMetadata metadata = ContentMetadata.parse(Files.readAllBytes(partnerDir.resolve("shared-params.xml.metadata")));
            assertThat(metadata.instanceIdentifier()).contains("PARTNER");
            assertThat(metadata.configurationVersion()).contains(6);
            GlobalConf conf = client.current(clock.instant());
            assertThat(conf.instance("PARTNER")).hasValueSatisfying(p ->
                    assertThat(p.parameters().members()).extracting(m -> m.id().memberCode()).containsExactly("999"));
            assertThat(conf.stored().instance("PARTNER").orElseThrow().privateParameters()).isEmpty();
            assertThat(conf.instances()).extracting(i -> i.parameters().instanceIdentifier())
                    .containsExactly("DEV", "PARTNER");
            assertThat(partnerServer.requests()).contains("/externalconf?version=6");
        }
    }

    @Test
    void aFailingPartnerKeepsItsStoredParametersAndDoesNotStopTheUpdate() {
        try (var client = client(AllowedFederations.ALL)) {
            client.update();
            String partnerAddress = partnerServer.address();
            partnerServer.close();

            UpdateResult result = client.update();

            assertThat(result.updated()).isTrue();
            assertThat(result.problems()).anySatisfy(p -> {
                assertThat(p.where()).contains(partnerAddress);
                assertThat(p.code()).isEqualTo(FaultCode.of(ErrorCode.IO_ERROR));
            });
            assertThat(Files.exists(client.storedTree().resolve("PARTNER/shared-params.xml"))).isTrue();
            assertThat(client.current(clock.instant()).instance("PARTNER")).isPresent();
        }
    }

    @Test
    void aPartnerNoLongerAllowedOrListedIsRemoved() {
        try (var client = client(AllowedFederations.ALL)) {
            client.update();
        }
        try (var client = client(AllowedFederations.NONE)) {
            assertThat(client.current(clock.instant()).instance("PARTNER")).isPresent();
            client.update();
            assertThat(Files.exists(client.storedTree().resolve("PARTNER"))).isFalse();
        }
        try (var client = client(AllowedFederations.ALL)) {
            client.update();
            assertThat(client.current(clock.instant()).instance("PARTNER")).isPresent();
            dev.update(Fixtures.dev());
            client.update();
            assertThat(client.current(clock.instant()).instance("PARTNER")).isEmpty();
        }
    }

    private static InstanceDescription partnerInstance() {
        var member = new MemberId("PARTNER", "COM", "999");
        return InstanceDescription.builder("PARTNER").memberClass("COM", "Companies").member(member, "Partner Ltd")
                .managementService("https://partner.example:4001/managementservice/", member.subsystem("MANAGEMENT"))
                .build();
    }
}
