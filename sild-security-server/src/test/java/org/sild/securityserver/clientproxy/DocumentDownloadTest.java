package org.sild.securityserver.clientproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.asic.AsicContainer;
import org.sild.core.asic.AsicNames;
import org.sild.core.asic.VerificationConf;
import org.sild.core.globalconf.GlobalSettings;
import org.sild.core.globalconf.MemberClass;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.signature.SignatureData;
import org.sild.core.transport.MessageType;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.tls.ClientTls;
import org.sild.runtime.tls.PeerTrust;
import org.sild.runtime.tls.TlsContexts;
import org.sild.runtime.tls.TlsProfile;
import org.sild.securityserver.messagelog.EvidenceQuery;
import org.sild.securityserver.messagelog.LogRecord;
import org.sild.securityserver.messagelog.StoreMessageLog;
import org.sild.securityserver.proxy.FakeGlobalConf;
import org.sild.securityserver.proxy.FakeServerConf;
import org.sild.securityserver.proxy.FakeSigner;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.proxy.ProxySettings;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.TestStore;
import org.sild.testing.IssuedCert;
import org.sild.testing.TestDatabases;
import org.sild.testing.TestPki;

/** {@code GET /asic} and {@code GET /verificationconf} on a real client port over the store. */
class DocumentDownloadTest {

    static final MemberId OWNER = new MemberId("EE", "GOV", "owner");
    static final SubsystemId CLIENT = OWNER.subsystem("portal");
    static final SubsystemId TLS_CLIENT = OWNER.subsystem("secure");
    static final SubsystemId OTHER = new SubsystemId("EE", "GOV", "other", "shop");
    static final SubsystemId UNREGISTERED = new SubsystemId("EE", "GOV", "ghost", "sub");
    static final ServiceId SERVICE = new ServiceId(new SubsystemId("EE", "COM", "provider", "api"), "getData");
    static final Instant T = Instant.parse("2026-02-03T04:05:06Z");

