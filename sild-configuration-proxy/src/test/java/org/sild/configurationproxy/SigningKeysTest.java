package org.sild.configurationproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.testing.MutableClock;

class SigningKeysTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final SecureRandom random = new SecureRandom();

    private SigningKeys keys(String pin) {
        return SigningKeys.open(dir.resolve("keys"), pin, "Sild configuration proxy TEST");
    }

    @Test
    void theFirstKeyIsCreatedOnceAsAnActiveSelfSignedRsaKey() throws Exception {
        SigningKeys keys = keys("1234");
        assertThat(keys.list()).isEmpty();

        SigningKeyInfo first = keys.ensureKey(clock, random);
        SigningKeyInfo again = keys.ensureKey(clock, random);

        assertThat(again).isEqualTo(first);
        assertThat(first.active()).isTrue();
        assertThat(first.id()).matches("[0-9A-F]{40}").isEqualTo(SigningKeys.idOf(first.certificate()));
        assertThat(first.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=Sild configuration proxy TEST");
        assertThat(first.certificate().getIssuerX500Principal()).isEqualTo(first.certificate().getSubjectX500Principal());
        first.certificate().verify(first.certificate().getPublicKey());
        assertThat(first.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(Files.exists(dir.resolve("keys").resolve(first.id() + ".p12"))).isTrue();
        assertThat(Files.readString(dir.resolve("keys").resolve("active")).strip()).isEqualTo(first.id());

        var active = keys("1234").active();
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(active.privateKey());
        signature.update(new byte[] {1, 2, 3});
        byte[] value = signature.sign();
        signature.initVerify(first.certificate());
        signature.update(new byte[] {1, 2, 3});
        assertThat(signature.verify(value)).isTrue();
    }

    @Test
    void addedKeysJoinTheListAfterTheActiveOneAndOnlySignWhenActivated() {
        SigningKeys keys = keys("1234");
        SigningKeyInfo first = keys.ensureKey(clock, random);
        clock.advance(java.time.Duration.ofMinutes(1));
        SigningKeyInfo second = keys.add(SigningKeys.Algorithm.EC, false, clock, random);

        assertThat(keys.list()).extracting(SigningKeyInfo::id).containsExactly(first.id(), second.id());
        assertThat(keys.active().id()).isEqualTo(first.id());

        keys.activate(second.id());

        assertThat(keys.list()).extracting(SigningKeyInfo::id).containsExactly(second.id(), first.id());
        assertThat(keys.list()).extracting(SigningKeyInfo::active).containsExactly(true, false);
        assertThat(keys.certificates()).containsExactly(second.certificate(), first.certificate());
    }

    @Test
    void aWrongPinIsRefusedNamingTheFile() {
        SigningKeyInfo key = keys("1234").ensureKey(clock, random);

        assertThatThrownBy(() -> keys("4321").list()).isInstanceOf(XRoadException.class)
                .hasMessageContaining(key.id() + ".p12").hasMessageContaining("PIN")
                .satisfies(e -> assertThat(code(e)).isEqualTo(FaultCode.of(ErrorCode.KEY_NOT_AVAILABLE)));
        assertThatThrownBy(() -> SigningKeys.open(dir, "", "x")).isInstanceOf(XRoadException.class)
                .hasMessageContaining("non-empty PIN");
    }

    @Test
    void unknownKeysAndRemovingTheActiveKeyAreRefused() {
        SigningKeys keys = keys("1234");
        assertThatThrownBy(keys::active).satisfies(e -> assertThat(code(e)).isEqualTo(FaultCode.of(ErrorCode.KEY_NOT_FOUND)))
                .hasMessageContaining("no active signing key");
        SigningKeyInfo first = keys.ensureKey(clock, random);

        assertThatThrownBy(() -> keys.activate("../../etc/passwd"))
                .satisfies(e -> assertThat(code(e)).isEqualTo(FaultCode.of(ErrorCode.KEY_NOT_FOUND)));
        assertThatThrownBy(() -> keys.remove("0".repeat(40)))
                .satisfies(e -> assertThat(code(e)).isEqualTo(FaultCode.of(ErrorCode.KEY_NOT_FOUND)));
        assertThatThrownBy(() -> keys.remove(first.id())).hasMessageContaining("is the active key");

        SigningKeyInfo second = keys.add(SigningKeys.Algorithm.RSA, true, clock, random);
        keys.remove(first.id());

        assertThat(keys.list()).containsExactly(second);
    }

    private static FaultCode code(Throwable e) {
        return ((XRoadException) e).code();
    }
}
