package org.sild.configurationproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.configurationproxy.ConfigurationProxyTest.config;
import static org.sild.configurationproxy.ConfigurationProxyTest.get;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.DirectoryVerifier;
import org.sild.core.globalconf.SharedParameters;
import org.sild.testing.MutableClock;

/** Rotating the proxy's signing key, and following the source's rotation of its own. */
class KeyRotationTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private TestSource dev;
    private ConfigurationProxyConfig config;
    private ConfigurationProxy proxy;

    @BeforeEach
    void start() {
        dev = TestSource.start(Fixtures.dev(), Fixtures.DEV_KEY, clock);
        config = config(dir, ConfigurationProxyConfig.Instance.of("DEV", dev.writeAnchor(dir.resolve("anchor.xml")),
                "pin"));
        proxy = ConfigurationProxy.create(config, clock, new SecureRandom());
    }

    @AfterEach
    void stop() {
        proxy.close();
        dev.close();
    }

    @Test
    void aNewKeyIsAnnouncedInTheAnchorAndSharedParametersBeforeItSignsThenTheOldOneIsRemoved() throws Exception {
        SigningKeys keys = ConfigurationProxy.signingKeys(config, "DEV");
        SigningKeyInfo first = keys.list().getFirst();
        ConfigurationAnchor oldAnchor = proxy.anchor("DEV");
        assertThat(oldAnchor.verificationCerts()).containsExactly(first.certificate());

        SigningKeyInfo second = keys.add(SigningKeys.Algorithm.RSA, false, clock, new SecureRandom());
        proxy.update("DEV");

        assertThat(second.active()).isFalse();
        ConfigurationAnchor bothAnchor = proxy.anchor("DEV");
        assertThat(bothAnchor.verificationCerts()).containsExactly(first.certificate(), second.certificate());
        assertThat(signer(oldAnchor)).isEqualTo(first.certificate());
        assertThat(announced()).containsExactly(first.certificate(), second.certificate());

        keys.activate(second.id());
        clock.advance(Duration.ofSeconds(60));
        dev.source.regenerate();
        proxy.update("DEV");

        assertThat(signer(bothAnchor)).isEqualTo(second.certificate());
        // A client still holding the old anchor verifies with the certificates the last shared parameters announced.
        var rotationAware = new DirectoryVerifier(List.of(first.certificate(), second.certificate()));
        assertThat(rotationAware.verify(get(proxy, "/DEV/conf?version=6").body(), clock.instant()).verificationCert())
                .isEqualTo(second.certificate());
        assertThatThrownBy(() -> DirectoryVerifier.of(oldAnchor).verify(get(proxy, "/DEV/conf?version=6").body(),
                clock.instant())).isInstanceOf(XRoadException.class).satisfies(e -> assertThat(
                        ((XRoadException) e).code()).isEqualTo(FaultCode.of(ErrorCode.GLOBAL_CONF_MISSING_VERIFICATION_CERT)));
        assertThat(proxy.anchor("DEV").verificationCerts().getFirst()).isEqualTo(second.certificate());

        keys.remove(first.id());
        proxy.update("DEV");

        assertThat(proxy.anchor("DEV").verificationCerts()).containsExactly(second.certificate());
        assertThat(announced()).containsExactly(second.certificate());
        assertThat(signer(proxy.anchor("DEV"))).isEqualTo(second.certificate());
    }

    @Test
    void anEcKeySignsToo() throws Exception {
        SigningKeys keys = ConfigurationProxy.signingKeys(config, "DEV");
        SigningKeyInfo ec = keys.add(SigningKeys.Algorithm.EC, true, clock, new SecureRandom());

        proxy.update("DEV");

        assertThat(ec.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
        var directory = DirectoryVerifier.of(proxy.anchor("DEV")).verify(get(proxy, "/DEV/conf?version=6").body(),
                clock.instant());
        assertThat(directory.verificationCert()).isEqualTo(ec.certificate());
        assertThat(directory.signatureAlgorithm().isEcdsa()).isTrue();
    }

    @Test
    void theSourcesOwnKeyRotationIsFollowedWithoutANewSourceAnchor() throws Exception {
        assertThat(proxy.update("DEV").updated()).isTrue();
        dev.source.announceSigningKey(Fixtures.DEV_ROTATED_KEY.certificate());
        clock.advance(Duration.ofSeconds(60));
        assertThat(proxy.update("DEV").updated()).isTrue();

        dev.source.useSigningKey(Fixtures.DEV_ROTATED_KEY.privateKey(), Fixtures.DEV_ROTATED_KEY.certificate());
        clock.advance(Duration.ofSeconds(60));
        UpdateResult result = proxy.update("DEV");

        assertThat(result.updated()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(result.versions()).containsExactly(2, 3, 4, 5, 6);
    }

    private X509Certificate signer(ConfigurationAnchor anchor) throws Exception {
        return DirectoryVerifier.of(anchor).verify(get(proxy, "/DEV/conf?version=6").body(), clock.instant())
                .verificationCert();
    }

    /** The proxy certificates the served version 6 shared parameters list. */
    private List<X509Certificate> announced() throws Exception {
        var directory = DirectoryVerifier.of(proxy.anchor("DEV")).verify(get(proxy, "/DEV/conf?version=6").body(),
                clock.instant());
        String location = directory.part(ContentPart.SHARED_PARAMETERS, "DEV").orElseThrow().contentLocation();
        return SharedParameters.parse(get(proxy, location).body(), 6).internalVerificationCerts();
    }
}