    static Path dir;
    static TestStore db;
    static StoreMessageLog log;
    static HttpServer http;
    static HttpServer https;
    static ClientProxy proxy;
    static ManagedHttpClient client;
    static IssuedCert isCert;
    static IssuedCert otherCert;
    static final AtomicInteger stampCalls = new AtomicInteger();
    static final List<Long> stampOnForce = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("sild-asic-download");
        db = TestStore.open(TestDatabases.H2);
        log = new StoreMessageLog(db.store());
        TestPki pki = TestPki.builder().instance("EE").build();
        isCert = pki.issue(pki.authSpec(new X500Principal("CN=secure-is")).build());
        otherCert = pki.issue(pki.authSpec(new X500Principal("CN=other-is")).build());
        var conf = new FakeServerConf(new SecurityServerId(OWNER, "ss1"))
                .client(new LocalClient(CLIENT, LocalClient.Status.REGISTERED, LocalClient.ConnectionType.NOSSL, List.of()))
                .client(new LocalClient(OTHER, LocalClient.Status.REGISTERED, LocalClient.ConnectionType.NOSSL, List.of()))
                .client(new LocalClient(TLS_CLIENT, LocalClient.Status.REGISTERED, LocalClient.ConnectionType.SSLAUTH,
                        List.of(isCert.certificate())));
        Path gc = dir.resolve("gc");
        var globalConf = new FakeGlobalConf(gc);
        globalConf.publish(SharedParameters.builder("EE").globalSettings(new GlobalSettings(List.of(
                new MemberClass("GOV", "Government")), 3600)).build(), T.plusSeconds(3600));
        proxy = ClientProxy.builder().settings(ProxySettings.builder().spoolDirectory(dir).build()).serverConf(conf)
                .globalConf(globalConf).signer(new FakeSigner(pki, pki.authCert("ss1")))
                .messageLog(log).evidence(new EvidenceQuery(db.store())).stampPending(DocumentDownloadTest::stamp)
                .verificationConf(() -> VerificationConf.zip(StoredGlobalConf.load(gc))).build();
        http = HttpServer.builder().name("client-http").handler(proxy.handler()).build().start();
        IssuedCert internal = pki.issue(pki.authSpec(new X500Principal("CN=internal")).build());
        https = HttpServer.builder().name("client-https").tls(ClientProxy.clientPortTls(internal.privateKey(),
                internal.chain())).handler(proxy.handler()).build().start();
        client = HttpClients.builder().name("test-is").build();
    }

    @AfterAll
    static void stop() {
        client.close();
        https.close();
        http.close();
        proxy.close();
        log.close();
        db.close();
    }

    @BeforeEach
    void reset() {
        stampCalls.set(0);
        stampOnForce.clear();
    }

    @Test
    void allContainersOfAQueryIdAsAZip() throws IOException {
        String q = newQueryId();
        long request = append(q, CLIENT, false);
        long response = append(q, CLIENT, true);
        stampSingle(request, response);

        var answer = get(client, http, "/asic?queryId=" + q + clientParams(CLIENT));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/zip");
        assertThat(answer.headers().get("Content-Disposition")).isEqualTo("attachment; filename=\"" + q + ".zip\"");
        List<String> names = zipNames(answer.body());
        assertThat(names).containsExactly(AsicNames.containerName(q, false, request),
                AsicNames.containerName(q, true, response));
    }

    @Test
    void requestOnlyResponseOnlyAndUnique() {
        String q = newQueryId();
        long request = append(q, CLIENT, false);
        long response = append(q, CLIENT, true);
        stampSingle(request, response);

        var requests = get(client, http, "/asic?queryId=" + q + clientParams(CLIENT) + "&requestOnly");
        assertThat(requests.headers().get("Content-Disposition")).endsWith("filename=\"" + q + "-request.zip\"");
        assertThat(zipNames(requests.body())).containsExactly(AsicNames.containerName(q, false, request));

        var responses = get(client, http, "/asic?queryId=" + q + clientParams(CLIENT) + "&responseOnly=");
        assertThat(responses.headers().get("Content-Disposition")).endsWith("filename=\"" + q + "-response.zip\"");
        assertThat(zipNames(responses.body())).containsExactly(AsicNames.containerName(q, true, response));

        var unique = get(client, http, "/asic?queryId=" + q + clientParams(CLIENT) + "&responseOnly&unique");
        assertThat(unique.status()).isEqualTo(200);
        assertThat(unique.contentType()).isEqualTo(AsicContainer.MIME_TYPE);
        assertThat(unique.headers().get("Content-Disposition"))
                .isEqualTo("attachment; filename=\"" + AsicNames.containerName(q, true, response) + "\"");
        AsicContainer container = AsicContainer.read(unique.body());
        assertThat(new String(container.message(), StandardCharsets.UTF_8)).contains(q + " response");
    }

    @Test
    void badParametersAre400() {
        String q = newQueryId();
        stampSingle(append(q, CLIENT, false));
        assertThat(get(client, http, "/asic?queryId=" + q + clientParams(CLIENT) + "&requestOnly&responseOnly"))
                .satisfies(a -> assertThat(a.status()).isEqualTo(400))
                .satisfies(a -> assertThat(a.text()).contains("cannot be used at the same time"));
        assertThat(get(client, http, "/asic?queryId=" + q + clientParams(CLIENT) + "&unique").status()).isEqualTo(400);
        assertThat(get(client, http, "/asic?queryId=" + q + "&xRoadInstance=EE&memberClass=GOV")).satisfies(
                a -> assertThat(a.status()).isEqualTo(400), a -> assertThat(a.text()).contains("\"memberCode\""),
                a -> assertThat(a.contentType()).startsWith("text/plain"));
        assertThat(get(client, http, "/asic?" + clientParams(CLIENT).substring(1)).text()).contains("\"queryId\"");
    }

    @Test
    void nothingFoundOrNotYetTimeStampedIs404() {
        assertThat(get(client, http, "/asic?queryId=" + newQueryId() + clientParams(CLIENT)))
                .satisfies(a -> assertThat(a.status()).isEqualTo(404))
                .satisfies(a -> assertThat(a.text()).isEqualTo("No signed documents found"));
        String q = newQueryId();
        append(q, CLIENT, false);
        assertThat(get(client, http, "/asic?queryId=" + q + clientParams(CLIENT) + "&requestOnly&unique"))
                .satisfies(a -> assertThat(a.status()).isEqualTo(404))
                .satisfies(a -> assertThat(a.text()).isEqualTo("Message signature has not been timestamped yet!"));
        assertThat(stampCalls).hasValue(0);
    }

    @Test
    void forceTimeStampsFirstOrFailsWith500() {
        String q = newQueryId();
        long id = append(q, CLIENT, false);
        var failed = get(client, http, "/asic?queryId=" + q + clientParams(CLIENT) + "&force");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.text()).isEqualTo("Could not create missing timestamp!");
        assertThat(stampCalls).hasValue(1);

        stampOnForce.add(id);
        var forced = get(client, http, "/asic?queryId=" + q + clientParams(CLIENT) + "&force");
        assertThat(forced.status()).isEqualTo(200);
        assertThat(zipNames(forced.body())).containsExactly(AsicNames.containerName(q, false, id));
    }

    @Test
    void onlyTheClientItselfGetsItsDocuments() {
        String q = newQueryId();
        stampSingle(append(q, CLIENT, false));

        assertThat(get(client, http, "/asic?queryId=" + q + clientParams(OTHER)).status())
                .as("another local client finds nothing of this client's").isEqualTo(404);
        assertThat(get(client, http, "/asic?queryId=" + q + clientParams(UNREGISTERED)))
                .satisfies(a -> assertThat(a.status()).isEqualTo(401))
                .satisfies(a -> assertThat(a.text()).contains("not found"));
        assertThat(get(client, http, "/asic?queryId=" + q + clientParams(CLIENT.member())).status())
                .as("the member is another client than its subsystem").isEqualTo(401);
    }

    @Test
    void aClientWithTlsAuthenticationMustPresentItsCertificate() {
        String q = newQueryId();
        stampSingle(append(q, TLS_CLIENT, false));
        String path = "/asic?queryId=" + q + clientParams(TLS_CLIENT);

        assertThat(get(client, http, path).status()).as("plain HTTP").isEqualTo(401);
        try (var withCert = tlsClient(Optional.of(isCert)); var withOther = tlsClient(Optional.of(otherCert));
                var noCert = tlsClient(Optional.empty())) {
            assertThat(get(noCert, https, path).status()).isEqualTo(401);
            assertThat(get(withOther, https, path).status()).isEqualTo(401);
            assertThat(get(withCert, https, path).status()).isEqualTo(200);
        }
    }

    @Test
    void verificationConfIsServed() throws IOException {
        var answer = get(client, http, "/verificationconf");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/zip");
        assertThat(answer.headers().get("Content-Disposition")).isEqualTo("filename=\"verificationconf.zip\"");
        var entries = new java.util.LinkedHashMap<String, String>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(answer.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries.keySet()).containsExactlyInAnyOrder("verificationconf/instance-identifier",
                "verificationconf/EE/shared-params.xml", "verificationconf/EE/shared-params.xml.metadata");
        assertThat(entries.get("verificationconf/instance-identifier")).isEqualTo("EE");
        assertThat(entries.get("verificationconf/EE/shared-params.xml.metadata")).contains("configurationVersion")
                .doesNotContain("expirationDate", "contentIdentifier");
        assertThat(VerificationConf.fromZip(new ByteArrayInputStream(answer.body()))).isNotNull();
    }

    private static void stamp() {
        stampCalls.incrementAndGet();
        if (!stampOnForce.isEmpty()) {
            stampSingle(stampOnForce.stream().mapToLong(Long::longValue).toArray());
        }
    }

    private static long append(String queryId, ClientId client, boolean response) {
        String requestId = UUID.randomUUID().toString();
        log.append(new LogRecord(queryId, requestId, client, SERVICE, response, MessageType.SOAP,
                ("<Envelope>" + queryId + (response ? " response" : " request") + "</Envelope>")
                        .getBytes(StandardCharsets.UTF_8), Optional.empty(),
                SignatureData.of("<signatures/>".getBytes(StandardCharsets.UTF_8)), T));
        return log.findByRequestId(requestId).getFirst().id();
    }

    private static void stampSingle(long... ids) {
        db.store().runInTransaction(c -> {
            long ts;
            try (var ps = c.prepareStatement("INSERT INTO message_log_timestamp (stamp_time, token, archived)"
                    + " VALUES (1, ?, FALSE)", new String[] {"id"})) {
                ps.setBytes(1, new byte[] {0x30, 0});
                ps.executeUpdate();
                try (var rs = ps.getGeneratedKeys()) {
                    rs.next();
                    ts = rs.getLong(1);
                }
            }
            for (long id : ids) {
                try (var ps = c.prepareStatement("UPDATE message_log SET timestamp_record = ? WHERE id = ?")) {
                    ps.setLong(1, ts);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
            }
        });
    }

    private static String newQueryId() {
        return "q-" + UUID.randomUUID();
    }

    private static String clientParams(ClientId id) {
        return "&xRoadInstance=" + id.instance() + "&memberClass=" + id.memberClass() + "&memberCode=" + id.memberCode()
                + id.subsystemCode().map(s -> "&subsystemCode=" + s).orElse("");
    }

    private static ProxyHarness.Answer get(ManagedHttpClient c, HttpServer server, String path) {
        String scheme = server.isSecure() ? "https" : "http";
        return ProxyHarness.send(c.newRequest(URI.create(scheme + "://127.0.0.1:" + server.port() + path)).method("GET"));
    }

    private static ManagedHttpClient tlsClient(Optional<IssuedCert> cert) {
        var builder = TlsContexts.builder().trust(PeerTrust.acceptAny());
        cert.ifPresent(c -> builder.key(c.privateKey(), c.chain()));
        return HttpClients.builder().name("is-tls").tls(new ClientTls(builder.build(), TlsProfile.CLIENT_FACING, false))
                .build();
    }

    private static List<String> zipNames(byte[] zip) {
        var names = new ArrayList<String>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                assertThat(AsicContainer.read(in.readAllBytes()).message()).isNotEmpty();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }
}
