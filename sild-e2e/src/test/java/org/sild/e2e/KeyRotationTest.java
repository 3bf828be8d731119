package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.e2e.TwoServers.APP;
import static org.sild.e2e.TwoServers.PERSONS;
import static org.sild.e2e.TwoServers.SS1;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.runtime.confsource.ConfigurationSource;
import org.sild.securityserver.globalconf.ConfigurationClient;
import org.sild.securityserver.globalconf.HttpConfigurationFetcher;
import org.sild.securityserver.globalconf.UpdateResult;
import org.sild.trustservices.ca.CertificateType;
import org.sild.trustservices.ca.KeyAndCertificate;

/**
 * Rotating the configuration signing key while the security servers run: the new key is announced
 * in shared parameters first, every server downloads that, then the source signs with it. Exchanges
 * run throughout and none fails. A server that was away for the whole rotation holds only the old
 * anchor and cannot verify the new signatures — as in X-Road, it needs the new anchor imported.
 */
class KeyRotationTest {


    private static TestNetwork net;

    @BeforeAll
    static void start() {
        net = TwoServers.builder()
                .start();
        TwoServers.servePersons(net);
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void noExchangeFailsThroughARotationAndAServerThatMissedItNeedsTheNewAnchor(@TempDir Path away) throws Exception {
        ConfigurationSource source = net.local().configurationSource();
        byte[] oldAnchor = source.anchorXml();
        KeyAndCertificate next = net.local().trustServices().ca().issueWithNewKey(
                new X500Principal("CN=E2E configuration signing key 2"), CertificateType.AUTH);

        var failures = new ConcurrentLinkedQueue<String>();
        var done = new AtomicInteger();
        var running = new AtomicBoolean(true);
        Thread traffic = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                Answer answer = call();
                if (answer.status() != 200) {
                    failures.add(answer.toString());
                }
                done.incrementAndGet();
            }
        });
        try {
            awaitExchanges(done, 3);
            source.announceSigningKey(next.certificate());
            net.updateGlobalConf(d -> d);
            awaitExchanges(done, done.get() + 3);
            source.useSigningKey(next.privateKey(), next.certificate());
            net.updateGlobalConf(d -> d);
            awaitExchanges(done, done.get() + 3);
        } finally {
            running.set(false);
            traffic.join();
        }
        assertThat(failures).as("exchanges during the rotation").isEmpty();

        try (HttpConfigurationFetcher fetcher = HttpConfigurationFetcher.create();
             ConfigurationClient missedIt = ConfigurationClient.builder(away.resolve("globalconf"))
                     .anchor(ConfigurationAnchor.parse(oldAnchor)).fetcher(fetcher).build()) {
            UpdateResult withOldAnchor = missedIt.update();
            assertThat(withOldAnchor.updated()).as("the old anchor does not know the new key").isFalse();

            missedIt.importAnchor(source.anchorXml());
            UpdateResult withNewAnchor = missedIt.update();
            assertThat(withNewAnchor.updated()).as(withNewAnchor.problems().toString()).isTrue();
        }
    }

    /** Waits, with a deadline, until the background traffic has made {@code count} exchanges. */
    private static void awaitExchanges(AtomicInteger done, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (done.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + done.get() + " of " + count + " exchanges in 60 s");
            }
            Thread.sleep(10);
        }
    }

    private static Answer call() {
        IsClient client = net.client(SS1);
        return client.send(client.rest(APP, "GET", PERSONS, "/1"));
    }
}
