package org.sild.securityserver.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.sild.core.globalconf.ApprovedCa;
import org.sild.core.globalconf.GlobalGroup;
import org.sild.core.globalconf.GlobalSettings;
import org.sild.core.globalconf.Member;
import org.sild.core.globalconf.MemberClass;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.pki.CertHashes;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.tls.ClientTls;
import org.sild.securityserver.clientproxy.ClientProxy;
import org.sild.securityserver.datatracker.DataTracker;
import org.sild.securityserver.datatracker.FindUsage;
import org.sild.securityserver.envmonitor.EnvMonitor;
import org.sild.securityserver.opmonitor.OpMonitor;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.LocalService;
import org.sild.securityserver.serverproxy.ServerProxy;
import org.sild.testing.IssuedCert;
import org.sild.testing.TestPki;

/**
 * Two security servers and a provider information system on 127.0.0.1, real TLS and signatures:
 * a consumer server (client proxy on an HTTP and an HTTPS client port) hosting
 * {@link #CONSUMER} and {@link #CONSUMER_SUB}, a provider server (server proxy on a mutual-TLS port,
 * OCSP responder on its OCSP port) hosting {@link #PRODUCER} and {@link #PRODUCER_SUB}, and a provider
 * information system whose behaviour tests set with {@link #providerIs}. Global configuration is
 * written with core's writers and loaded through {@code StoredGlobalConf}.
 *
 * <p>Defaults: SOAP service {@code getState} of {@link #PRODUCER} and REST service {@code persons} of
 * {@link #PRODUCER_SUB} (base URL {@code /api} on the information system), open to the consumer's
 * member and subsystem respectively.
 */
public final class ProxyHarness implements AutoCloseable {

    public static final String INSTANCE = "EE";
    public static final MemberId CONSUMER = new MemberId(INSTANCE, "BUSINESS", "consumer");
    public static final SubsystemId CONSUMER_SUB = CONSUMER.subsystem("subsys1");
    public static final MemberId PRODUCER = new MemberId(INSTANCE, "BUSINESS", "producer");
    public static final SubsystemId PRODUCER_SUB = PRODUCER.subsystem("subsys2");
    public static final SecurityServerId CONSUMER_SS = new SecurityServerId(CONSUMER, "consumerSS");
    public static final SecurityServerId PRODUCER_SS = new SecurityServerId(PRODUCER, "producerSS");
    public static final ServiceId GET_STATE = new ServiceId(PRODUCER, "getState");
    public static final ServiceId PERSONS = new ServiceId(PRODUCER_SUB, "persons");
    public static final String EJBCA = "ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider";

    public final TestPki pki;
    public final FakeSigner consumerSigner;
    public final FakeSigner providerSigner;
    public final FakeServerConf consumerConf;
    public final FakeServerConf providerConf;
    public final RecordingMessageLog consumerLog = new RecordingMessageLog();
    public final RecordingMessageLog providerLog = new RecordingMessageLog();
    public final FakeGlobalConf globalConf;

    private final Path dir;
    private final AtomicReference<Handler> isHandler = new AtomicReference<>();
    private final AtomicInteger isHits = new AtomicInteger();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final HttpServer providerIs;
    private final HttpServer serverPort;
    private final HttpServer ocspPort;
    private final HttpServer clientHttp;
    private final HttpServer clientHttps;
    private final ManagedHttpClient client;
    private volatile SharedParameters shared;
    private volatile Instant expires;

