package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.configurationproxy.ConfigurationProxy;
import org.sild.configurationproxy.ConfigurationProxyConfig;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ConfigurationSource;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.runtime.confsource.InstanceDescription;
import org.sild.runtime.confsource.ServerEntry;
import org.sild.runtime.http.HttpServer;
import org.sild.securityserver.globalconf.AllowedFederations;
import org.sild.securityserver.globalconf.ConfigurationClient;
import org.sild.securityserver.globalconf.HttpConfigurationFetcher;
import org.sild.securityserver.globalconf.UpdateResult;
import org.sild.testing.KeyType;
import org.sild.testing.MutableClock;
import org.sild.testing.SubjectNames;
import org.sild.testing.TestCa;
import org.sild.testing.TestPki;

/**
 * A configuration proxy in front of a central server (a configuration source), seen by the
 * security server's own configuration client: servers anchored to the proxy get a verified
 * configuration, keep it while the central server is away for less than the proxy's validity, and
 * federation partners get the external configuration through the proxy.
 */
class ConfigurationProxyTest {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock FIXED = Clock.fixed(START, ZoneOffset.UTC);
    static final TestPki PKI = TestPki.builder().name("Sild E2E Confproxy").instance("DEV").clock(FIXED).build();
    static final TestCa DEV_INTERNAL = TestCa.root(SubjectNames.commonName("devInternal", "Sild E2E CS"),
            KeyType.RSA_2048, "e2e-confproxy/devInternal", FIXED);
    static final TestCa DEV_EXTERNAL = TestCa.root(SubjectNames.commonName("devExternal", "Sild E2E CS"),
            KeyType.RSA_2048, "e2e-confproxy/devExternal", FIXED);
    static final TestCa FED_INTERNAL = TestCa.root(SubjectNames.commonName("fedInternal", "Sild E2E CS"),
            KeyType.RSA_2048, "e2e-confproxy/fedInternal", FIXED);
    static final MemberId PORTAL = new MemberId("DEV", "GOV", "70000003");
    static final MemberId FED_AGENCY = new MemberId("FED", "GOV", "80000001");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private final HttpConfigurationFetcher fetcher = HttpConfigurationFetcher.create();
    private org.sild.runtime.confsource.ConfigurationSource centralServer;
    private HttpServer centralServerPort;
    private ConfigurationProxy proxy;

    @BeforeEach
    void start() throws Exception {
        centralServer = org.sild.runtime.confsource.ConfigurationSource.builder().address("placeholder:1")
                .description(dev()).signingKey(DEV_INTERNAL.privateKey(), DEV_INTERNAL.certificate())
                .externalSigningKey(DEV_EXTERNAL.privateKey(), DEV_EXTERNAL.certificate()).clock(clock)
                .random(new Random(11)).build();
        centralServerPort = HttpServer.builder().name("e2e-central-server").host("127.0.0.1").port(0)
                .handler(centralServer.handler()).build().start();
        centralServer.changeAddress("127.0.0.1:" + centralServerPort.port());
        Files.write(dir.resolve("dev-internal.xml"), centralServer.anchorXml());
        Files.write(dir.resolve("dev-external.xml"), centralServer.externalAnchor().toXml());
        var config = ConfigurationProxyConfig.defaults().withDataDirectory(dir.resolve("proxy"))
                .withListen(ConfigurationProxyConfig.Listen.ephemeral())
                .withInstances(List.of(
                        ConfigurationProxyConfig.Instance.of("DEV", dir.resolve("dev-internal.xml"), "proxy-pin"),
                        ConfigurationProxyConfig.Instance.of("DEV-external", dir.resolve("dev-external.xml"),
                                "proxy-pin")));
        proxy = ConfigurationProxy.start(config, clock, new SecureRandom());
        assertThat(proxy.update("DEV").updated()).isTrue();
        assertThat(proxy.update("DEV-external").updated()).isTrue();
    }

    @AfterEach
    void stop() {
        proxy.close();
        centralServerPort.close();
        fetcher.close();
    }

