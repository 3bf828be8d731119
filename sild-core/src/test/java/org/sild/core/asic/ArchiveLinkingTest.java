package org.sild.core.asic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.core.asic.Zips.utf8;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;

class ArchiveLinkingTest {

    @TempDir
    Path dir;

    @Test
    void firstLineAndChainFormula() {
        var linking = ArchiveLinking.first(DigestAlgorithm.SHA512);
        assertThat(linking.lastDigest()).isEmpty();
        String d1 = linking.add("a.asice", utf8("one"));
        String d2 = linking.add("b.asice", utf8("two"));
        var hex = HexFormat.of();
        assertThat(d1).isEqualTo(hex.formatHex(DigestAlgorithm.SHA512.digest(
                utf8(hex.formatHex(DigestAlgorithm.SHA512.digest(utf8("one")))))));
        assertThat(d2).isEqualTo(hex.formatHex(DigestAlgorithm.SHA512.digest(
                utf8(d1 + hex.formatHex(DigestAlgorithm.SHA512.digest(utf8("two")))))));
        assertThat(new String(linking.linkingInfo())).isEqualTo("- - SHA-512\n" + d1 + " a.asice\n" + d2 + " b.asice\n");
        assertThat(linking.lastDigest()).isEqualTo(d2);

        var next = ArchiveLinking.after(DigestAlgorithm.SHA512, d2, "mlog-x.zip");
        String d3 = next.add("c.asice", utf8("three"));
        assertThat(new String(next.linkingInfo())).startsWith(d2 + " mlog-x.zip SHA-512\n" + d3 + " c.asice\n");
        assertThat(LinkingInfo.parse(next.linkingInfo())).isEqualTo(next.toLinkingInfo());
    }

    @Test
    void verifiesAChainOfArchivesAndDetectsAMissingOrAlteredOne() throws Exception {
        List<Path> archives = writeChain(3, DigestAlgorithm.SHA512);
        var chain = ArchiveChain.startingAfter("");
        var seen = new ArrayList<String>();
        for (Path a : archives) {
            chain.next(a, (name, bytes) -> seen.add(name));
        }
        assertThat(seen).hasSize(6);

        var gap = ArchiveChain.startingAfter("");
        gap.next(archives.get(0), (n, b) -> { });
        assertThatThrownBy(() -> gap.next(archives.get(2), (n, b) -> { }))
                .satisfies(e -> AsicContainerTest.assertCode(e, ErrorCode.INVALID_LOG_ARCHIVE))
                .hasMessageContaining("does not follow the previous archive");

        // Alter one container inside the middle archive.
        var entries = Zips.unzip(Files.readAllBytes(archives.get(1)));
        String first = entries.keySet().iterator().next();
        entries.get(first)[10] ^= 1;
        Files.write(archives.get(1), Zips.zip(entries));
        assertThatThrownBy(() -> ArchiveVerifier.verify(archives.get(1), Optional.empty(), (n, b) -> { }))
                .satisfies(e -> AsicContainerTest.assertCode(e, ErrorCode.INVALID_LOG_ARCHIVE))
                .hasMessageContaining("digest of '" + first + "'");
    }

    @Test
    void archiveErrors() {
        var linking = ArchiveLinking.first(DigestAlgorithm.SHA256);
        linking.add("a.asice", utf8("one"));
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("a.asice", utf8("one"));
        assertArchive(entries, "no linkinginfo");
        entries.put("linkinginfo", linking.linkingInfo());
        assertThat(ArchiveVerifier.verify("x", new ByteArrayInputStream(Zips.zip(entries)), Optional.of(""),
                (n, b) -> { }).lastDigest()).isEqualTo(linking.lastDigest());
        assertThatThrownBy(() -> ArchiveVerifier.verify("x", new ByteArrayInputStream(Zips.zip(entries)),
                Optional.of("abc"), (n, b) -> { })).hasMessageContaining("expected 'abc'");
        entries.put("b.asice", utf8("two"));
        assertArchive(entries, "present but not listed [b.asice]");
        entries.remove("b.asice");
        entries.remove("a.asice");
        assertArchive(entries, "no ASiC containers");
        entries.put("linkinginfo", utf8("- -\n"));
        entries.put("a.asice", utf8("one"));
        assertArchive(entries, "first line");
        entries.put("linkinginfo", utf8("- - MD5\n"));
        assertArchive(entries, "unknown digest algorithm 'MD5'");
    }

    @Test
    void archiveNames() {
        Instant start = Instant.parse("2023-10-23T12:12:55Z");
        Instant end = Instant.parse("2023-10-23T12:16:01Z");
        String digest = "9011ab557706b5050584d6888af7b390";
        assertThat(ArchiveFiles.name(Optional.empty(), start, end, digest))
                .isEqualTo("mlog-20231023121255-20231023121601-9011ab557706b505.zip");
        assertThat(ArchiveFiles.name(Optional.of("DEV/COM:1234|a*b?c\u0001"), start, end, digest))
                .isEqualTo("mlog-DEV_COM_1234_a_b_c_-20231023121255-20231023121601-9011ab557706b505.zip");
        assertThat(ArchiveFiles.name(Optional.of("g".repeat(300)), start, end, digest))
                .startsWith("mlog-" + "g".repeat(200) + "-2023");
    }

    private static void assertArchive(LinkedHashMap<String, byte[]> entries, String message) {
        assertThatThrownBy(() -> ArchiveVerifier.verify("x", new ByteArrayInputStream(Zips.zip(entries)),
                Optional.empty(), (n, b) -> { }))
                .satisfies(e -> AsicContainerTest.assertCode(e, ErrorCode.INVALID_LOG_ARCHIVE))
                .hasMessageContaining(message);
    }

    private List<Path> writeChain(int count, DigestAlgorithm alg) throws Exception {
        var files = new ArrayList<Path>();
        String prevDigest = null;
        String prevName = null;
        for (int i = 0; i < count; i++) {
            var linking = prevDigest == null ? ArchiveLinking.first(alg) : ArchiveLinking.after(alg, prevDigest, prevName);
            var entries = new LinkedHashMap<String, byte[]>();
            for (int j = 0; j < 2; j++) {
                String name = AsicNames.containerName("q" + i, j == 1, i * 10L + j);
                byte[] content = utf8("container " + i + "/" + j + " padding padding padding");
                entries.put(name, content);
                linking.add(name, content);
            }
            entries.put(ArchiveFiles.LINKING_INFO, linking.linkingInfo());
            prevDigest = linking.lastDigest();
            prevName = ArchiveFiles.name(Optional.empty(), Instant.EPOCH, Instant.EPOCH, prevDigest);
            Path file = dir.resolve(prevName);
            Files.write(file, Zips.zip(entries));
            files.add(file);
        }
        return files;
    }
}
