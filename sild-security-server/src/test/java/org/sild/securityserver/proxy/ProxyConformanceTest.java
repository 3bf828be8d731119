package org.sild.securityserver.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.FaultCode;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartReader;
import org.sild.core.multipart.MultipartWriter;
import org.sild.core.soap.SoapEnvelope;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapPackage;
import org.sild.core.soap.SoapParser;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.tls.ClientAuth;
import org.sild.runtime.tls.ClientTls;
import org.sild.runtime.tls.PeerTrust;
import org.sild.runtime.tls.ServerTls;
import org.sild.runtime.tls.TlsContexts;
import org.sild.runtime.tls.TlsProfile;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.securityserver.serverconf.LocalService;
import org.sild.testing.IssuedCert;
import org.sild.testing.Vectors;

/**
 * X-Road's proxy test suite, end to end (README-vectors section B, "end-to-end expectations"): each
 * case sends X-Road's query file to the client proxy, the provider information system answers with
 * X-Road's answer file (both with a fresh message id, as X-Road's {@code MessageTestCase} does), and
 * the outcome must be the listed success or fault code (compared in either spelling). Cases X-Road
 * runs against a bare server proxy or with test-only switches are adapted to the two real servers
 * here; the adaptation is named in the case. Prints passed/total.
 */
class ProxyConformanceTest {

    private static final String QUERIES = "src/service/proxy/proxy-core/src/test/queries/";
    private static final String TEXT_XML_UTF8 = "text/xml; charset=UTF-8";
    private static final String MULTIPART = "multipart/related; charset=UTF-8; boundary=jetty771207119h3h10dty";
    private static final String MULTIPART_NO_CHARSET = "multipart/related; boundary=jetty771207119h3h10dty";
    private static final String MTOM = "Multipart/Related; start-info=\"application/soap+xml\"; "
            + "type=\"application/xop+xml\"; boundary=\"jetty771207119h3h10dty\"";
    private static final SoapParser PARSER = new SoapParser(SoapLimits.withMaxSoapBytes(1 << 24));

    /**
     * Cases that do not pass, with the reason (they go into docs/compatibility.md). They are run and
     * reported; they fail the build only if the reason disappears without this list being updated.
     */
    private static final Map<String, String> KNOWN = Map.of();

    private static ProxyHarness harness;
    private static final List<String> failed = new ArrayList<>();
    private static int passed;

    @BeforeAll
    static void start() {
        harness = ProxyHarness.builder().consumerSettings(s -> s.checkIsCertValidity(true)).build();
    }

    @AfterAll
    static void report() {
        harness.close();
        System.out.println("[conformance] X-Road proxy test suite (README-vectors B, end-to-end): " + passed + "/"
                + (passed + failed.size()) + " passed");
        failed.forEach(f -> System.out.println("[conformance]   not passing: " + f));
    }

    /** One testcase of X-Road's suite. */
    private record Case(String name, String requestFile, String requestType, Optional<String> responseFile,
            String responseType, String expected, Function<Context, Runnable> setup) {
    }

    /** What a case's setup may change; the runnable it returns undoes it. */
    private static final class Context {
        private final ProviderIs is;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String method = "POST";
        private ManagedHttpClient sslClient;

        Context(ProviderIs is) {
            this.is = is;
        }

        ProxyHarness harness() {
            return harness;
        }

        ProviderIs is() {
            return is;
        }

        Map<String, String> headers() {
            return headers;
        }
    }

    private static Case ok(String name, String request, String requestType, String response, String responseType) {
        return new Case(name, request, requestType, Optional.of(response), responseType, "success", c -> () -> { });
    }

    private static Case fault(String name, String request, String requestType, String expected) {
        return new Case(name, request, requestType, Optional.of("getstate.answer"), TEXT_XML_UTF8, expected,
                c -> () -> { });
    }

    private static Case fault(String name, String request, String response, String responseType, String expected,
            Function<Context, Runnable> setup) {
        return new Case(name, request, TEXT_XML_UTF8, Optional.ofNullable(response), responseType, expected, setup);
    }

