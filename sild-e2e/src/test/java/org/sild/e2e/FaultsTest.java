package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.fault.ErrorCode.ACCESS_DENIED;
import static org.sild.core.fault.ErrorCode.CLIENT;
import static org.sild.core.fault.ErrorCode.CLIENT_PROXY;
import static org.sild.core.fault.ErrorCode.IO_ERROR;
import static org.sild.core.fault.ErrorCode.MAINTENANCE_MODE;
import static org.sild.core.fault.ErrorCode.MISSING_HEADER_FIELD;
import static org.sild.core.fault.ErrorCode.NETWORK_ERROR;
import static org.sild.core.fault.ErrorCode.SERVER;
import static org.sild.core.fault.ErrorCode.SERVER_PROXY;
import static org.sild.core.fault.ErrorCode.SERVICE_DISABLED;
import static org.sild.core.fault.ErrorCode.SERVICE_FAILED;
import static org.sild.core.fault.ErrorCode.UNKNOWN_MEMBER;
import static org.sild.core.fault.ErrorCode.UNKNOWN_SERVICE;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.FaultStyle;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.e2e.ProviderIs.Reply;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServiceDescription;
import org.sild.securityserver.serverconf.ServiceSpec;

/**
 * What goes wrong between two security servers reaches the information system as X-Road's fault:
 * a SOAP fault with HTTP 200, or REST error JSON with {@code X-Road-Error} and 500 ({@code Server.*})
 * or 400 ({@code Client.*}). Codes are compared as {@link FaultCode}s, so the classic and the 7.8
 * spellings both pass; a server configured with {@link FaultStyle#SNAKE_CASE} must spell 7.8's.
 */
class FaultsTest {

    static final MemberId CONSUMER = new MemberId("E2E", "GOV", "1001");
    static final MemberId PROVIDER = new MemberId("E2E", "COM", "2002");
    static final MemberId MODERN_MEMBER = new MemberId("E2E", "COM", "3003");
    static final MemberId GONE_MEMBER = new MemberId("E2E", "COM", "4004");
    static final SubsystemId APP = CONSUMER.subsystem("app");
    static final SubsystemId STRANGER = CONSUMER.subsystem("stranger");
    static final SubsystemId API = PROVIDER.subsystem("api");
    static final SubsystemId MODERN = MODERN_MEMBER.subsystem("modern");
    static final SubsystemId MODERN_API = MODERN_MEMBER.subsystem("modernapi");
    static final SubsystemId GONE = GONE_MEMBER.subsystem("gone");
    static final SecurityServerId SS1 = new SecurityServerId(CONSUMER, "ss1");
    static final SecurityServerId SS2 = new SecurityServerId(PROVIDER, "ss2");
    /** Speaks X-Road 7.8's fault codes. */
    static final SecurityServerId SS3 = new SecurityServerId(MODERN_MEMBER, "ss3");
    /** Stopped by the test that needs an unreachable provider server. */
    static final SecurityServerId SS4 = new SecurityServerId(GONE_MEMBER, "ss4");

    /** The two ways an information system talks to its security server. */
    enum Protocol {
        SOAP, REST;

        /** The service {@code name} of {@code provider} as this protocol's variant. */
        ServiceId service(ClientId provider, String name) {
            return this == SOAP ? new ServiceId(provider, name, "v1") : new ServiceId(provider, name + "Rest");
        }
    }

