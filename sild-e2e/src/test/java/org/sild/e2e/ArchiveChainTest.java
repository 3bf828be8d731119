package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.e2e.TwoServers.APP;
import static org.sild.e2e.TwoServers.PERSONS;
import static org.sild.e2e.TwoServers.SS1;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.asic.ArchiveFiles;
import org.sild.securityserver.messagelog.LogArchiver;
import org.sild.securityserver.messagelog.MessageLogSettings;

/**
 * Acceptance 5 of the evidence issue: a security server's message log archives, written over several
 * runs between batches of exchanges and rotated by a small maximum file size, verify with
 * {@code sild verify} as a chain (each archive's {@code linkinginfo} names the previous one's last
 * digest); deleting a middle archive, or changing one byte of one (in a container, in its
 * {@code linkinginfo}, or in the file as stored), makes {@code sild verify} say invalid with the
 * linking reason. The archiver runs when the test says so, on the server's store (the server's own
 * schedule is six hours apart).
 */
class ArchiveChainTest {

    private static final int ROUNDS = 3;
    private static final int EXCHANGES_PER_ROUND = 3;

    private static TestNetwork net;
    private static final List<Path> archives = new ArrayList<>();
    private static Path conf;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        MessageLogSettings log = MessageLogSettings.builder().timestampInterval(Duration.ofDays(1))
                .timestampRetryDelay(Duration.ofDays(1)).archiveMaxFileSize(16 * 1024).build();
        net = TwoServers.builder()
                .configure(SS1, c -> c.withMessageLog(log))
                .start();
        TwoServers.servePersons(net);
        conf = Evidence.verificationConf(net, SS1, dir);

        LogArchiver archiver = net.archiver(SS1);
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < EXCHANGES_PER_ROUND; i++) {
                IsClient client = net.client(SS1);
                Answer answer = client.send(client.rest(APP, "GET", PERSONS, "/" + round + "-" + i));
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            }
            assertThat(net.server(SS1).timestamper().stampPending()).isEqualTo(2 * EXCHANGES_PER_ROUND);
            LogArchiver.Run run = archiver.archive();
            assertThat(run.records()).isEqualTo(2 * EXCHANGES_PER_ROUND);
            archives.addAll(run.files());
        }
        assertThat(archives).as("several archives, rotated by size and by run").hasSizeGreaterThanOrEqualTo(4);
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void theWholeChainVerifiesInOrder() {
        Evidence.Cli cli = Evidence.verify(conf, archives);

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        for (Path archive : archives) {
            assertThat(cli.lines()).as(cli.out()).anyMatch(l -> l.startsWith("valid " + archive.getFileName()
                    + ": linking SHA-512, "));
        }
        long containers = cli.lines().stream().filter(l -> l.contains(".zip!") && l.startsWith("valid ")).count();
        assertThat(containers).as("every record's container inside verifies").isEqualTo(2L * ROUNDS * EXCHANGES_PER_ROUND);
        assertThat(cli.lines()).noneMatch(l -> l.startsWith("invalid"));
        assertThat(cli.err()).as("progress over several archives").contains("[1/" + archives.size() + "]");
    }

    @Test
    void aDeletedMiddleArchiveBreaksTheChain() {
        int middle = archives.size() / 2;
        var withGap = new ArrayList<>(archives);
        withGap.remove(middle);

        Evidence.Cli cli = Evidence.verify(conf, withGap);

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertInvalidLinking(cli, archives.get(middle + 1), "previous");
    }

    @Test
    void aChangedContainerInAMiddleArchiveIsDetected() {
        int middle = archives.size() / 2;
        Map<String, byte[]> entries = Evidence.entries(Evidence.read(archives.get(middle)));
        String container = entries.keySet().iterator().next();
        byte[] changed = entries.get(container).clone();
        changed[changed.length / 2] ^= 0x01;
        entries.put(container, changed);

        Evidence.Cli cli = Evidence.verify(conf, replaced(middle, Evidence.zip(entries, "", true)));

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertInvalidLinking(cli, archives.get(middle), container);
    }

    @Test
    void aChangedLinkingInfoInAMiddleArchiveIsDetected() {
        int middle = archives.size() / 2;
        Map<String, byte[]> entries = Evidence.entries(Evidence.read(archives.get(middle)));
        byte[] linking = entries.get(ArchiveFiles.LINKING_INFO).clone();
        int digestChar = new String(linking, StandardCharsets.US_ASCII).indexOf('\n') + 10;
        linking[digestChar] = (byte) (linking[digestChar] == '0' ? '1' : '0');
        entries.put(ArchiveFiles.LINKING_INFO, linking);

        Evidence.Cli cli = Evidence.verify(conf, replaced(middle, Evidence.zip(entries, "", true)));

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertInvalidLinking(cli, archives.get(middle), "digest");
    }

    @Test
    void aChangedByteOfAMiddleArchiveFileIsDetected() {
        int middle = archives.size() / 2;
        byte[] file = Evidence.read(archives.get(middle));
        file[file.length / 3] ^= 0x01;

        Evidence.Cli cli = Evidence.verify(conf, replaced(middle, file));

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.lines()).as(cli.out()).anyMatch(l -> l.startsWith("invalid " + archives.get(middle).getFileName()));
    }

    /** The chain with archive {@code index} replaced by {@code bytes} (same file name, in another directory). */
    private static List<Path> replaced(int index, byte[] bytes) {
        Path copy = Evidence.write(dir.resolve("changed-" + System.nanoTime()).resolve(archives.get(index).getFileName()),
                bytes);
        assertThat(Files.exists(copy)).isTrue();
        var chain = new ArrayList<>(archives);
        chain.set(index, copy);
        return chain;
    }

    /** {@code archive} (alone) is reported invalid for its linking, with a reason mentioning {@code word}. */
    private static void assertInvalidLinking(Evidence.Cli cli, Path archive, String word) {
        assertThat(cli.lines()).as(cli.out())
                .anyMatch(l -> l.startsWith("invalid " + archive.getFileName() + ": linking: ") && l.contains(word));
        assertThat(cli.lines().stream().filter(l -> l.startsWith("invalid ") && l.contains(": linking: ")))
                .as("only the broken link is reported").hasSize(1);
    }
}
