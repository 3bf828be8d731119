package org.sild.securityserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.core.globalconf.StoredInstance;
import org.sild.testing.MutableClock;

/**
 * Readers never see a mix of two configurations: every generation changes the shared and the
 * private parameters together, and concurrent readers (in memory and on disk) check they match.
 */
class AtomicSwitchTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void readersSeeOneWholeGenerationAtATime() throws Exception {
        var clock = new MutableClock(Fixtures.START);
        try (var server = TestServer.open(); var http = HttpConfigurationFetcher.create()) {
            var source = Fixtures.source(server.address(), version(Fixtures.dev(), 1), clock).build();
            server.start(source.handler());
            try (var client = ConfigurationClient.builder(dir).anchor(source.anchor()).fetcher(http).clock(clock)
                    .random(new Random(4)).build()) {
                assertThat(client.update().updated()).isTrue();
                var done = new AtomicBoolean();
                var failures = new ConcurrentLinkedQueue<String>();
                var memoryReads = new AtomicInteger();
                var diskReads = new AtomicInteger();
                // Platform threads: busy readers on virtual threads would starve the HTTP client's own.
                Thread memoryReader = Thread.ofPlatform().start(() -> {
                    while (!done.get()) {
                        StoredInstance own = client.current(clock.instant()).stored().own();
                        check(own, failures, "memory");
                        memoryReads.incrementAndGet();
                    }
                });
                Thread diskReader = Thread.ofPlatform().start(() -> {
                    while (!done.get()) {
                        Path generation;
                        try {
                            generation = client.storedTree().toRealPath();
                        } catch (java.io.IOException e) {
                            failures.add("cannot resolve current: " + e);
                            continue;
                        }
                        try {
                            check(StoredGlobalConf.load(generation).own(), failures, "disk " + generation);
                            diskReads.incrementAndGet();
                        } catch (RuntimeException e) {
                            // A reader slower than two switches may find its generation deleted; that is no mix.
                            if (Files.exists(generation)) {
                                failures.add("disk " + generation + ": " + e);
                            }
                        }
                    }
                });
                try {
                    for (int i = 2; i <= 15; i++) {
                        int n = i;
                        source.update(d -> version(d, n));
                        assertThat(client.update().updated()).isTrue();
                        assertThat(client.current(clock.instant()).own().parameters().globalSettings()
                                .ocspFreshnessSeconds()).isEqualTo(1000 + n);
                    }
                } finally {
                    done.set(true);
                    memoryReader.join();
                    diskReader.join();
                }

                assertThat(failures).isEmpty();
                assertThat(memoryReads.get()).isPositive();
                assertThat(diskReads.get()).isPositive();
                try (var entries = Files.list(dir)) {
                    List<String> generations = entries.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("generation-")).toList();
                    assertThat(generations).hasSizeLessThanOrEqualTo(2);
                }
            }
        }
    }

    private static org.sild.runtime.confsource.InstanceDescription version(
            org.sild.runtime.confsource.InstanceDescription d, int n) {
        return d.toBuilder().timeStampingIntervalSeconds(n).ocspFreshnessSeconds(1000 + n).build();
    }

    private static void check(StoredInstance own, ConcurrentLinkedQueue<String> failures, String where) {
        int shared = own.sharedParameters().orElseThrow().globalSettings().ocspFreshnessSeconds() - 1000;
        int privateParameters = own.privateParameters().orElseThrow().timeStampingIntervalSeconds();
        if (shared != privateParameters) {
            failures.add(where + ": shared parameters of generation " + shared + " beside private parameters of "
                    + privateParameters);
        }
    }
}
