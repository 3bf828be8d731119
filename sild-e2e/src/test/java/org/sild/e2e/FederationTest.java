package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.e2e.ProviderIs.Reply;

/**
 * Two instances, each with its own trust services and configuration source: once each publishes
 * the other's external anchor and each security server allows the other instance, a subsystem of
 * {@code DEV} calls a REST service of {@code FED}; when {@code DEV} stops trusting {@code FED}, the
 * call fails with {@code Server.ClientProxy.UnknownMember} (the provider is in no configuration the
 * consumer trusts) and nothing reaches the provider.
 */
class FederationTest {

    private static final MemberId PORTAL_MEMBER = new MemberId("DEV", "GOV", "70000003");
    private static final MemberId FED_MEMBER = new MemberId("FED", "GOV", "80000001");
    private static final SubsystemId PORTAL = PORTAL_MEMBER.subsystem("portal");
    private static final SubsystemId DEMO = FED_MEMBER.subsystem("demo");
    private static final SecurityServerId SS1 = new SecurityServerId(PORTAL_MEMBER, "ss1");
    private static final SecurityServerId FED_SS = new SecurityServerId(FED_MEMBER, "fedss1");
    private static final ServiceId GREETING = new ServiceId(DEMO, "greeting");

    private static TestNetwork dev;
    private static TestNetwork fed;
    private static ProviderIs greeter;

    @BeforeAll
    static void start() {
        dev = TestNetwork.builder().member(PORTAL_MEMBER, "State Portal", "portal").server(SS1, PORTAL)
                .configurationClient(SS1, c -> c.withAllowedFederations("FED")).start();
        fed = TestNetwork.builder().member(FED_MEMBER, "Federated Agency", "demo").server(FED_SS, DEMO)
                .configurationClient(FED_SS, c -> c.withAllowedFederations("DEV")).start();
        greeter = fed.providerIs("greeting-is").answer(r -> Reply.of(200, "application/json",
                "{\"greeting\":\"Tere from FED\"}".getBytes(StandardCharsets.UTF_8)));
        fed.restService(GREETING, greeter.url("/greeting"));
        fed.allow(PORTAL, GREETING);
        dev.updateGlobalConf(d -> d.toBuilder().federationAnchor(fed.local().configurationSource().externalAnchor())
                .build());
        fed.updateGlobalConf(d -> d.toBuilder().federationAnchor(dev.local().configurationSource().externalAnchor())
                .build());
        dev.awaitFederatedInstance("FED", Duration.ofSeconds(30));
        fed.awaitFederatedInstance("DEV", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (dev != null) {
            dev.close();
        }
        if (fed != null) {
            fed.close();
        }
    }

    @Test
    void aDevSubsystemCallsAFedServiceUntilDevStopsTrustingFed() {
        Answer answer = call();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, Object> json = answer.json();
        assertThat(json.get("greeting")).isEqualTo("Tere from FED");
        assertThat(answer.header("X-Road-Id")).isPresent();
        assertThat(greeter.received()).hasSize(1);

        dev.updateGlobalConf(d -> d.toBuilder().removeFederationAnchor("FED").build());
        greeter.clear();

        Answer refused = call();
        assertThat(refused.faultCode()).as(refused.toString()).hasValueSatisfying(code -> assertThat(code)
                .isEqualTo(FaultCode.of(ErrorCode.SERVER, ErrorCode.CLIENT_PROXY, ErrorCode.UNKNOWN_MEMBER)));
        assertThat(refused.status()).isEqualTo(500);
        assertThat(greeter.received()).as("nothing reaches the FED provider").isEmpty();
    }

    private static Answer call() {
        IsClient client = dev.client(SS1);
        return client.send(client.rest(PORTAL, "GET", GREETING, ""));
    }
}
