package org.sild.configurationproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.configurationproxy.ConfigurationProxyTest.config;
import static org.sild.configurationproxy.ConfigurationProxyTest.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.DirectoryVerifier;
import org.sild.testing.MutableClock;

/**
 * Whatever goes wrong with the source, the proxy passes nothing unverified on, keeps serving its
 * last signed configuration until that expires, then serves nothing.
 */
class FailClosedTest {

    private static final Duration VALIDITY = Duration.ofSeconds(3600);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private TestSource dev;
    private ConfigurationProxyConfig config;
    private ConfigurationProxy proxy;
    private byte[] lastGood;

    @BeforeEach
    void start() throws Exception {
        dev = TestSource.start(Fixtures.dev(), Fixtures.DEV_KEY, clock);
        config = config(dir, ConfigurationProxyConfig.Instance.of("DEV", dev.writeAnchor(dir.resolve("anchor.xml")),
                "pin").withTiming(VALIDITY, Duration.ofSeconds(60)));
        proxy = ConfigurationProxy.create(config, clock, new SecureRandom());
        assertThat(proxy.update("DEV").updated()).isTrue();
        lastGood = get(proxy, "/DEV/conf?version=6").body();
        clock.advance(Duration.ofSeconds(60));
        dev.source.regenerate();
    }

    @AfterEach
    void stop() {
        proxy.close();
        dev.close();
    }

    @Test
    void aChangedByteInAPartIsRejected() throws Exception {
        dev.tamperParts(FailClosedTest::flipLastByte);

        UpdateResult result = proxy.update("DEV");

        assertRejected(result, ErrorCode.GLOBAL_CONF_PART_DOWNLOADED_FILE_INTEGRITY_FAILURE);
        assertStillServingTheLastGoodSet();
    }

    @Test
    void aChangedByteInTheDirectoryBreaksItsSignature() throws Exception {
        dev.tamperDirectories(d -> replaceFirst(d, "Content-location: /V", "Content-location: /W"));

        assertRejected(proxy.update("DEV"), ErrorCode.GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE);
        assertStillServingTheLastGoodSet();
    }

    @Test
    void aWrongSignatureValueIsRejected() throws Exception {
        dev.tamperDirectories(FailClosedTest::changeSignatureValue);

        assertRejected(proxy.update("DEV"), ErrorCode.GLOBAL_CONF_SIGNATURE_VERIFICATION_FAILURE);
        assertStillServingTheLastGoodSet();
    }

    @Test
    void aDirectorySignedByAKeyTheAnchorDoesNotListIsRejected() throws Exception {
        dev.source.useSigningKey(Fixtures.STRANGER_KEY.privateKey(), Fixtures.STRANGER_KEY.certificate());

        assertRejected(proxy.update("DEV"), ErrorCode.GLOBAL_CONF_MISSING_VERIFICATION_CERT);
        assertStillServingTheLastGoodSet();
    }

    @Test
    void anExpiredDirectoryIsRejected() throws Exception {
        // The source stops regenerating: its last directory expires 600 s after it was made.
        clock.advance(Duration.ofSeconds(601));

        assertRejected(proxy.update("DEV"), ErrorCode.OUTDATED_GLOBAL_CONF);
        assertStillServingTheLastGoodSet();
    }