    private static TestNetwork net;
    private static ProviderIs is;
    private static ProviderIs slowIs;
    private static volatile CountDownLatch releaseSlow = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        net = TestNetwork.builder()
                .member(CONSUMER, "Consumer Agency", "app", "stranger")
                .member(PROVIDER, "Provider Company", "api")
                .member(MODERN_MEMBER, "Modern Company", "modern", "modernapi")
                .member(GONE_MEMBER, "Gone Company", "gone")
                .server(SS1, APP)
                .server(SS2, API)
                .server(SS3, MODERN, MODERN_API)
                .server(SS4, GONE)
                .proxy(SS3, p -> p.faultStyle(FaultStyle.SNAKE_CASE))
                .start();
        is = net.providerIs("provider-is").answer(FaultsTest::answer);
        slowIs = net.providerIs("slow-is").answer(r -> {
            releaseSlow.await(30, TimeUnit.SECONDS);
            return answer(r);
        });
        int closedPort = FreePorts.unused();
        for (Protocol p : Protocol.values()) {
            register(p, API, "allowed", is, d -> d);
            register(p, API, "denied", is, d -> d);
            register(p, API, "retired", is, d -> d);
            ServiceId offline = p.service(API, "offline");
            net.service(offline, p == Protocol.SOAP ? ServiceType.WSDL : ServiceType.REST,
                    URI.create("http://127.0.0.1:" + closedPort + "/" + offline.serviceCode()), s -> s);
            register(p, API, "slow", slowIs, s -> s.withTimeout(Duration.ofSeconds(1)));
            register(p, GONE, "far", is, d -> d);
            register(p, MODERN_API, "modernDenied", is, d -> d);
            for (String name : new String[] {"allowed", "retired", "offline", "slow"}) {
                net.allow(APP, p.service(API, name));
            }
            net.allow(APP, p.service(GONE, "far"));
            ServiceId retired = p.service(API, "retired");
            ServiceDescription d = net.confOf(API).serviceDescriptions().descriptionOf(retired).orElseThrow();
            net.confOf(API).serviceDescriptions().disable(d.id(), "retired at the end of 2025");
        }
    }

    /** Registers {@code name} of {@code provider} at its own URL on {@code system} (so each description stands alone). */
    private static void register(Protocol p, ClientId provider, String name, ProviderIs system,
            UnaryOperator<ServiceSpec> spec) {
        ServiceId id = p.service(provider, name);
        net.service(id, p == Protocol.SOAP ? ServiceType.WSDL : ServiceType.REST,
                system.url("/" + provider.subsystemCode().orElseThrow() + "/" + id.serviceCode()), spec);
    }

    private static Reply answer(ProviderIs.Received r) {
        if (r.header("Content-Type").orElse("").startsWith("text/xml")) {
            return Reply.of(200, "text/xml; charset=UTF-8", Soap.answer(r.body()));
        }
        return Reply.of(200, "application/json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        releaseSlow.countDown();
        net.close();
    }

    @BeforeEach
    void clear() {
        is.clear();
        slowIs.clear();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anAllowedCallSucceeds(Protocol p) {
        Answer answer = call(p, SS1, APP, p.service(API, "allowed"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.faultCode()).isEmpty();
        assertThat(is.received()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void accessDenied(Protocol p) {
        assertFault(p, call(p, SS1, APP, p.service(API, "denied")), FaultCode.of(SERVER, SERVER_PROXY, ACCESS_DENIED));
        assertThat(is.received()).as("nothing reaches the provider IS").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void unknownService(Protocol p) {
        assertFault(p, call(p, SS1, APP, p.service(API, "nothingHere")),
                FaultCode.of(SERVER, SERVER_PROXY, UNKNOWN_SERVICE));
        assertThat(is.received()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void disabledService(Protocol p) {
        Answer answer = call(p, SS1, APP, p.service(API, "retired"));

        assertFault(p, answer, FaultCode.of(SERVER, SERVER_PROXY, SERVICE_DISABLED));
        assertThat(answer.text()).contains("retired at the end of 2025");
        assertThat(is.received()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void unknownClient(Protocol p) {
        assertFault(p, call(p, SS1, STRANGER, p.service(API, "allowed")),
                FaultCode.of(SERVER, CLIENT_PROXY, UNKNOWN_MEMBER));
        assertThat(is.received()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void missingClientIsAClientFault(Protocol p) {
        Answer answer = p == Protocol.SOAP
                ? net.client(SS1).soapCall(withoutClientHeader(Soap.request(APP, p.service(API, "allowed"), id(),
                        "<e:allowed xmlns:e=\"urn:e2e\"/>")))
                : net.client(SS1).send(net.client(SS1).rest(APP, "GET", p.service(API, "allowed"), "/1")
                        .headers(h -> h.remove("X-Road-Client")));

        assertFault(p, answer, FaultCode.of(CLIENT, MISSING_HEADER_FIELD));
        assertThat(is.received()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void providerInformationSystemDown(Protocol p) {
        assertFault(p, call(p, SS1, APP, p.service(API, "offline")),
                FaultCode.of(SERVER, SERVER_PROXY, SERVICE_FAILED, NETWORK_ERROR));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void providerInformationSystemTooSlow(Protocol p) {
        releaseSlow = new CountDownLatch(1);
        try {
            long begin = System.nanoTime();
            Answer answer = call(p, SS1, APP, p.service(API, "slow"));
            Duration took = Duration.ofNanos(System.nanoTime() - begin);

            assertFault(p, answer, FaultCode.of(SERVER, SERVER_PROXY, SERVICE_FAILED, IO_ERROR));
            assertThat(slowIs.received()).as("the request reached the slow IS").hasSize(1);
            assertThat(took).as("the service's 1 s timeout applied, not the 60 s default").isLessThan(Duration.ofSeconds(20));
        } finally {
            releaseSlow.countDown();
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void providerServerInMaintenanceModeInGlobalConfiguration(Protocol p) {
        net.maintenance(SS2, "upgrading until 14:00");
        try {
            Answer answer = call(p, SS1, APP, p.service(API, "allowed"));

            assertFault(p, answer, FaultCode.of(SERVER, CLIENT_PROXY, MAINTENANCE_MODE));
            assertThat(answer.text()).contains("upgrading until 14:00");
            assertThat(is.received()).isEmpty();
        } finally {
            net.endMaintenance(SS2);
        }
        assertThat(call(p, SS1, APP, p.service(API, "allowed")).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void snakeCaseServerSpellsClientProxyFaultsAs78(Protocol p) {
        Answer answer = call(p, SS3, STRANGER, p.service(API, "allowed"));

        assertFault(p, answer, FaultCode.of(SERVER, CLIENT_PROXY, UNKNOWN_MEMBER));
        assertThat(answer.faultCodeText()).contains("server.clientproxy.unknown_member");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void snakeCaseServerSpellsServerProxyFaultsAs78(Protocol p) {
        Answer answer = call(p, SS3, MODERN, p.service(MODERN_API, "modernDenied"));

        assertFault(p, answer, FaultCode.of(SERVER, SERVER_PROXY, ACCESS_DENIED));
        assertThat(answer.faultCodeText()).contains("server.serverproxy.access_denied");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aClassicConsumerPassesA78FaultOnAsTheSameCode(Protocol p) {
        assertFault(p, call(p, SS1, APP, p.service(MODERN_API, "modernDenied")),
                FaultCode.of(SERVER, SERVER_PROXY, ACCESS_DENIED));
    }

    /** Last in effect for SS4, whatever the order: nothing else uses it. */
    @Test
    void noProviderServerReachable() {
        for (Protocol p : Protocol.values()) {
            assertThat(call(p, SS1, APP, p.service(GONE, "far")).status()).as("reachable before it stops").isEqualTo(200);
        }
        net.stop(SS4);

        for (Protocol p : Protocol.values()) {
            assertFault(p, call(p, SS1, APP, p.service(GONE, "far")), FaultCode.of(SERVER, CLIENT_PROXY, NETWORK_ERROR));
        }
    }

    private static Answer call(Protocol p, SecurityServerId via, ClientId client, ServiceId service) {
        IsClient isClient = net.client(via);
        if (p == Protocol.SOAP) {
            return isClient.soapCall(Soap.request(client, service, id(),
                    "<e:" + service.serviceCode() + " xmlns:e=\"urn:e2e\"><e:n>1</e:n></e:" + service.serviceCode() + ">"));
        }
        return isClient.send(isClient.rest(client, "GET", service, "/item/1").headers(h -> h.put("X-Road-Id", id())));
    }

    private static String id() {
        return "fault-" + UUID.randomUUID();
    }

    private static byte[] withoutClientHeader(byte[] request) {
        String text = new String(request, StandardCharsets.UTF_8);
        return text.replaceFirst("(?s)<xrd:client\\b.*?</xrd:client>", "").getBytes(StandardCharsets.UTF_8);
    }

    /** The answer is {@code expected} in the protocol's fault form. */
    private static void assertFault(Protocol p, Answer answer, FaultCode expected) {
        assertThat(answer.faultCode()).as(answer.toString()).contains(expected);
        if (p == Protocol.SOAP) {
            assertThat(answer.status()).as("SOAP faults from a security server come with HTTP 200").isEqualTo(200);
            assertThat(answer.contentType()).startsWith("text/xml");
            assertThat(answer.header("X-Road-Error")).isEmpty();
        } else {
            boolean server = expected.isServerFault();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(server ? 500 : 400);
            assertThat(answer.contentType()).startsWith("application/json");
            Map<String, Object> json = answer.json();
            assertThat(json.get("type")).isEqualTo(answer.header("X-Road-Error").orElseThrow());
            assertThat(json).containsKeys("message", "detail");
        }
    }
}
