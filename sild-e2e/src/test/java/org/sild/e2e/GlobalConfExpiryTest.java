package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.e2e.ProviderIs.Reply;
import org.sild.runtime.confsource.ConfigurationSource;
import org.sild.securityserver.SecurityServerConfig;
import org.sild.securityserver.globalconf.ConfigurationClientConfig;
import org.sild.testing.MutableClock;

/**
 * Global configuration expiry on the data path: once the configuration a server holds has expired
 * (no valid download within its validity), the client proxy refuses exchanges with
 * {@code OutdatedGlobalConf}; as soon as a valid configuration arrives, exchanges flow again.
 * Every part of the network runs on one clock the test moves; the servers' own periodic downloads
 * are an hour apart, so only the test decides when they download.
 */
class GlobalConfExpiryTest {

    private static final MemberId CONSUMER = new MemberId("E2E", "GOV", "1001");
    private static final MemberId PROVIDER = new MemberId("E2E", "COM", "2002");
    private static final SubsystemId APP = CONSUMER.subsystem("app");
    private static final SubsystemId API = PROVIDER.subsystem("api");
    private static final SecurityServerId SS1 = new SecurityServerId(CONSUMER, "ss1");
    private static final SecurityServerId SS2 = new SecurityServerId(PROVIDER, "ss2");
    private static final ServiceId PERSONS = new ServiceId(API, "persons");

    private static final MutableClock clock = new MutableClock(Instant.now());
    private static TestNetwork net;

    @BeforeAll
    static void start() {
        net = TestNetwork.builder()
                .member(CONSUMER, "Consumer Agency", "app")
                .member(PROVIDER, "Provider Company", "api")
                .server(SS1, APP)
                .server(SS2, API)
                .configure(SS1, GlobalConfExpiryTest::hourlyDownloads)
                .configure(SS2, GlobalConfExpiryTest::hourlyDownloads)
                .clock(clock)
                .start();
        ProviderIs is = net.providerIs("persons-is")
                .answer(r -> Reply.of(200, "application/json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8)));
        net.restService(PERSONS, is.url("/persons"));
        net.allow(APP, PERSONS);
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    private static SecurityServerConfig hourlyDownloads(SecurityServerConfig c) {
        ConfigurationClientConfig cc = c.configurationClient();
        return new SecurityServerConfig(c.dataDirectory(), c.listen(), c.adminApiKeys(), c.proxy(), c.store(), c.signer(),
                new ConfigurationClientConfig(cc.directory(), cc.anchorFile(), Duration.ofHours(1),
                        cc.allowedFederations(), cc.tlsCertVerification(), cc.hostnameVerification()));
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