    @Test
    void aDirectoryOfAnotherVersionIsRejectedAndThatVersionKeepsItsLastSignedSet() throws Exception {
        byte[] lastGoodV5 = get(proxy, "/DEV/conf?version=5").body();
        dev.mapVersions(v -> v == 5 ? 6 : v);

        UpdateResult result = proxy.update("DEV");

        assertThat(result.updated()).isTrue();
        assertThat(result.versions()).containsExactly(2, 3, 4, 6);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.version()).contains(5);
            assertThat(p.code()).isEqualTo(FaultCode.of(ErrorCode.MALFORMED_GLOBAL_CONF));
            assertThat(p.message()).contains("answered a version 6 directory");
        });
        assertThat(get(proxy, "/DEV/conf?version=5").body()).isEqualTo(lastGoodV5);
        assertThat(get(proxy, "/DEV/conf?version=6").body()).isNotEqualTo(lastGood);
        var v5 = DirectoryVerifier.of(proxy.anchor("DEV")).verify(lastGoodV5, clock.instant());
        for (var part : v5.parts()) {
            part.verify(get(proxy, part.contentLocation()).body());
        }
    }

    @Test
    void theSourceGoingAwayDoesNotStopServingUntilExpiryThenNothingIsServedUntilItIsBack() throws Exception {
        dev.goAway();
        clock.advance(VALIDITY.minusSeconds(61));

        UpdateResult result = proxy.update("DEV");
        assertRejected(result, ErrorCode.IO_ERROR);
        assertStillServingTheLastGoodSet();
        assertThat(proxy.health().run().up()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(get(proxy, "/DEV/conf?version=6").statusCode()).isEqualTo(404);
        assertThat(get(proxy, "/DEV/conf").statusCode()).isEqualTo(404);
        assertThat(proxy.servedVersions("DEV")).isEmpty();
        var health = proxy.health().run();
        assertThat(health.up()).isFalse();
        assertThat(health.checks().get("instance-DEV").detail()).hasValueSatisfying(d ->
                assertThat(d).startsWith("no valid configuration to serve; last run at"));
        assertThat(proxy.update("DEV").updated()).isFalse();
        assertThat(proxy.metrics().scrape()).contains("sild_confproxy_expires_in_seconds{instance=\"DEV\"} 0.0");

        dev.comeBack();
        dev.source.regenerate();
        assertThat(proxy.update("DEV").updated()).isTrue();
        var directory = DirectoryVerifier.of(proxy.anchor("DEV"))
                .verify(get(proxy, "/DEV/conf?version=6").body(), clock.instant());
        assertThat(directory.expireDate()).isEqualTo(clock.instant().plus(VALIDITY));
    }

    @Test
    void aRestartedProxyServesWhatItStoredUntilItExpiresWhileTheSourceIsAway() throws Exception {
        proxy.close();
        dev.goAway();

        proxy = ConfigurationProxy.create(config, clock, new SecureRandom());

        assertStillServingTheLastGoodSet();
        assertThat(proxy.update("DEV").updated()).isFalse();
        assertStillServingTheLastGoodSet();
        proxy.close();
        clock.advance(VALIDITY);
        proxy = ConfigurationProxy.create(config, clock, new SecureRandom());
        assertThat(proxy.servedVersions("DEV")).isEmpty();
        assertThat(get(proxy, "/DEV/conf?version=6").statusCode()).isEqualTo(404);
    }

    @Test
    void aDamagedStoreIsNotServedAfterARestart() throws Exception {
        proxy.close();
        dev.goAway();
        Path stored = config.dataDirectory().resolve("DEV").resolve(PublicationFile.NAME);
        String text = new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1);
        assertThat(text).contains("<ocspFreshnessSeconds>3600<");
        // Same length, so the file still reads; every version's shared parameters no longer match their hash.
        Files.write(stored, text.replace("<ocspFreshnessSeconds>3600<", "<ocspFreshnessSeconds>9600<")
                .getBytes(StandardCharsets.ISO_8859_1));

        proxy = ConfigurationProxy.create(config, clock, new SecureRandom());

        assertThat(proxy.servedVersions("DEV")).isEmpty();
        assertThat(get(proxy, "/DEV/conf?version=6").statusCode()).isEqualTo(404);
        Files.write(stored, new byte[] {1, 2, 3});
        proxy.close();
        proxy = ConfigurationProxy.create(config, clock, new SecureRandom());
        assertThat(proxy.servedVersions("DEV")).isEmpty();
    }

    @Test
    void aFailedRunNeverExtendsTheValidityOfWhatIsServed() throws Exception {
        dev.goAway();
        Instant expiry = DirectoryVerifier.of(proxy.anchor("DEV")).verify(lastGood, clock.instant()).expireDate();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(60));
            proxy.update("DEV");
        }

        var served = DirectoryVerifier.of(proxy.anchor("DEV")).verify(get(proxy, "/DEV/conf?version=6").body(),
                clock.instant());
        assertThat(served.expireDate()).isEqualTo(expiry);
    }

    @Test
    void everyDownloadIsBoundedInSize() throws Exception {
        dev.tamperDirectories(d -> new byte[SourceDownloader.MAX_DIRECTORY_SIZE + 1]);

        UpdateResult result = proxy.update("DEV");

        assertRejected(result, ErrorCode.IO_ERROR);
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.message())
                .contains("larger than " + SourceDownloader.MAX_DIRECTORY_SIZE + " bytes"));
    }

    @Test
    void everyDownloadIsBoundedInTime() throws Exception {
        proxy.close();
        proxy = ConfigurationProxy.create(config.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)), clock,
                new SecureRandom());
        dev.tamperDirectories(d -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return d;
        });

        UpdateResult result = proxy.update("DEV");

        assertRejected(result, ErrorCode.IO_ERROR);
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.message()).containsIgnoringCase("timeout"));
    }

    @Test
    void aBrokenSourceAnchorFailsTheRunAndKeepsWhatIsServed() throws Exception {
        Files.writeString(config.instances().getFirst().sourceAnchor(), "<nonsense/>");

        UpdateResult result = proxy.update("DEV");

        assertThat(result.updated()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.version()).isEmpty();
            assertThat(p.code()).isEqualTo(FaultCode.of(ErrorCode.MALFORMED_ANCHOR));
        });
        assertStillServingTheLastGoodSet();
    }

    @Test
    void aLostSigningKeyFailsTheRunAndKeepsWhatIsServed() throws Exception {
        SigningKeys keys = ConfigurationProxy.signingKeys(config, "DEV");
        Files.delete(keys.directory().resolve(keys.list().getFirst().id() + ".p12"));

        UpdateResult result = proxy.update("DEV");

        assertThat(result.updated()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(keys.directory().toString());
            assertThat(p.code()).isEqualTo(FaultCode.of(ErrorCode.KEY_NOT_FOUND));
        });
        assertStillServingTheLastGoodSet();
    }

    @Test
    void aProxyDoesNotStartWithoutItsSourceAnchor() throws Exception {
        proxy.close();
        Files.delete(config.instances().getFirst().sourceAnchor());

        assertThatThrownBy(() -> ConfigurationProxy.create(config, clock, new SecureRandom()))
                .isInstanceOf(XRoadException.class)
                .satisfies(e -> assertThat(((XRoadException) e).code()).isEqualTo(FaultCode.of(ErrorCode.MALFORMED_ANCHOR)))
                .hasMessageContaining("cannot read the source anchor");
    }

    private static void assertRejected(UpdateResult result, ErrorCode code) {
        assertThat(result.updated()).isFalse();
        assertThat(result.versions()).isEmpty();
        assertThat(result.problems()).hasSize(5).allSatisfy(p -> assertThat(p.code()).isEqualTo(FaultCode.of(code)));
        assertThat(result.problems()).extracting(p -> p.version().orElseThrow()).containsExactly(6, 5, 4, 3, 2);
    }

    private void assertStillServingTheLastGoodSet() throws Exception {
        var response = get(proxy, "/DEV/conf?version=6");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(lastGood);
        var directory = DirectoryVerifier.of(proxy.anchor("DEV")).verify(response.body(), clock.instant());
        for (var part : directory.parts()) {
            part.verify(get(proxy, part.contentLocation()).body());
        }
        assertThat(proxy.servedVersions("DEV")).containsExactly(2, 3, 4, 5, 6);
    }

    static byte[] flipLastByte(byte[] data) {
        byte[] copy = data.clone();
        copy[copy.length - 2] ^= 0x01;
        return copy;
    }

    static byte[] replaceFirst(byte[] data, String from, String to) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replaceFirst(Pattern.quote(from), to).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Changes one character of the base64 signature value (the last block before the closing delimiter). */
    static byte[] changeSignatureValue(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int start = text.lastIndexOf("\r\n\r\n") + 4;
        char c = text.charAt(start + 10);
        char[] chars = text.toCharArray();
        chars[start + 10] = c == 'A' ? 'B' : 'A';
        return new String(chars).getBytes(StandardCharsets.ISO_8859_1);
    }
}
