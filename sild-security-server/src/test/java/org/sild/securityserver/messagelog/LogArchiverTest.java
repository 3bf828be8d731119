package org.sild.securityserver.messagelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.asic.ArchiveChain;
import org.sild.core.asic.ArchiveFiles;
import org.sild.core.asic.ArchiveVerifier;
import org.sild.core.asic.AsicContainer;
import org.sild.core.asic.AsicNames;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.securityserver.messagelog.MessageLogSettings.ArchiveGrouping;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.TestDatabases;

class LogArchiverTest {

    static final Instant T = Instant.parse("2026-02-03T04:05:06.789Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void archivesStampedRecordsLinkedAcrossRunsAndMarksThemArchived(TestDatabases kind) throws IOException {
        try (var db = TestStore.open(kind); var log = new StoreMessageLog(db.store())) {
            var f = new LogFixture(db.store(), log);
            long single = f.soap("q-1", LogFixture.CLIENT, false, T);
            long batch1 = f.soap("q-1", LogFixture.CLIENT, true, T.plusSeconds(1));
            long batch2 = f.rest("q/2", LogFixture.CLIENT, T.plusSeconds(2), new byte[] {1, 2, 3});
            long pending = f.soap("q-3", LogFixture.CLIENT, false, T.plusSeconds(3));
            long tsSingle = f.stampSingle(single);
            long tsBatch = f.stampBatch(batch1, batch2);
            var registry = new SimpleMeterRegistry();
            var archiver = new LogArchiver(db.store(), dir.resolve("archive"), MessageLogSettings.defaults(),
                    id -> true, registry);

            LogArchiver.Run first = archiver.archive();

            assertThat(first.records()).isEqualTo(3);
            assertThat(first.files()).hasSize(1);
            Path file1 = first.files().getFirst();
            assertThat(file1.getFileName().toString()).startsWith("mlog-20260203040506-20260203040508-")
                    .endsWith(".zip");
            Map<String, ZipEntry> entries = entries(file1);
            assertThat(entries.keySet()).containsExactly(AsicNames.containerName("q-1", false, single),
                    AsicNames.containerName("q-1", true, batch1), AsicNames.containerName("q/2", false, batch2),
                    ArchiveFiles.LINKING_INFO);
            assertThat(entries.values()).allMatch(e -> e.getMethod() == ZipEntry.STORED);
            var containers = new LinkedHashMap<String, AsicContainer>();
            ArchiveVerifier.ArchiveCheck check = ArchiveVerifier.verify(file1, Optional.of(""),
                    (name, bytes) -> containers.put(name, AsicContainer.read(bytes)));
            assertThat(check.containers()).hasSize(3);
            AsicContainer rest = containers.get(AsicNames.containerName("q/2", false, batch2));
            assertThat(rest.batchTimeStamp()).isPresent();
            assertThat(rest.attachments()).singleElement().isEqualTo(new byte[] {1, 2, 3});
            assertThat(containers.get(AsicNames.containerName("q-1", false, single)).batchTimeStamp()).isEmpty();

            assertThat(f.archived(single)).isTrue();
            assertThat(f.archived(batch2)).isTrue();
            assertThat(f.archived(pending)).isFalse();
            assertThat(f.timestamp(tsSingle)).contains(true);
            assertThat(f.timestamp(tsBatch)).contains(true);
            assertThat(registry.counter(LogArchiver.RECORDS).count()).isEqualTo(3);
            assertThat(registry.counter(LogArchiver.FILES).count()).isEqualTo(1);

            assertThat(archiver.archive().records()).as("nothing new").isZero();
            f.stampSingle(pending);
            LogArchiver.Run second = archiver.archive();
            assertThat(second.files()).hasSize(1);
            assertThat(f.archived(pending)).isTrue();

            var chain = ArchiveChain.startingAfter("");
            chain.next(file1, (n, b) -> { });
            ArchiveVerifier.ArchiveCheck next = chain.next(second.files().getFirst(), (n, b) -> { });
            assertThat(next.linkingInfo().previousArchive()).contains(file1.getFileName().toString());
            assertThat(next.linkingInfo().previousDigest()).contains(check.lastDigest());
            assertThat(listParts()).as("no temporary files left").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ArchiveGrouping.class, names = {"MEMBER", "SUBSYSTEM"})
    void groupsRecordsByTheirLocalPartyEachWithItsOwnChain(ArchiveGrouping grouping) throws IOException {
        try (var db = TestStore.open(TestDatabases.H2); var log = new StoreMessageLog(db.store())) {
            var f = new LogFixture(db.store(), log);
            long a = f.soap("q-a", LogFixture.CLIENT, false, T);
            long b = f.soap("q-b", LogFixture.OTHER_CLIENT, false, T.plusSeconds(1));
            long remote = f.soap("q-c", new org.sild.core.id.MemberId("DEV", "COM", "777"), false, T.plusSeconds(2));
            f.stampBatch(a, b, remote);
            var settings = MessageLogSettings.builder().archiveGrouping(grouping).build();
            // Records of a client not hosted here belong to the provider (this server is the provider's then).
            var archiver = new LogArchiver(db.store(), dir, settings,
                    id -> id.equals(LogFixture.CLIENT) || id.equals(LogFixture.OTHER_CLIENT), new SimpleMeterRegistry());

            List<String> names = archiver.archive().files().stream().map(p -> p.getFileName().toString()).toList();

            String suffix = grouping == ArchiveGrouping.MEMBER ? "" : "_portal";
            String otherSuffix = grouping == ArchiveGrouping.MEMBER ? "" : "_shop";
            String providerSuffix = grouping == ArchiveGrouping.MEMBER ? "" : "_registry";
            assertThat(names).hasSize(3).anyMatch(n -> n.startsWith("mlog-DEV_COM_111" + suffix + "-2026"))
                    .anyMatch(n -> n.startsWith("mlog-DEV_COM_222" + otherSuffix + "-2026"))
                    .anyMatch(n -> n.startsWith("mlog-DEV_GOV_999" + providerSuffix + "-2026"));
            for (String n : names) {
                assertThat(ArchiveVerifier.verify(dir.resolve(n), Optional.of(""), (x, y) -> { }).containers())
                        .hasSize(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void rotatesPastTheMaximumSizeAndArchivesInTransactionBatches(TestDatabases kind) {
        try (var db = TestStore.open(kind); var log = new StoreMessageLog(db.store())) {
            var f = new LogFixture(db.store(), log);
            var ids = new ArrayList<Long>();
            for (int i = 0; i < 5; i++) {
                ids.add(f.soap("q-" + i, LogFixture.CLIENT, false, T.plusSeconds(i)));
            }
            f.stampBatch(ids.stream().mapToLong(Long::longValue).toArray());
            var settings = MessageLogSettings.builder().archiveMaxFileSize(1).archiveTransactionBatch(2).build();
            var archiver = new LogArchiver(db.store(), dir, settings, id -> true, new SimpleMeterRegistry());

            LogArchiver.Run run = archiver.archive();

            assertThat(run.records()).isEqualTo(5);
            assertThat(run.files()).as("one container per file past 1 byte").hasSize(5);
            var chain = ArchiveChain.startingAfter("");
            for (Path p : run.files()) {
                assertThat(chain.next(p, (n, b) -> { }).containers()).hasSize(1);
            }
            assertThat(ids).allMatch(f::archived);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anUnwritableDirectoryLeavesEverythingUnarchivedAndIsRetried(TestDatabases kind) throws IOException {
        try (var db = TestStore.open(kind); var log = new StoreMessageLog(db.store())) {
            var f = new LogFixture(db.store(), log);
            long id = f.soap("q-1", LogFixture.CLIENT, false, T);
            long ts = f.stampSingle(id);
            Path blocked = Files.createFile(dir.resolve("not-a-directory"));
            var registry = new SimpleMeterRegistry();
            var archiver = new LogArchiver(db.store(), blocked, MessageLogSettings.defaults(), x -> true, registry);

            assertThatThrownBy(archiver::archive).isInstanceOfSatisfying(XRoadException.class,
                    e -> assertThat(e.code().contains(ErrorCode.INTERNAL_ERROR)).isTrue())
                    .hasMessageContaining("not-a-directory");
            assertThat(f.archived(id)).isFalse();
            assertThat(f.timestamp(ts)).contains(false);
            assertThat(registry.counter(LogArchiver.FAILURES).count()).isEqualTo(1);

            Files.delete(blocked);
            assertThat(archiver.archive().records()).isEqualTo(1);
            assertThat(f.archived(id)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aFailureWhileWritingDeletesThePartFilesAndMarksNothing(TestDatabases kind) throws IOException {
        try (var db = TestStore.open(kind); var log = new StoreMessageLog(db.store())) {
            var f = new LogFixture(db.store(), log);
            long id = f.soap("q-1", LogFixture.CLIENT, false, T);
            f.stampBatch(id);
            // A batch time-stamp without the record's chain cannot become a container: the run fails mid-way.
            db.store().runInTransaction(c -> c.createStatement().executeUpdate(
                    "UPDATE message_log SET timestamp_hash_chain = NULL"));
            Files.writeString(dir.resolve(".mlog-crashed.part"), "left by a crash");
            var archiver = new LogArchiver(db.store(), dir, MessageLogSettings.defaults(), x -> true,
                    new SimpleMeterRegistry());

            assertThatThrownBy(archiver::archive).isInstanceOfSatisfying(XRoadException.class,
                    e -> assertThat(e.code().contains(ErrorCode.DATABASE_ERROR)).isTrue());

            assertThat(f.archived(id)).isFalse();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).as("no archive, no part file").isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void filesOfABatchACrashKeptFromCommittingAreRemovedAndTheRecordsArchivedAgain(TestDatabases kind)
            throws IOException {
        try (var db = TestStore.open(kind); var log = new StoreMessageLog(db.store())) {
            var f = new LogFixture(db.store(), log);
            long a = f.soap("q-1", LogFixture.CLIENT, false, T);
            long b = f.soap("q-2", LogFixture.CLIENT, true, T.plusSeconds(1));
            f.stampBatch(a, b);
            var archiver = new LogArchiver(db.store(), dir, MessageLogSettings.defaults(), x -> true,
                    new SimpleMeterRegistry());
            Path file = archiver.archive().files().getFirst();
            // As a crash before the commit leaves it: the batch's file under its pending name, nothing marked.
            Files.move(file, dir.resolve(LogArchiver.PENDING_PREFIX + a + "-" + file.getFileName()));
            db.store().runInTransaction(c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate("UPDATE message_log SET archived = FALSE");
                    s.executeUpdate("UPDATE message_log_timestamp SET archived = FALSE");
                    s.executeUpdate("DELETE FROM message_log_archive_link");
                }
            });
            long c3 = f.soap("q-3", LogFixture.CLIENT, false, T.plusSeconds(2));
            f.stampSingle(c3);

            LogArchiver.Run again = archiver.archive();

            assertThat(again.records()).isEqualTo(3);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).as("one file, no fork in the chain").containsExactlyElementsOf(again.files());
            }
            assertThat(ArchiveVerifier.verify(again.files().getFirst(), Optional.of(""), (n, x) -> { })
                    .containers()).hasSize(3);
            assertThat(f.archived(a)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void filesOfABatchCommittedBeforeACrashGetTheirFinalNamesOnTheNextRun(TestDatabases kind) throws IOException {
        try (var db = TestStore.open(kind); var log = new StoreMessageLog(db.store())) {
            var f = new LogFixture(db.store(), log);
            long a = f.soap("q-1", LogFixture.CLIENT, false, T);
            long b = f.soap("q-2", LogFixture.CLIENT, true, T.plusSeconds(1));
            f.stampBatch(a, b);
            var archiver = new LogArchiver(db.store(), dir, MessageLogSettings.defaults(), x -> true,
                    new SimpleMeterRegistry());
            Path file = archiver.archive().files().getFirst();
            byte[] written = Files.readAllBytes(file);
            // As a crash after the commit, before the final rename, leaves it.
            Files.move(file, dir.resolve(LogArchiver.PENDING_PREFIX + a + "-" + file.getFileName()));

            LogArchiver.Run again = archiver.archive();

            assertThat(again.records()).isZero();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).containsExactly(file);
            }
            assertThat(Files.readAllBytes(file)).isEqualTo(written);
        }
    }

    private List<Path> listParts() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static Map<String, ZipEntry> entries(Path zip) throws IOException {
        var out = new LinkedHashMap<String, ZipEntry>();
        try (InputStream in = Files.newInputStream(zip); var z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                out.put(e.getName(), e);
            }
        }
        return out;
    }
}