    @TestFactory
    Stream<DynamicTest> xroadTestCases() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            try {
                run(c);
                passed++;
            } catch (AssertionError | RuntimeException e) {
                if (KNOWN.containsKey(c.name())) {
                    failed.add(c.name() + ": " + KNOWN.get(c.name()));
                    return;
                }
                failed.add(c.name() + ": " + e.getMessage().strip().lines().findFirst().orElse(""));
                throw e;
            }
        }));
    }

    private static List<Case> cases() {
        var list = new ArrayList<Case>();
        list.add(ok("NormalMessage", "getstate.query", TEXT_XML_UTF8, "getstate.answer", TEXT_XML_UTF8));
        list.add(ok("NormalSubsystem", "getstate-subsystem.query", TEXT_XML_UTF8, "getstate-subsystem.answer", TEXT_XML_UTF8));
        list.add(new Case("Utf8BomNormalSubsystem", "getstate-subsystem.query", TEXT_XML_UTF8,
                Optional.of("getstate-subsystem.answer"), TEXT_XML_UTF8, "success+bom", c -> () -> { }));
        list.add(ok("ResponseWithRequestHash", "getstate.query", TEXT_XML_UTF8, "requesthash.answer", TEXT_XML_UTF8));
        list.add(ok("NonUtf8ResponseContentType", "getstate.query", TEXT_XML_UTF8, "getstate-iso88591.answer", "text/xml"));
        list.add(ok("DefaultNamespaceMessage", "getstate-defaultnamespace.query", TEXT_XML_UTF8, "getstate.answer",
                TEXT_XML_UTF8));
        list.add(ok("CDATAMessage", "cdata.query", TEXT_XML_UTF8, "cdata.answer", TEXT_XML_UTF8));
        list.add(ok("NoWhitespaceMessage", "nowhitespace.query", TEXT_XML_UTF8, "nowhitespace.answer", TEXT_XML_UTF8));
        list.add(ok("CommentMessage", "simple.query", TEXT_XML_UTF8, "simple-comment.answer", TEXT_XML_UTF8));
        list.add(ok("XmlEncodedMessage", "xmlencoded.query", TEXT_XML_UTF8, "xmlencoded.answer", TEXT_XML_UTF8));
        list.add(ok("SplitHeaderMessage", "split-header.query", TEXT_XML_UTF8, "split-header.answer", TEXT_XML_UTF8));
        list.add(ok("Attachment", "attachm.query", MULTIPART, "attachm.answer", TEXT_XML_UTF8));
        list.add(ok("Attachment2", "attachm2.query", MULTIPART_NO_CHARSET, "attachm2.answer", MULTIPART));
        list.add(ok("SeveralAttachments", "attachments.query", MULTIPART, "attachm.answer", TEXT_XML_UTF8));
        list.add(ok("SeveralAttachmentsResponse", "attachments.query", MULTIPART, "attachments.answer", MULTIPART));
        list.add(ok("AttachmentMTOM", "attachm-mtom.query", MTOM, "attachm-mtom.answer", MTOM + ";charset=UTF-8"));
        list.add(new Case("SoapFaultInMultipartResponse", "soapfault-mtom.query", MTOM,
                Optional.of("soapfault-mtom.answer"), MTOM + ";charset=UTF-8",
                "fault containing <error>Unable to create payload, try increasing the size</error>", c -> () -> { }));
        list.add(ok("MimeSoap", "mimesoap.query", MULTIPART, "mimesoap.answer", MULTIPART));
        list.add(ok("Utf8BomAttachment2", "attachm2-utf8bom-inside.query", MULTIPART_NO_CHARSET,
                "attachm2-utf8bom-inside.answer", MULTIPART));
        list.add(ok("MissingUserIdHeader", "missing-userId.query", TEXT_XML_UTF8, "missing-userId.answer", TEXT_XML_UTF8));

        list.add(fault("EmptyQuery", "empty.query", TEXT_XML_UTF8, "Client.InvalidSoap"));
        list.add(fault("EmptyMultipartRequest", "empty.query", MULTIPART, "Client.MissingSoap"));
        list.add(fault("MissingHeader", "no-header.query", TEXT_XML_UTF8, "Client.MissingHeader"));
        list.add(fault("MissingBody", "missing-body.query", TEXT_XML_UTF8, "Client.MissingBody"));
        list.add(fault("FaultyHeader", "faulty-header2.query", TEXT_XML_UTF8, "Client.DuplicateHeaderField"));
        list.add(fault("MissingProtocolVersionHeader", "missing-protocolVersion.query", TEXT_XML_UTF8,
                "Client.MissingHeaderField"));
        list.add(fault("WrongProtocolVersionHeader", "wrong-protocolVersion.query", TEXT_XML_UTF8,
                "Client.InvalidProtocolVersion"));
        list.add(fault("MalformedProtocolVersionHeader", "malformed-protocolVersion.query", TEXT_XML_UTF8,
                "Client.InvalidProtocolVersion"));
        list.add(fault("MalformedBody1", "malformed-body1.query", TEXT_XML_UTF8, "Client.InvalidBody"));
        list.add(fault("MalformedBody2", "malformed-body2.query", TEXT_XML_UTF8, "Client.InvalidBody"));
        list.add(fault("MalformedBody3", "malformed-body3.query", TEXT_XML_UTF8, "Client.InconsistentHeaders"));
        list.add(fault("MissingObjectTypeMessage", "missingobjecttype.query", TEXT_XML_UTF8, "Client.InvalidXml"));
        list.add(fault("AttachmentFaulty", "attachm-error.query", MULTIPART, "Client.InvalidContentType"));
        list.add(fault("AttachmentNoSoap", "attachm-no-soap.query", MULTIPART, "Client.InvalidContentType"));
        list.add(fault("AttachmentFaultySoap", "attachm-faulty-soap.query", MULTIPART, "Client.MissingHeaderField"));
        list.add(fault("SoapActionMalformedHeader", "getstate.query", "getstate.answer", TEXT_XML_UTF8,
                "Client.InvalidSoapAction", c -> {
                    c.headers().put("SOAPAction", "http://example.org/action");
                    return () -> { };
                }));
        list.add(fault("WrongHttpMethod", "getstate.query", null, TEXT_XML_UTF8, "Client.InvalidHttpMethod", c -> {
            c.method = "GET";
            return () -> { };
        }));
        list.add(fault("SoapFaultToClientProxy", "fault.query", "getstate.answer", TEXT_XML_UTF8, "Client.CODE",
                c -> () -> { }));

        list.add(fault("MissingOrg", "missing-org.query", TEXT_XML_UTF8, "Server.ClientProxy.UnknownMember"));
        list.add(new Case("InvalidProviderAddress3", "attachm.query", MULTIPART, Optional.empty(), TEXT_XML_UTF8,
                "Server.ClientProxy.UnknownMember", c -> providerServer(c, s -> new SecurityServer(s.id(),
                        Optional.empty(), s.authCertHashes(), s.clients(), Optional.empty()))));
        list.add(fault("NotAllowed", "notAllowed.query", null, TEXT_XML_UTF8, "Server.ServerProxy.AccessDenied", c -> {
            c.harness().providerConf.revokeAll();
            return () -> grantAll(c.harness());
        }));
        list.add(fault("UnknownService", "getstate.query", null, TEXT_XML_UTF8, "Server.ServerProxy.UnknownService",
                c -> replaceService(c, "getState", Optional.empty(), true)));
        list.add(fault("ServiceDisabled", "getstate.query", null, TEXT_XML_UTF8, "Server.ServerProxy.ServiceDisabled",
                c -> replaceService(c, "getState", Optional.of("Service is disabled"), false)));
        list.add(fault("NoSignatureToServerProxy (sent to the server port with the consumer's OCSP parts)",
                "no-signature.query", null, TEXT_XML_UTF8, "Server.ServerProxy.MissingSignature", c -> () -> { }));
        list.add(fault("ServerClientInconsistency", "xml.query", "getstate.query", TEXT_XML_UTF8,
                "Server.ClientProxy.ServiceFailed.InconsistentResponse", c -> () -> { }));
        list.add(fault("FaultyResponseContentType", "getstate.query", "getstate.answer", "blah",
                "Server.ServerProxy.ServiceFailed.InvalidContentType", c -> () -> { }));
        list.add(fault("ServerProxyAttachmentError", "getstate.query", "attachm-error.query", MULTIPART,
                "Server.ServerProxy.ServiceFailed.InvalidContentType", c -> () -> { }));
        list.add(fault("MissingBodyResponse", "getstate.query", "missing-body.query", TEXT_XML_UTF8,
                "Server.ServerProxy.ServiceFailed.MissingBody", c -> () -> { }));
        list.add(fault("MissingHeaderResponse", "getstate.query", "no-header.query", TEXT_XML_UTF8,
                "Server.ServerProxy.ServiceFailed.MissingHeader", c -> () -> { }));
        list.add(fault("MalformedBodyResponse", "getstate.query", "malformed-body2.query", TEXT_XML_UTF8,
                "Server.ServerProxy.ServiceFailed.InvalidBody", c -> () -> { }));
        list.add(fault("EmptyResponse", "getstate.query", "empty.query", TEXT_XML_UTF8,
                "Server.ServerProxy.ServiceFailed.InvalidSoap", c -> () -> { }));
        list.add(fault("InvalidServiceAddress", "getstate.query", null, TEXT_XML_UTF8,
                "Server.ServerProxy.ServiceFailed.UnknownHost", c -> serviceUrl(c, "getState",
                        URI.create("http://non.existing.site.com.pom/service"), false)));
        list.add(fault("ServerProxyMaintenanceMode", "getstate.query", null, TEXT_XML_UTF8,
                "Server.ClientProxy.MaintenanceMode", c -> providerServer(c, s -> new SecurityServer(s.id(), s.address(),
                        s.authCertHashes(), s.clients(), Optional.of(new SecurityServer.MaintenanceMode(
                        Optional.of("Maintenance mode is on")))))));
        list.add(fault("SslSelectFastestProxyNoConnections", "getstate.query", null, TEXT_XML_UTF8,
                "Server.ClientProxy.NetworkError", c -> {
                    c.harness().globalConf(p -> ProxyHarness.with(p, List.of(p.securityServers().get(0),
                            server("a", "foo.invalid."), server("b", "bar.invalid."), server("c", "127.0.0,1")),
                            p.globalGroups()));
                    return () -> c.harness().globalConf(p -> c.harness().defaultSharedParameters());
                }));
        list.add(fault("SslClientCertificateMissing (SSLAUTH without an IS certificate)", "getstate.query", null,
                TEXT_XML_UTF8, "Server.ClientProxy.SslAuthenticationFailed", c -> sslAuth(c, Optional.empty())));
        list.add(fault("SslWrongClientCertificate (SSLAUTH with an unregistered IS certificate)", "getstate.query", null,
                TEXT_XML_UTF8, "Server.ClientProxy.SslAuthenticationFailed", c -> sslAuth(c, Optional.of(
                        harness.pki.issue(harness.pki.authSpec(new X500Principal("CN=wrong-is")).build())))));
        list.add(fault("SslExpiredClientCertificate (SSLAUTH with a registered but expired IS certificate)",
                "getstate.query", null, TEXT_XML_UTF8, "Server.ClientProxy.SslAuthenticationFailed", c -> sslAuth(c,
                        Optional.of(harness.pki.issue(harness.pki.authSpec(new X500Principal("CN=expired-is"))
                                .expiredAt(java.time.Instant.now()).build())))));
        list.add(fault("SslToServiceNoISCerts", "getstate.query", "getstate.answer", TEXT_XML_UTF8,
                "Server.ServerProxy.ServiceFailed.SslAuthenticationFailed", c -> httpsService(c, List.of())));
        list.add(fault("SslToServiceWrongISCert", "getstate.query", "getstate.answer", TEXT_XML_UTF8,
                "Server.ServerProxy.ServiceFailed.SslAuthenticationFailed", c -> httpsService(c, List.of(
                        harness.pki.issue(harness.pki.authSpec(new X500Principal("CN=other-service")).build()).certificate()))));
        list.add(fault("SigningFailsInClientProxy", "getstate.query", "getstate.answer", TEXT_XML_UTF8,
                "Server.ClientProxy.CannotCreateSignature", c -> {
                    c.harness().consumerSigner.failing(true);
                    return () -> c.harness().consumerSigner.failing(false);
                }));
        list.add(fault("SigningFailsInServerProxy", "getstate.query", "getstate.answer", TEXT_XML_UTF8,
                "Server.ServerProxy.CannotCreateSignature", c -> {
                    c.harness().providerSigner.failing(true);
                    return () -> c.harness().providerSigner.failing(false);
                }));
        list.add(fault("ServiceReturnsFault (HTTP 500 with fault.query)", "getstate.query", null, TEXT_XML_UTF8, "CODE",
                c -> {
                    c.harness().providerIs(c.is().answer(500, "text/xml", read("fault.query")));
                    return () -> { };
                }));
        return list;
    }

    private static void run(Case c) throws Exception {
        ProviderIs is = new ProviderIs();
        String id = HexFormat.of().formatHex(DigestAlgorithm.SHA256.digest(c.name().getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
        byte[] request = withId(read(c.requestFile()), id);
        boolean bom = c.expected().equals("success+bom");
        if (bom) {
            request = withBom(request);
        }
        Optional<byte[]> answer = c.responseFile().map(f -> withId(read(f), id));
        byte[] answerBytes = answer.map(a -> bom ? withBom(a) : a).orElse(null);
        if (answerBytes != null) {
            harness.providerIs(is.answer(200, c.responseType(), answerBytes));
        } else {
            harness.providerIs(is.soapEcho());
        }
        registerService(request, c.requestType());
        var context = new Context(is);
        Runnable undo = c.setup().apply(context);
        ProxyHarness.Answer result;
        try {
            result = send(c, context, request);
        } finally {
            undo.run();
        }
        check(c, result, request);
    }

    private static ProxyHarness.Answer send(Case c, Context context, byte[] request) {
        if (c.requestFile().equals("no-signature.query")) {
            return sendWithoutSignature(request);
        }
        ManagedHttpClient client = context.sslClient != null ? context.sslClient : harness.client();
        URI target = context.sslClient != null ? harness.clientHttpsUri("/") : harness.clientUri("/");
        Request r = client.newRequest(target).method(context.method);
        if (context.method.equals("POST")) {
            r.body(new BytesRequestContent(c.requestType(), request)).headers(h -> h.put(Headers.contentType(c.requestType())));
        }
        context.headers().forEach((k, v) -> r.headers(h -> h.put(k, v)));
        return ProxyHarness.send(r);
    }

    private static void check(Case c, ProxyHarness.Answer result, byte[] request) {
        assertThat(result.status()).as(result.text()).isEqualTo(200);
        if (c.expected().startsWith("success")) {
            assertThat(result.faultCode()).as(result.text()).isEmpty();
            SoapPackage pkg = PARSER.read(new ByteArrayInputStream(result.body()), result.contentType());
            SoapMessage reply = pkg.message().orElseThrow();
            assertThat(reply.header().requestHash()).isPresent();
            byte[] soapBytes = PARSER.read(new ByteArrayInputStream(request), c.requestType()).soap().bytes();
            assertThat(reply.header().requestHash().get().matches(org.sild.core.soap.RequestHash.sha512(soapBytes))).isTrue();
            if (c.requestType().startsWith("Multipart") || c.responseType().startsWith("Multipart")) {
                assertThat(result.contentType()).isEqualTo(c.responseType());
            }
            pkg.finish();
        } else if (c.expected().startsWith("fault containing")) {
            assertThat(result.faultCode()).isPresent();
            assertThat(result.text()).contains(c.expected().substring("fault containing ".length()));
        } else {
            assertThat(result.faultCode()).as(result.text()).isPresent();
            assertThat(FaultCode.parse(result.faultCode().get())).as(result.text()).isEqualTo(FaultCode.parse(c.expected()));
        }
    }

    /** X-Road's suite lets every service exist and be open; here each request's service is registered so. */
    private static void registerService(byte[] request, String type) {
        Optional<SoapMessage> soap;
        try {
            SoapEnvelope envelope = PARSER.read(new ByteArrayInputStream(request), type).soap();
            soap = envelope instanceof SoapMessage m ? Optional.of(m) : Optional.empty();
        } catch (RuntimeException e) {
            soap = Optional.empty();
        }
        soap.ifPresent(m -> {
            var service = m.header().service().withoutVersion();
            harness.providerConf.service(new LocalService(service, LocalService.ServiceType.WSDL,
                    harness.providerIsUri("/" + service.serviceCode()), Duration.ofSeconds(10), false, Optional.empty()));
            harness.providerConf.grant(service.provider(), AccessRight.wholeService(m.header().client(),
                    service.serviceCode()));
        });
    }

    private static void grantAll(ProxyHarness h) {
        h.providerConf.grant(ProxyHarness.PRODUCER, AccessRight.wholeService(ProxyHarness.CONSUMER, "getState"));
    }

    private static Runnable replaceService(Context c, String code, Optional<String> disabled, boolean remove) {
        var id = new org.sild.core.id.ServiceId(ProxyHarness.PRODUCER, code);
        if (remove) {
            c.harness().providerConf.removeService(id);
        } else {
            c.harness().providerConf.service(new LocalService(id, LocalService.ServiceType.WSDL,
                    harness.providerIsUri("/" + code), Duration.ofSeconds(10), false, disabled));
        }
        return () -> { };
    }

    private static Runnable serviceUrl(Context c, String code, URI url, boolean verifyTls) {
        c.harness().providerConf.service(new LocalService(new org.sild.core.id.ServiceId(ProxyHarness.PRODUCER, code),
                LocalService.ServiceType.WSDL, url, Duration.ofSeconds(10), verifyTls, Optional.empty()));
        return () -> { };
    }

    private static Runnable providerServer(Context c, Function<SecurityServer, SecurityServer> change) {
        c.harness().globalConf(p -> ProxyHarness.with(p, p.securityServers().stream()
                .map(s -> s.id().equals(ProxyHarness.PRODUCER_SS) ? change.apply(s) : s).toList(), p.globalGroups()));
        return () -> c.harness().globalConf(p -> c.harness().defaultSharedParameters());
    }

    private static SecurityServer server(String code, String address) {
        return new SecurityServer(new org.sild.core.id.SecurityServerId(ProxyHarness.PRODUCER, code), Optional.of(address),
                List.of("eA=="), List.of(), Optional.empty());
    }

    private static Runnable sslAuth(Context c, Optional<IssuedCert> isCert) {
        IssuedCert registered = isCert.orElseGet(() -> harness.pki.issue(harness.pki.authSpec(
                new X500Principal("CN=registered-is")).build()));
        c.harness().consumerConf.client(new LocalClient(ProxyHarness.CONSUMER, LocalClient.Status.REGISTERED,
                LocalClient.ConnectionType.SSLAUTH, List.of(registered.certificate())));
        var builder = TlsContexts.builder().trust(PeerTrust.acceptAny());
        isCert.ifPresent(cert -> builder.key(cert.privateKey(), cert.chain()));
        if (isCert.isPresent() && isCert.get().certificate().getSubjectX500Principal().getName().contains("wrong")) {
            c.harness().consumerConf.client(new LocalClient(ProxyHarness.CONSUMER, LocalClient.Status.REGISTERED,
                    LocalClient.ConnectionType.SSLAUTH, List.of(harness.pki.issue(harness.pki.authSpec(
                            new X500Principal("CN=registered-is")).build()).certificate())));
        }
        ManagedHttpClient client = HttpClients.builder().name("is-tls").tls(new ClientTls(builder.build(),
                TlsProfile.CLIENT_FACING, false)).build();
        c.sslClient = client;
        return () -> {
            client.close();
            c.harness().consumerConf.client(new LocalClient(ProxyHarness.CONSUMER, LocalClient.Status.REGISTERED,
                    LocalClient.ConnectionType.NOSSL, List.of()));
        };
    }

    private static Runnable httpsService(Context c, List<java.security.cert.X509Certificate> registered) {
        IssuedCert serviceCert = harness.pki.issue(harness.pki.authSpec(new X500Principal("CN=service-tls")).build());
        HttpServer https = HttpServer.builder().name("provider-is-https").tls(new ServerTls(TlsContexts.builder()
                .key(serviceCert.privateKey(), serviceCert.chain()).trust(PeerTrust.acceptAny()).build(), ClientAuth.NONE,
                TlsProfile.CLIENT_FACING)).handler(c.is().answer(200, TEXT_XML_UTF8, new byte[0])).build().start();
        c.harness().providerConf.client(new LocalClient(ProxyHarness.PRODUCER, LocalClient.Status.REGISTERED,
                LocalClient.ConnectionType.NOSSL, registered));
        serviceUrl(c, "getState", URI.create("https://127.0.0.1:" + https.port() + "/getState"), true);
        return () -> {
            https.close();
            c.harness().providerConf.client(new LocalClient(ProxyHarness.PRODUCER, LocalClient.Status.REGISTERED,
                    LocalClient.ConnectionType.NOSSL, List.of()));
        };
    }

    /** X-Road sends this one to a server proxy without TLS; here the consumer's OCSP parts come first. */
    private static ProxyHarness.Answer sendWithoutSignature(byte[] file) {
        var reader = MultipartReader.of(new ByteArrayInputStream(file), "jetty42534330h7vzfqv2");
        var soapPart = reader.next().orElseThrow();
        byte[] soap;
        try {
            soap = soapPart.body().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var body = new ByteArrayOutputStream();
        var writer = new MultipartWriter(body, "jetty42534330h7vzfqv2");
        harness.consumerSigner.authOcspResponses().forEach(o ->
                writer.part(MimeHeaders.of("Content-Type", "application/ocsp-response"), o));
        writer.part(soapPart.headers(), soap);
        writer.finish();
        String type = "multipart/mixed; boundary=jetty42534330h7vzfqv2;charset=ISO-8859-1";
        return ProxyHarness.send(harness.serverPortClient(harness.consumerSigner).newRequest(harness.serverPortUri())
                .method("POST").headers(h -> h.put(Headers.contentType(type)).put("x-hash-algorithm", "SHA-512"))
                .body(new BytesRequestContent(type, body.toByteArray())));
    }

    /** X-Road's {@code changeQueryId}: a fresh {@code <xroad:id>} in query and answer (bytes kept otherwise). */
    private static byte[] withId(byte[] file, String id) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        return text.replaceAll("\\<xroad:id\\>(.?)+\\<\\/xroad:id\\>", "<xroad:id>" + id + "</xroad:id>")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] withBom(byte[] bytes) {
        byte[] out = new byte[bytes.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(bytes, 0, out, 3, bytes.length);
        return out;
    }

    private static byte[] read(String file) {
        if (file.equals("empty.query")) {
            return new byte[0];
        }
        try {
            return Files.readAllBytes(Vectors.file(QUERIES + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