    @Test
    void securityServersAnchoredToTheProxyWorkWhileTheCentralServerIsAwayForLessThanTheValidity() throws Exception {
        ConfigurationAnchor proxyAnchor = ConfigurationAnchor.parse(proxy.anchor("DEV").toXml());
        try (var client = ConfigurationClient.builder(dir.resolve("ss1")).anchor(proxyAnchor).fetcher(fetcher)
                .clock(clock).random(new Random(1)).build()) {
            UpdateResult first = client.update();

            assertThat(first.updated()).as(first.problems().toString()).isTrue();
            assertThat(first.version()).contains(6);
            assertThat(first.location()).hasValueSatisfying(u -> assertThat(u.toString())
                    .isEqualTo("http://" + proxy.address() + "/DEV/conf?version=6"));
            var conf = client.current(clock.instant());
            assertThat(conf.instance()).isEqualTo("DEV");
            assertThat(conf.own().securityServer(new SecurityServerId(PORTAL, "ss1"))).isPresent();
            assertThat(conf.own().memberName(PORTAL)).contains("State Portal");

            centralServerPort.close();
            clock.advance(Duration.ofSeconds(300));
            assertThat(proxy.update("DEV").updated()).isFalse();
            UpdateResult whileAway = client.update();

            assertThat(whileAway.updated()).as(whileAway.problems().toString()).isTrue();
            assertThat(client.current(clock.instant()).own().memberName(PORTAL)).contains("State Portal");

            clock.advance(Duration.ofSeconds(301));
            assertThat(client.update().updated()).isFalse();
            assertThatThrownBy(() -> client.current(clock.instant())).isInstanceOf(XRoadException.class)
                    .satisfies(e -> assertThat(((XRoadException) e).code())
                            .isEqualTo(FaultCode.of(ErrorCode.OUTDATED_GLOBAL_CONF)));

            centralServerPort = HttpServer.builder().name("e2e-central-server").host("127.0.0.1")
                    .port(Integer.parseInt(centralServer.address().substring(centralServer.address().indexOf(':') + 1)))
                    .handler(centralServer.handler()).build().start();
            centralServer.regenerate();
            assertThat(proxy.update("DEV").updated()).isTrue();
            assertThat(client.update().updated()).isTrue();
            assertThat(client.current(clock.instant()).instance()).isEqualTo("DEV");
        }
    }

    @Test
    void everyVersionTheProxyServesIsAcceptedByTheSecurityServersClient() {
        ConfigurationAnchor proxyAnchor = proxy.anchor("DEV");
        ConfigurationSource location = proxyAnchor.sources().getFirst();
        for (int version = 2; version <= 6; version++) {
            var pinned = new ConfigurationAnchor(proxyAnchor.generatedAt(), "DEV", List.of(new ConfigurationSource(
                    location.downloadUrl() + "?version=" + version, location.verificationCerts())));
            try (var client = ConfigurationClient.builder(dir.resolve("v" + version)).anchor(pinned).fetcher(fetcher)
                    .clock(clock).build()) {
                UpdateResult result = client.update();

                assertThat(result.updated()).as("version " + version + ": " + result.problems()).isTrue();
                assertThat(result.version()).contains(version);
                assertThat(client.current(clock.instant()).own().memberName(PORTAL)).contains("State Portal");
            }
        }
    }

    @Test
    void aFederatedInstanceGetsTheExternalConfigurationThroughTheProxy() throws Exception {
        var fedSource = org.sild.runtime.confsource.ConfigurationSource.builder().address("placeholder:1")
                .description(fed().toBuilder().federationAnchor(proxy.anchor("DEV-external")).build())
                .signingKey(FED_INTERNAL.privateKey(), FED_INTERNAL.certificate()).clock(clock).random(new Random(12))
                .build();
        try (var fedPort = HttpServer.builder().name("e2e-fed-central-server").host("127.0.0.1").port(0)
                .handler(fedSource.handler()).build().start()) {
            fedSource.changeAddress("127.0.0.1:" + fedPort.port());
            try (var client = ConfigurationClient.builder(dir.resolve("fed-ss")).anchor(fedSource.anchor())
                    .fetcher(fetcher).clock(clock).allowedFederations(AllowedFederations.of("DEV")).build()) {
                UpdateResult result = client.update();

                assertThat(result.updated()).as(result.problems().toString()).isTrue();
                var conf = client.current(clock.instant());
                assertThat(conf.instance()).isEqualTo("FED");
                assertThat(conf.instance("DEV")).hasValueSatisfying(dev -> {
                    assertThat(dev.memberName(PORTAL)).contains("State Portal");
                    assertThat(dev.parameters().sources()).singleElement()
                            .satisfies(s -> assertThat(s.address()).isEqualTo(proxy.address()));
                });
            }
        }
    }

    static InstanceDescription dev() {
        return InstanceDescription.builder("DEV")
                .memberClass("GOV", "Governmental organisations")
                .member(PORTAL, "State Portal", "portal")
                .securityServer(ServerEntry.of(new SecurityServerId(PORTAL, "ss1"), "127.0.0.1",
                        PKI.authCert(SubjectNames.commonName("ss1", "DEV")).certificate(), PORTAL.subsystem("portal")))
                .approvedCa("Sild E2E CA", PKI.root().certificate(), "http://127.0.0.1:8888/ocsp",
                        "ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider")
                .approvedTsa("Sild E2E TSA", "http://127.0.0.1:8899/", PKI.tsa().certificate())
                .managementService("https://127.0.0.1:4001/managementservice/", PORTAL.subsystem("management"))
                .build();
    }

    static InstanceDescription fed() {
        return InstanceDescription.builder("FED")
                .memberClass("GOV", "Governmental organisations")
                .member(FED_AGENCY, "Federated Agency", "demo")
                .approvedCa("Sild E2E CA", PKI.root().certificate(), "http://127.0.0.1:8888/ocsp",
                        "ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider")
                .managementService("https://127.0.0.1:4001/managementservice/", FED_AGENCY.subsystem("management"))
                .build();
    }
}