    private ProxyHarness(Builder b) {
        try {
            dir = Files.createTempDirectory("sild-proxy-harness");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pki = TestPki.builder().instance(INSTANCE).build();
        consumerSigner = new FakeSigner(pki, pki.authCert("consumerSS")).addMember(CONSUMER);
        providerSigner = new FakeSigner(pki, pki.authCert("producerSS")).addMember(PRODUCER);
        consumerConf = new FakeServerConf(CONSUMER_SS)
                .client(new LocalClient(CONSUMER, LocalClient.Status.REGISTERED, LocalClient.ConnectionType.NOSSL, List.of()))
                .client(new LocalClient(CONSUMER_SUB, LocalClient.Status.REGISTERED, LocalClient.ConnectionType.NOSSL,
                        List.of()));
        providerConf = new FakeServerConf(PRODUCER_SS)
                .client(new LocalClient(PRODUCER, LocalClient.Status.REGISTERED, LocalClient.ConnectionType.NOSSL, List.of()))
                .client(new LocalClient(PRODUCER_SUB, LocalClient.Status.REGISTERED, LocalClient.ConnectionType.NOSSL,
                        List.of()));
        globalConf = new FakeGlobalConf(dir.resolve("globalconf"));

        providerIs = start(HttpServer.builder().name("provider-is").handler(new Handler.Abstract(
                Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, Response response, Callback callback)
                    throws Exception {
                isHits.incrementAndGet();
                Handler h = isHandler.get();
                if (h == null) {
                    Response.writeError(request, response, callback, 404);
                    return true;
                }
                return h.handle(request, response, callback);
            }
        }));
        providerConf.service(new LocalService(GET_STATE, LocalService.ServiceType.WSDL, providerIsUri("/getState"),
                Duration.ofSeconds(30), false, Optional.empty()));
        providerConf.grant(PRODUCER, AccessRight.wholeService(CONSUMER, "getState"));
        providerConf.service(new LocalService(PERSONS, LocalService.ServiceType.REST, providerIsUri("/api"),
                Duration.ofSeconds(30), false, Optional.empty()));
        providerConf.grant(PRODUCER_SUB, AccessRight.wholeService(CONSUMER_SUB, "persons"));

        ProxySettings.Builder providerSettings = ProxySettings.builder().spoolDirectory(dir);
        b.providerSettings.accept(providerSettings);
        ServerProxy.Builder providerProxy = ServerProxy.builder().settings(providerSettings.build())
                .serverConf(providerConf).globalConf(globalConf).signer(providerSigner).messageLog(providerLog)
                .clock(b.clock).metrics(b.metrics).serviceCatalog(providerConf.catalog()).opMonitor(b.providerOpMonitor);
        b.providerEnvMonitor.ifPresent(providerProxy::envMonitor);
        b.providerFindUsage.ifPresent(providerProxy::findUsage);
        b.dataTracker.ifPresent(providerProxy::dataTracker);
        ServerProxy serverProxy = providerProxy.build();
        resources.add(serverProxy);
        serverPort = start(HttpServer.builder().name("server-port").tls(serverProxy.tls()).handler(serverProxy.handler()));
        ocspPort = start(HttpServer.builder().name("ocsp-port").handler(serverProxy.ocspHandler()));

        expires = Instant.now().plus(Duration.ofHours(1));
        shared = defaultSharedParameters();
        globalConf.publish(shared, expires);

        ProxySettings.Builder consumerSettings = ProxySettings.builder().spoolDirectory(dir)
                .ocspPortOffset(ocspPort.port() - serverPort.port()).connectTimeout(Duration.ofSeconds(5));
        b.consumerSettings.accept(consumerSettings);
        ClientProxy clientProxy = ClientProxy.builder().settings(consumerSettings.build()).serverConf(consumerConf)
                .globalConf(globalConf).signer(consumerSigner).messageLog(consumerLog).clock(b.clock).metrics(b.metrics)
                .opMonitor(b.consumerOpMonitor).build();
        resources.add(clientProxy);
        clientHttp = start(HttpServer.builder().name("client-http").handler(clientProxy.handler()));
        IssuedCert internal = pki.issue(pki.authSpec(new javax.security.auth.x500.X500Principal("CN=consumer-internal"))
                .build());
        clientHttps = start(HttpServer.builder().name("client-https")
                .tls(ClientProxy.clientPortTls(internal.privateKey(), internal.chain())).handler(clientProxy.handler()));
        client = HttpClients.builder().name("test-is").idleTimeout(Duration.ofMinutes(5)).build();
        resources.add(client);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A harness with default settings. */
    public static ProxyHarness start() {
        return builder().build();
    }

    /** The default global configuration: the test CA (EJBCA profile), both members, both servers. */
    public SharedParameters defaultSharedParameters() {
        var root = new ApprovedCa.CaInfo(pki.root().certificate(), List.of(
                new ApprovedCa.OcspResponder("http://127.0.0.1:1/ocsp", Optional.empty(), Optional.empty())));
        var intermediate = new ApprovedCa.CaInfo(pki.intermediate().certificate(), List.of(
                new ApprovedCa.OcspResponder("http://127.0.0.1:1/ocsp", Optional.empty(), Optional.empty())));
        return SharedParameters.builder(INSTANCE)
                .approvedCa(new ApprovedCa("Sild Test CA", Optional.of(false), root, List.of(intermediate), EJBCA,
                        Optional.empty(), Optional.empty()))
                .member(new Member(CONSUMER, "Business", "Consumer", List.of(
                        new Member.Subsystem(CONSUMER_SUB, Optional.empty()))))
                .member(new Member(PRODUCER, "Business", "Producer", List.of(
                        new Member.Subsystem(PRODUCER_SUB, Optional.empty()))))
                .securityServer(server(CONSUMER_SS, "127.0.0.1", consumerSigner, List.of(CONSUMER_SUB)))
                .securityServer(server(PRODUCER_SS, "127.0.0.1:" + serverPort.port(), providerSigner,
                        List.of(PRODUCER_SUB)))
                .globalSettings(new GlobalSettings(List.of(new MemberClass("BUSINESS", "Business"),
                        new MemberClass("GOV", "Government")), 3600))
                .build();
    }

    /** A security server entry with its authentication certificate hash. */
    public static SecurityServer server(SecurityServerId id, String address, FakeSigner signer, List<ClientId> clients) {
        return new SecurityServer(id, Optional.of(address), List.of(CertHashes.sha256Base64(signer.auth().certificate())),
                clients, Optional.empty());
    }

    /** Publishes global configuration derived from the current one. */
    public void globalConf(UnaryOperator<SharedParameters> change) {
        shared = change.apply(shared);
        globalConf.publish(shared, expires);
    }

    /** Publishes the current global configuration again, expiring at {@code at}. */
    public void globalConfExpires(Instant at) {
        expires = at;
        globalConf.publish(shared, expires);
    }

    /** The current shared parameters with other security servers and groups. */
    public static SharedParameters with(SharedParameters p, List<SecurityServer> servers, List<GlobalGroup> groups) {
        return new SharedParameters(p.version(), p.instanceIdentifier(), p.sources(), p.approvedCas(), p.approvedTsas(),
                p.members(), servers, groups, p.globalSettings());
    }

    /** Sets how the provider information system answers. */
    public void providerIs(Handler handler) {
        isHandler.set(handler);
    }

    /** How many requests reached the provider information system. */
    public int providerIsHits() {
        return isHits.get();
    }

    /** A URI on the provider information system. */
    public URI providerIsUri(String path) {
        return URI.create("http://127.0.0.1:" + providerIs.port() + path);
    }

    public int serverPort() {
        return serverPort.port();
    }

    public int ocspPort() {
        return ocspPort.port();
    }

    /** The consumer's HTTP client port. */
    public URI clientUri(String path) {
        return URI.create("http://127.0.0.1:" + clientHttp.port() + path);
    }

    /** The consumer's HTTPS client port. */
    public URI clientHttpsUri(String path) {
        return URI.create("https://127.0.0.1:" + clientHttps.port() + path);
    }

    /** A client presenting {@code signer}'s authentication key, for talking to the server port directly. */
    public ManagedHttpClient serverPortClient(FakeSigner signer) {
        var context = TlsSupport.context(Optional.of(new AuthKeyManager(signer)), TlsSupport.acceptAnyPeer());
        ManagedHttpClient c = HttpClients.builder().name("server-port-test").tls(ClientTls.xRoad(context)).build();
        resources.add(c);
        return c;
    }

    /** The server port's URI. */
    public URI serverPortUri() {
        return URI.create("https://127.0.0.1:" + serverPort.port() + "/");
    }

    /** The test information system's HTTP client. */
    public ManagedHttpClient client() {
        return client;
    }

    /** A SOAP call to the client port. */
    public Answer soap(byte[] body, String contentType) {
        return send(client.newRequest(clientUri("/")).method("POST").body(new BytesRequestContent(contentType, body))
                .headers(h -> h.put(Headers.contentType(contentType))));
    }

    /** A SOAP call with extra headers. */
    public Answer soap(byte[] body, String contentType, Map<String, String> headers) {
        Request request = client.newRequest(clientUri("/")).method("POST")
                .body(new BytesRequestContent(contentType, body)).headers(h -> h.put(Headers.contentType(contentType)));
        headers.forEach((k, v) -> request.headers(h -> h.add(k, v)));
        return send(request);
    }

    /** Sends {@code request} and reads the whole answer. */
    public static Answer send(Request request) {
        try {
            ContentResponse r = request.timeout(60, TimeUnit.SECONDS).send();
            return new Answer(r.getStatus(), r.getHeaders(), r.getContent());
        } catch (Exception e) {
            throw new IllegalStateException("request failed: " + e, e);
        }
    }

    /** A complete HTTP answer. */
    public record Answer(int status, HttpFields headers, byte[] body) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String contentType() {
            return headers.get("Content-Type");
        }

        /** The fault code of a SOAP fault body, or empty. */
        public Optional<String> faultCode() {
            var m = java.util.regex.Pattern.compile("<faultcode>([^<]*)</faultcode>").matcher(text());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    @Override
    public void close() {
        for (HttpServer s : List.of(clientHttps, clientHttp, serverPort, ocspPort, providerIs)) {
            s.close();
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // closing a test fixture
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary directory
        }
    }

    private static HttpServer start(HttpServer.Builder builder) {
        return builder.build().start();
    }

    /** Options of a harness. */
    public static final class Builder {
        private Consumer<ProxySettings.Builder> consumerSettings = b -> { };
        private Consumer<ProxySettings.Builder> providerSettings = b -> { };
        private Clock clock = Clock.systemUTC();
        private ProxyMetrics metrics = ProxyMetrics.none();
        private OpMonitor consumerOpMonitor = OpMonitor.off();
        private OpMonitor providerOpMonitor = OpMonitor.off();
        private Optional<EnvMonitor> providerEnvMonitor = Optional.empty();
        private Optional<FindUsage> providerFindUsage = Optional.empty();
        private Optional<DataTracker> dataTracker = Optional.empty();

        /** Environmental monitoring on the provider server (default: none); the caller closes it. */
        public Builder providerEnvMonitor(EnvMonitor value) {
            providerEnvMonitor = Optional.of(value);
            return this;
        }

        /** The Data Tracker's findUsage on the provider server (default: not served). */
        public Builder findUsage(FindUsage value) {
            providerFindUsage = Optional.of(value);
            return this;
        }

        /** Personal data usage recording on the provider server (default: none). */
        public Builder dataTracker(DataTracker value) {
            dataTracker = Optional.of(value);
            return this;
        }

        /** Operational monitoring of the consumer and the provider server (default: off); the caller closes them. */
        public Builder opMonitors(OpMonitor consumer, OpMonitor provider) {
            consumerOpMonitor = consumer;
            providerOpMonitor = provider;
            return this;
        }

        /** Metrics for both proxies. */
        public Builder metrics(ProxyMetrics value) {
            metrics = value;
            return this;
        }

        public Builder consumerSettings(Consumer<ProxySettings.Builder> change) {
            consumerSettings = change;
            return this;
        }

        public Builder providerSettings(Consumer<ProxySettings.Builder> change) {
            providerSettings = change;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public ProxyHarness build() {
            return new ProxyHarness(this);
        }
    }
}
