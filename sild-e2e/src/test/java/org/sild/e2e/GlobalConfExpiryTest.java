package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.e2e.TwoServers.APP;
import static org.sild.e2e.TwoServers.PERSONS;
import static org.sild.e2e.TwoServers.SS1;
import static org.sild.e2e.TwoServers.SS2;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.runtime.confsource.ConfigurationSource;
import org.sild.testing.MutableClock;

/**
 * Global configuration expiry on the data path: once the configuration a server holds has expired
 * (no valid download within its validity), the client proxy refuses exchanges with
 * {@code OutdatedGlobalConf}; as soon as a valid configuration arrives, exchanges flow again.
 * Every part of the network runs on one clock the test moves; the servers' own periodic downloads
 * are an hour apart, so only the test decides when they download.
 */
class GlobalConfExpiryTest {


    private static final MutableClock clock = new MutableClock(Instant.now());
    private static TestNetwork net;

    @BeforeAll
    static void start() {
        net = TwoServers.builder()
                .configurationClient(SS1, c -> c.withUpdateInterval(Duration.ofHours(1)))
                .configurationClient(SS2, c -> c.withUpdateInterval(Duration.ofHours(1)))
                .clock(clock)
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
    void exchangesStopWhenTheConfigurationExpiresAndResumeWithAFreshOne() {
        assertThat(call().status()).isEqualTo(200);

        clock.advance(ConfigurationSource.DEFAULT_VALIDITY.plusSeconds(1));

        Answer expired = call();
        assertThat(expired.faultCode()).as(expired.toString())
                .hasValueSatisfying(code -> assertThat(code.endsWith(ErrorCode.OUTDATED_GLOBAL_CONF)).isTrue());
        assertThat(expired.text()).contains("expired");

        net.updateGlobalConf(d -> d);

        assertThat(call().status()).as("a fresh configuration lets exchanges flow again").isEqualTo(200);
    }

    private static Answer call() {
        IsClient client = net.client(SS1);
        return client.send(client.rest(APP, "GET", PERSONS, "/1"));
    }
}
