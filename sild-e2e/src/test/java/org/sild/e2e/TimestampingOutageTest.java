package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.e2e.TwoServers.API;
import static org.sild.e2e.TwoServers.APP;
import static org.sild.e2e.TwoServers.PERSONS;
import static org.sild.e2e.TwoServers.SS1;
import static org.sild.e2e.TwoServers.SS2;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.core.asic.AsicVerification;
import org.sild.core.asic.AsicVerifier;
import org.sild.core.asic.VerificationConf;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.runtime.confsource.InstanceDescription;
import org.sild.securityserver.messagelog.LogEntry;
import org.sild.securityserver.messagelog.MessageLogSettings;
import org.sild.testing.MutableClock;

/**
 * Acceptance 3 of the evidence issue: the TSA becomes unreachable (global configuration points the
 * approved TSA at a closed port); exchanges go on within the acceptable failure period; past it the
 * security servers refuse new exchanges with {@code LoggingFailed.TimestamperFailed}; when the TSA
 * is back the backlog is stamped, exchanges resume, and every record of both logs is stamped and
 * downloads as a valid container.
 *
 * <p>Every component runs on one {@link MutableClock}, so the failure period (60 s here) passes
 * without waiting. The time-stamper's own schedule is a day apart: the test stamps with
 * {@code stampPending()}, the call the schedule makes.
 */
class TimestampingOutageTest {

    private static final Duration FAILURE_PERIOD = Duration.ofSeconds(60);

    private static final MutableClock clock = new MutableClock(Instant.now());
    private static TestNetwork net;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        MessageLogSettings log = MessageLogSettings.builder().timestampInterval(Duration.ofDays(1))
                .timestampRetryDelay(Duration.ofDays(1)).acceptableTimestampFailurePeriod(FAILURE_PERIOD)
                .tsaConnectTimeout(Duration.ofSeconds(2)).build();
        net = TwoServers.builder()
                .configure(SS1, c -> c.withMessageLog(log))
                .configure(SS2, c -> c.withMessageLog(log))
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
    void exchangesContinueWithinThePeriodAreRefusedAfterItAndResumeWhenTheBacklogIsStamped() {
        var ids = new ArrayList<String>();
        ids.add(exchange());
        assertThat(stamp(SS1)).isEqualTo(2);
        assertThat(stamp(SS2)).isEqualTo(2);

        List<ApprovedTsa> working = net.globalConf().instance("E2E").orElseThrow().parameters().approvedTsas();
        setTsas(working.stream().map(t -> new ApprovedTsa(t.name(), "http://127.0.0.1:" + FreePorts.unused() + "/",
                t.cert(), t.costType())).toList());

        ids.add(exchange());
        for (SecurityServerId server : List.of(SS1, SS2)) {
            assertThatThrownBy(() -> stamp(server)).as("stamping on %s with the TSA down", server)
                    .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(
                            e.code().endsWith(ErrorCode.TIMESTAMPING_FAILED)).as(e.code().toString()).isTrue());
            assertThat(net.server(server).timestamper().failingSince()).contains(clock.instant());
        }
        clock.advance(FAILURE_PERIOD.minusSeconds(5));
        ids.add(exchange());
        assertThatThrownBy(() -> stamp(SS1)).as("the TSA is still down").isInstanceOf(XRoadException.class);

        clock.advance(Duration.ofSeconds(10));
        Answer refusedByConsumer = call();
        System.out.println("past the failure period the consumer's server answers: " + refusedByConsumer.status() + " "
                + refusedByConsumer.header("X-Road-Error").orElse("") + " " + refusedByConsumer.text());
        assertThat(refusedByConsumer.faultCodeText()).as(refusedByConsumer.toString())
                .hasValue("Server.ClientProxy.LoggingFailed.TimestamperFailed");
        assertThat(refusedByConsumer.text()).contains("time-stamping has failed since");

        setTsas(working);
        int backlog = stamp(SS1);
        assertThat(backlog).as("the consumer's backlog: requests and responses of two exchanges").isEqualTo(4);
        Answer refusedByProvider = call();
        System.out.println("with only the consumer's server recovered the provider's answers: "
                + refusedByProvider.status() + " " + refusedByProvider.header("X-Road-Error").orElse("") + " "
                + refusedByProvider.text());
        assertThat(refusedByProvider.faultCodeText()).as(refusedByProvider.toString())
                .hasValue("Server.ServerProxy.LoggingFailed.TimestamperFailed");
        assertThat(stamp(SS1)).as("the consumer's request record of the refused exchange").isEqualTo(1);
        assertThat(stamp(SS2)).as("the provider's backlog").isEqualTo(4);

        ids.add(exchange());
        assertThat(stamp(SS1)).isEqualTo(2);
        assertThat(stamp(SS2)).isEqualTo(2);
        assertEverythingStampedAndValid(ids);
    }

    /** Every record of both logs is stamped; each exchange's four containers download and verify. */
    private static void assertEverythingStampedAndValid(List<String> ids) {
        var verifier = new AsicVerifier(VerificationConf.load(Evidence.verificationConf(net, SS1, dir)));
        for (String id : ids) {
            for (var side : List.of(Map.entry(SS1, (ClientId) APP), Map.entry(SS2, (ClientId) API))) {
                List<LogEntry> log = net.server(side.getKey()).messageLog().findByQueryId(id);
                assertThat(log).as("%s on %s", id, side.getKey()).hasSize(2)
                        .allMatch(e -> e.timestampRecord().isPresent());
                Map<String, byte[]> containers = Evidence.containers(net, side.getKey(), side.getValue(), id);
                assertThat(containers).hasSize(2);
                containers.forEach((name, container) -> {
                    AsicVerification result = verifier.verify(container);
                    assertThat(result.valid()).as("%s: %s", name, result.reason()).isTrue();
                });
            }
        }
    }

    private static void setTsas(List<ApprovedTsa> tsas) {
        net.updateGlobalConf(d -> new InstanceDescription(d.instance(), d.memberClasses(), d.members(),
                d.securityServers(), d.approvedCas(), tsas, d.globalGroups(), d.ocspFreshnessSeconds(),
                d.timeStampingIntervalSeconds(), d.managementService(), d.federationAnchors(), d.optionalParts()));
    }

    private static int stamp(SecurityServerId server) {
        return net.server(server).timestamper().stampPending();
    }

    private static Answer call() {
        IsClient client = net.client(SS1);
        return client.send(client.rest(APP, "GET", PERSONS, "/1"));
    }

    /** An exchange that must succeed; its message id. */
    private static String exchange() {
        Answer answer = call();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.header("X-Road-Id").orElseThrow();
    }
}
