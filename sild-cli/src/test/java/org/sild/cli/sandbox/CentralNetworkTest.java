package org.sild.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sild.centralserver.registry.RequestFilter;
import org.sild.centralserver.registry.SigningKeyRecord;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.globalconf.SharedParametersIndex;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.id.XRoadIds;
import org.sild.runtime.http.HttpServer;
import org.sild.securityserver.globalconf.ConfigurationClient;
import org.sild.securityserver.globalconf.HttpConfigurationFetcher;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.LocalService.ServiceType;
import org.sild.securityserver.serverconf.ServiceSpec;

/**
 * An instance built through the real flows (central server, CSRs, authCertReg, clientReg through the
 * management services' server): every security server holds a configuration listing exactly the
 * members, servers and clients that were approved; a client added later through the admin API is
 * registered by a management request and can call a service within two configuration intervals.
 */
class CentralNetworkTest {

    private static final String INSTANCE = "TST";
    private static final MemberId AGENCY = new MemberId(INSTANCE, "GOV", "1");
    private static final MemberId COMPANY = new MemberId(INSTANCE, "COM", "2");
    private static final SubsystemId APP = AGENCY.subsystem("app");
    private static final SubsystemId NEWAPP = AGENCY.subsystem("newapp");
    private static final SubsystemId API = COMPANY.subsystem("api");
    private static final SecurityServerId SS1 = new SecurityServerId(AGENCY, "ss1");
    private static final SecurityServerId SS2 = new SecurityServerId(COMPANY, "ss2");
    private static final ServiceId PERSONS = new ServiceId(API, "persons");
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private static CentralNetwork net;
    private static HttpServer register;

    @BeforeAll
    static void start(@TempDir Path dir) {
        var layout = new LocalNetwork.Layout(INSTANCE, List.of(
                new LocalNetwork.Member(AGENCY, "Agency", List.of("app", "newapp")),
                new LocalNetwork.Member(COMPANY, "Company", List.of("api"))),
                List.of(new LocalNetwork.Server(SS1, ports(), List.of(APP)),
                        new LocalNetwork.Server(SS2, ports(), List.of(API))),
                0, 0, 0);
        net = CentralNetwork.start(layout, new CentralNetwork.CentralPorts(0, 0, 0), dir, Clock.systemUTC(),
                new SecureRandom(), (server, c) -> c.withConfigurationClient(c.configurationClient()
                        .withUpdateInterval(INTERVAL)));
        register = HttpServer.builder().name("persons-is").port(0).handler(PersonRegister.handler()).build().start();
        var ss2 = net.server(SS2).serverConf();
        ss2.serviceDescriptions().add(API, ServiceType.REST, register.uri().resolve("/"),
                List.of(ServiceSpec.of("persons")));
        ss2.accessRights().grant(API, AccessRight.wholeService(APP, "persons"));
        ss2.accessRights().grant(API, AccessRight.wholeService(NEWAPP, "persons"));
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
        if (register != null) {
            register.close();
        }
    }

    @Test
    void everyServerHoldsExactlyWhatWasApproved() {
        Map<SecurityServerId, Set<ClientId>> expected = new HashMap<>();
        expected.put(SS1, Set.of(APP, net.managementProvider()));
        expected.put(SS2, Set.of(API));
        for (SecurityServerId id : List.of(SS1, SS2)) {
            SharedParametersIndex conf = net.server(id).configurationClient().current(Clock.systemUTC().instant())
                    .instance(INSTANCE).orElseThrow();
            Map<SecurityServerId, Set<ClientId>> listed = new HashMap<>();
            for (SecurityServer s : conf.parameters().securityServers()) {
                listed.put(s.id(), new HashSet<>(s.clients()));
            }
            assertThat(listed).as("servers and their clients as %s holds them", id).isEqualTo(expected);
            assertThat(conf.parameters().members()).extracting(m -> m.id())
                    .containsExactlyInAnyOrder(AGENCY, COMPANY);
        }
    }

