package org.sild.centralserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sild.centralserver.registry.RegistryException;
import org.sild.centralserver.registry.SigningKeyRecord;
import org.sild.centralserver.registry.SigningKeyRecord.Kind;
import org.sild.centralserver.registry.SigningKeyRecord.State;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ConfigurationDirectory;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.DirectoryVerifier;
import org.sild.core.globalconf.SharedParameters;
import org.sild.testing.TestDatabases;

/**
 * Rotating the internal signing key as security servers see it: a server holding the old anchor
 * keeps verifying while the new key is announced, learns the new key from the shared parameters,
 * and verifies the configuration the new key signs; an anchor alone cannot follow (the documented
 * limitation: a server offline for the whole rotation imports the new anchor).
 */
class KeyRotationTest {

    @Test
    void anAnnouncedKeyIsPublishedBeforeItSignsAndAServerFollowsTheRotation() throws Exception {
        try (var p = new Published(TestDatabases.H2)) {
            ConfigurationAnchor oldAnchor = p.publisher.internalAnchor().orElseThrow();
            SigningKeyRecord oldKey = p.registry.signingKeys().active(Kind.INTERNAL).orElseThrow();

            SigningKeyRecord newKey = p.keys.generate(Kind.INTERNAL, "ops");

            assertThat(newKey.state()).isEqualTo(State.ANNOUNCED);
            assertThat(Files.exists(p.keyDirectory.resolve(newKey.keyId() + ".p12"))).isTrue();
            // A server with the old anchor accepts the directory signed while the new key is announced ...
            ConfigurationDirectory announcing = DirectoryVerifier.of(oldAnchor)
                    .verify(p.get("/internalconf?version=6").body(), p.clock.instant());
            assertThat(announcing.verificationCert()).isEqualTo(oldKey.cert());
            // ... and learns the new key from the shared parameters' source.
            SharedParameters shared = SharedParameters.parse(PublishingTest.download(p, announcing,
                    ContentPart.SHARED_PARAMETERS), 6);
            List<X509Certificate> learned = shared.internalVerificationCerts();
            assertThat(learned).containsExactly(oldKey.cert(), newKey.cert());
            assertThat(p.publisher.internalAnchor().orElseThrow().verificationCerts())
                    .containsExactly(oldKey.cert(), newKey.cert());

            p.keys.activate(newKey.keyId(), "ops");

            byte[] signedByNewKey = p.get("/internalconf?version=6").body();
            ConfigurationDirectory rotated = new DirectoryVerifier(learned).verify(signedByNewKey, p.clock.instant());
            assertThat(rotated.verificationCert()).isEqualTo(newKey.cert());
            assertThatThrownBy(() -> DirectoryVerifier.of(oldAnchor).verify(signedByNewKey, p.clock.instant()))
                    .isInstanceOf(XRoadException.class);
            SharedParameters after = SharedParameters.parse(PublishingTest.download(p, rotated,
                    ContentPart.SHARED_PARAMETERS), 6);
            assertThat(after.internalVerificationCerts()).containsExactly(newKey.cert());
            assertThat(p.publisher.internalAnchor().orElseThrow().verificationCerts()).containsExactly(newKey.cert());
            for (int version = 3; version <= 6; version++) {
                DirectoryVerifier.of(p.publisher.internalAnchor().orElseThrow())
                        .verify(p.get("/internalconf?version=" + version).body(), p.clock.instant());
            }
            assertThat(p.registry.signingKeys().get(oldKey.keyId()).orElseThrow().state()).isEqualTo(State.INACTIVE);

            assertThatThrownBy(() -> p.keys.delete(newKey.keyId(), "ops")).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("is active");
            p.keys.delete(oldKey.keyId(), "ops");
            assertThat(Files.exists(p.keyDirectory.resolve(oldKey.keyId() + ".p12"))).isFalse();
            assertThat(p.registry.signingKeys().get(oldKey.keyId())).isEmpty();
            assertThat(p.registry.audit().list(org.sild.centralserver.audit.AuditQuery.latest().withActor("ops")))
                    .extracting(e -> e.action())
                    .startsWith("signing-key.remove", "signing-key.activate", "signing-key.add");
        }
    }

    @Test
    void theExternalKeyRotatesWithoutAnnouncement() throws Exception {
        try (var p = new Published(TestDatabases.H2)) {
            SigningKeyRecord next = p.keys.generate(Kind.EXTERNAL, "ops");
            ConfigurationAnchor before = p.publisher.externalAnchor().orElseThrow();
            assertThat(before.verificationCerts()).doesNotContain(next.cert());

            p.keys.activate(next.keyId(), "ops");

            assertThat(p.publisher.externalAnchor().orElseThrow().verificationCerts()).containsExactly(next.cert());
            assertThat(DirectoryVerifier.of(p.publisher.externalAnchor().orElseThrow())
                    .verify(p.get("/externalconf?version=6").body(), p.clock.instant()).verificationCert())
                    .isEqualTo(next.cert());
        }
    }
}
