package org.sild.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class SelfSignedTlsKeyTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final char[] PIN = "pin-1234".toCharArray();

    @TempDir
    Path dir;

    @Test
    void isCreatedOnceAndReadBackFromItsFile() throws Exception {
        Path file = dir.resolve("tls/key.p12");

        SelfSignedTlsKey created = SelfSignedTlsKey.loadOrCreate(file, "cs.example.org", List.of("cs.example.org",
                "10.0.0.5", "[::1]", "0.0.0.0"), PIN, CLOCK, new SecureRandom());
        SelfSignedTlsKey again = SelfSignedTlsKey.loadOrCreate(file, "other", List.of(), PIN, CLOCK, new SecureRandom());

        assertThat(Files.exists(file)).isTrue();
        assertThat(again.certificate()).isEqualTo(created.certificate());
        assertThat(created.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=cs.example.org");
        assertThat(created.certificate().getIssuerX500Principal()).isEqualTo(created.certificate().getSubjectX500Principal());
        created.certificate().verify(created.certificate().getPublicKey());
        assertThat(created.certificate().getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))))
                .containsExactly("localhost", "127.0.0.1", "cs.example.org", "10.0.0.5", "0:0:0:0:0:0:0:1");
        assertThat(created.certificate().getNotBefore().toInstant()).isBefore(CLOCK.instant());
        assertThat(created.serverTls(TlsProfile.CLIENT_FACING).clientAuth()).isEqualTo(ClientAuth.NONE);
    }

    @Test
    void aWrongPasswordOrABrokenFileIsKeyNotAvailableNamingTheFile() throws Exception {
        Path file = dir.resolve("key.p12");
        SelfSignedTlsKey.loadOrCreate(file, "x", List.of(), PIN, CLOCK, new SecureRandom());
        Path broken = Files.write(dir.resolve("broken.p12"), new byte[] {1, 2, 3});

        for (var attempt : List.<Runnable>of(
                () -> SelfSignedTlsKey.loadOrCreate(file, "x", List.of(), "wrong".toCharArray(), CLOCK,
                        new SecureRandom()),
                () -> SelfSignedTlsKey.loadOrCreate(broken, "x", List.of(), PIN, CLOCK, new SecureRandom()))) {
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(XRoadException.class, e -> {
                assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.KEY_NOT_AVAILABLE));
                assertThat(e.getMessage()).contains(dir.toString());
            });
        }
    }
}