    @Test
    void aClientAddedThroughTheAdminApiCallsWithinTwoIntervals() throws Exception {
        assertThat(call(APP)).isEqualTo(200);

        var http = HttpClient.newHttpClient();
        URI admin = URI.create("http://127.0.0.1:" + net.server(SS1).adminPort() + "/api/v1/clients/"
                + "TST:GOV:1:newapp/registration");
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(admin)
                .header("Authorization", "X-Road-ApiKey token=" + LocalNetwork.PIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(sent.body()).contains("\"type\":\"clientReg\"");
        net.server(SS1).serverConf().clients().setConnectionType(NEWAPP, LocalClient.ConnectionType.NOSSL);

        int status = awaitStatus(NEWAPP, 200);
        assertThat(status).as("newapp calls once the next configuration lists it; central server: %s; requests: %s;"
                + " ss1's last download: %s", net.centralServer().registry().servers().get(SS1),
                net.centralServer().registry().managementRequests().list(
                        RequestFilter.all()),
                net.server(SS1).configurationClient().lastResult()).isEqualTo(200);
    }

    @Test
    void maintenanceModeRequestedByTheProviderServerReachesTheConsumersThroughGlobalConfiguration()
            throws Exception {
        assertThat(call(APP)).isEqualTo(200);

        assertThat(manage(SS2, "{\"type\": \"maintenanceModeEnable\", \"message\": \"upgrading\"}").statusCode())
                .isEqualTo(202);
        assertThat(net.server(SS2).serverConf().maintenance()).contains("upgrading");
        assertThat(awaitStatus(APP, 500)).as("consumers see ss2 in maintenance mode").isEqualTo(500);
        assertThat(answer(APP).body()).contains("Server.ClientProxy.MaintenanceMode").contains("upgrading");

        assertThat(manage(SS2, "{\"type\": \"maintenanceModeDisable\"}").statusCode()).isEqualTo(202);
        assertThat(awaitStatus(APP, 200)).isEqualTo(200);

        HttpResponse<String> refused = manage(SS2, "{\"type\": \"clientRename\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("client");
    }

    @Test
    void theCentralServersSigningKeyRotatesWhileExchangesRun(@TempDir Path away) throws Exception {
        byte[] oldAnchor = net.centralServer().publisher().internalAnchor().orElseThrow().toXml();
        var failures = new ConcurrentLinkedQueue<Integer>();
        var done = new AtomicInteger();
        var running = new AtomicBoolean(true);
        Thread traffic = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                try {
                    int status = call(APP);
                    if (status != 200) {
                        failures.add(status);
                    }
                } catch (Exception e) {
                    failures.add(-1);
                }
                done.incrementAndGet();
            }
        });
        try {
            var keys = net.centralServer().keys();
            SigningKeyRecord next = keys.generate(SigningKeyRecord.Kind.INTERNAL, "test");
            assertThat(next.state()).isEqualTo(SigningKeyRecord.State.ANNOUNCED);
            downloadEverywhere();
            awaitExchanges(done, done.get() + 3);
            keys.activate(next.keyId(), "test");
            downloadEverywhere();
            awaitExchanges(done, done.get() + 3);
        } finally {
            running.set(false);
            traffic.join();
        }
        assertThat(failures).as("exchanges during the rotation").isEmpty();

        try (var fetcher = HttpConfigurationFetcher.create();
             var missedIt = ConfigurationClient.builder(away.resolve("globalconf"))
                     .anchor(ConfigurationAnchor.parse(oldAnchor)).fetcher(fetcher).build()) {
            assertThat(missedIt.update().updated()).as("the old anchor alone does not know the new key").isFalse();
            missedIt.importAnchor(net.centralServer().publisher().internalAnchor().orElseThrow().toXml());
            assertThat(missedIt.update().updated()).isTrue();
        }
    }

    /** Every server downloads now (the periodic runs would within an interval). */
    private static void downloadEverywhere() {
        for (SecurityServerId id : List.of(SS1, SS2)) {
            var result = net.server(id).configurationClient().update();
            assertThat(result.updated() || result.problems().isEmpty()).as("%s: %s", id, result).isTrue();
        }
    }

    private static void awaitExchanges(AtomicInteger done, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (done.get() < count) {
            assertThat(System.nanoTime()).as("%d of %d exchanges in 60 s", done.get(), count).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static HttpResponse<String> manage(SecurityServerId server, String json) throws Exception {
        URI admin = URI.create("http://127.0.0.1:" + net.server(server).adminPort() + "/api/v1/management-requests");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(admin)
                .header("Authorization", "X-Road-ApiKey token=" + LocalNetwork.PIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Calls as {@code client} until the answer has {@code status}, for at most two intervals and a margin. */
    private static int awaitStatus(ClientId client, int status) throws Exception {
        long deadline = System.nanoTime() + INTERVAL.multipliedBy(2).plusSeconds(5).toNanos();
        int got = call(client);
        while (got != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            got = call(client);
        }
        return got;
    }

    /** Free ports for a server: its message port with the OCSP port 77 above it (X-Road's rule), the rest any. */
    private static LocalNetwork.Ports ports() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (var a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 var b = new ServerSocket(a.getLocalPort() + 77, 1, InetAddress.getLoopbackAddress())) {
                return new LocalNetwork.Ports(0, 0, a.getLocalPort(), b.getLocalPort(), 0);
            } catch (IOException | IllegalArgumentException taken) {
                // try another pair
            }
        }
        throw new IllegalStateException("no free pair of ports 77 apart");
    }

    /** The HTTP status of a REST call from {@code client} through ss1 to persons. */
    private static int call(ClientId client) throws Exception {
        return answer(client).statusCode();
    }

    /** The answer to a REST call from {@code client} through ss1 to persons. */
    private static HttpResponse<String> answer(ClientId client) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + net.server(SS1).clientHttpPort() + "/r1/"
                + XRoadIds.toPath(PERSONS) + "/" + DemoPeople.all().get(0).personalCode());
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("X-Road-Client",
                XRoadIds.toPath(client)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
