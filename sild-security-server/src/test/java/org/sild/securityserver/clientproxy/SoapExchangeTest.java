package org.sild.securityserver.clientproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.security.auth.x500.X500Principal;
import org.eclipse.jetty.client.BytesRequestContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.id.SecurityServerId;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartWriter;
import org.sild.core.soap.RequestHash;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapPackage;
import org.sild.core.soap.SoapPackageWriter;
import org.sild.core.soap.SoapParser;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.tls.ClientTls;
import org.sild.runtime.tls.PeerTrust;
import org.sild.runtime.tls.TlsContexts;
import org.sild.runtime.tls.TlsProfile;
import org.sild.securityserver.proxy.ProviderIs;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.proxy.Soap;
import org.sild.securityserver.serverconf.LocalClient;
import org.sild.testing.IssuedCert;
import org.sild.testing.RawHttp;

class SoapExchangeTest {

    private static final SoapParser PARSER = new SoapParser(SoapLimits.withMaxSoapBytes(1 << 24));
    private static ProxyHarness harness;
    private ProviderIs is;

    @BeforeAll
    static void start() {
        harness = ProxyHarness.start();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void provider() {
        is = new ProviderIs();
        harness.providerIs(is.soapEcho());
        harness.consumerLog.clear();
        harness.providerLog.clear();
    }

    private static byte[] request(String id) {
        return Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, id);
    }

    private static SoapMessage reply(ProxyHarness.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.faultCode()).as(answer.text()).isEmpty();
        return PARSER.read(new ByteArrayInputStream(answer.body()), answer.contentType()).message().orElseThrow();
    }

    @Test
    void soapRequestPassesBothServersAndComesBackWithTheRequestHash() {
        byte[] request = request("id-1");

        SoapMessage reply = reply(harness.soap(request, Soap.TEXT_XML, Map.of("SOAPAction", "\"urn:getState\"",
                "X-Not-Forwarded", "1")));

        assertThat(reply.header().requestHash()).hasValueSatisfying(h -> assertThat(h.matches(RequestHash.sha512(request)))
                .isTrue());
        assertThat(is.received()).hasSize(1);
        ProviderIs.Received received = is.received().get(0);
        assertThat(received.body()).isEqualTo(request);
        assertThat(received.headers().get("Content-Type")).isEqualToIgnoringCase(Soap.TEXT_XML);
        assertThat(received.headers().get("SOAPAction")).isEqualTo("\"urn:getState\"");
        assertThat(received.headers().get("X-Not-Forwarded")).isNull();
        // Four records, each exchange's request logged before its response.
        assertThat(harness.consumerLog.records()).extracting(r -> r.response()).containsExactly(false, true);
        assertThat(harness.providerLog.records()).extracting(r -> r.response()).containsExactly(false, true);
        assertThat(harness.consumerLog.records().get(0).message()).isEqualTo(request);
        assertThat(harness.consumerLog.records().get(0).queryId()).isEqualTo("id-1");
        assertThat(harness.consumerLog.records().get(0).requestId())
                .isEqualTo(harness.providerLog.records().get(0).requestId());
    }

    @Test
    void subsystemClientAndProvider() {
        harness.providerConf.service(new org.sild.securityserver.serverconf.LocalService(
                new org.sild.core.id.ServiceId(ProxyHarness.PRODUCER_SUB, "getState"),
                org.sild.securityserver.serverconf.LocalService.ServiceType.WSDL, harness.providerIsUri("/sub"),
                Duration.ofSeconds(5), false, Optional.empty()));
        harness.providerConf.grant(ProxyHarness.PRODUCER_SUB, org.sild.securityserver.serverconf.AccessRight
                .wholeService(ProxyHarness.CONSUMER_SUB, "getState"));
        byte[] request = Soap.request(ProxyHarness.CONSUMER_SUB,
                new org.sild.core.id.ServiceId(ProxyHarness.PRODUCER_SUB, "getState"), "sub-1");

        SoapMessage reply = reply(harness.soap(request, Soap.TEXT_XML));

        assertThat(reply.header().client()).isEqualTo(ProxyHarness.CONSUMER_SUB);
        assertThat(is.received().get(0).uri()).endsWith("/sub");
    }

    @Test
    void attachmentsTravelWithTheirMimeHeaders() throws Exception {
        harness.providerIs(is.handler((req, body) -> {
            String type = req.getHeaders().get("Content-Type");
            SoapPackage pkg = PARSER.readRequest(new ByteArrayInputStream(body), type);
            SoapMessage soap = pkg.message().orElseThrow();
            var out = new ByteArrayOutputStream();
            var writer = new SoapPackageWriter(out, "answerBoundary");
            writer.soap(PARSER.parse(new ByteArrayInputStream(Soap.response(soap.header().client(),
                    soap.header().service(), soap.header().id())), Soap.TEXT_XML),
                    MimeHeaders.of("Content-Type", Soap.TEXT_XML, "Content-ID", "<answer>"));
            writer.attachments(pkg);
            writer.finish();
            return new ProviderIs.Reply(200, SoapPackageWriter.contentType("answerBoundary", false), out.toByteArray());
        }));
        var out = new ByteArrayOutputStream();
        var writer = new SoapPackageWriter(out, "requestBoundary");
        byte[] soap = request("swa-1");
        writer.soap(PARSER.parse(new ByteArrayInputStream(soap), Soap.TEXT_XML),
                MimeHeaders.of("Content-Type", Soap.TEXT_XML, "Content-ID", "<rootpart>"));
        byte[] first = new byte[100_000];
        new Random(1).nextBytes(first);
        writer.attachment(MimeHeaders.of("Content-Type", "application/octet-stream", "Content-ID", "<a1>",
                "X-Custom", "kept"), new ByteArrayInputStream(first));
        writer.attachment(MimeHeaders.of("Content-Type", "text/plain"), new ByteArrayInputStream(
                "second".getBytes(StandardCharsets.UTF_8)));
        writer.finish();
        String type = SoapPackageWriter.contentType("requestBoundary", false);

        ProxyHarness.Answer answer = harness.soap(out.toByteArray(), type);

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo(SoapPackageWriter.contentType("answerBoundary", false));
        SoapPackage pkg = PARSER.read(new ByteArrayInputStream(answer.body()), answer.contentType());
        assertThat(pkg.message().orElseThrow().header().requestHash()).isPresent();
        var a1 = pkg.nextAttachment().orElseThrow();
        assertThat(a1.headers().first("X-Custom")).contains("kept");
        assertThat(a1.body().readAllBytes()).isEqualTo(first);
        assertThat(pkg.nextAttachment().orElseThrow().body().readAllBytes()).isEqualTo("second".getBytes(StandardCharsets.UTF_8));
        assertThat(is.received().get(0).headers().get("Content-Type")).isEqualTo(type);
    }

    @Test
    void clientErrorsComeBackAsClientFaultsWithHttp200() {
        ProxyHarness.Answer empty = harness.soap(new byte[0], Soap.TEXT_XML);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.contentType()).isEqualToIgnoringCase("text/xml; charset=UTF-8");
        assertThat(empty.headers().get("SOAPAction")).isEqualTo("\"\"");
        assertThat(empty.faultCode()).contains("Client.InvalidSoap");
        assertThat(harness.soap(request("x"), "application/json").faultCode()).contains("Client.InvalidContentType");
        assertThat(harness.soap(request("x"), Soap.TEXT_XML, Map.of("SOAPAction", "no-quotes")).faultCode())
                .contains("Client.InvalidSoapAction");
        ProxyHarness.Answer get = ProxyHarness.send(harness.client().newRequest(harness.clientUri("/")));
        assertThat(get.faultCode()).contains("Client.InvalidHttpMethod");
        assertThat(is.received()).isEmpty();
    }

    @Test
    void anEarlyFaultKeepsTheConnectionOnlyWhenTheWholeRequestWasRead() {
        String badRequest = "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ";
        try (var http = RawHttp.connect(harness.clientUri("/"), Duration.ofSeconds(10))) {
            // The fault comes before the body has arrived: the proxy reads it and the connection stays.
            http.send(badRequest + "2\r\n\r\n").sendLater("{}");
            assertThat(http.nextAnswerHead()).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
            http.send(badRequest + "2\r\n\r\n{}");
            assertThat(http.nextAnswerHead()).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
            // More than the proxy takes in a message: the fault says that the connection closes.
            http.send(badRequest + (5L << 30) + "\r\n\r\n");
            assertThat(http.nextAnswerHead()).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
        }
        assertThat(is.received()).isEmpty();
    }

    @Test
    void unregisteredClientIsUnknownMember() {
        byte[] request = Soap.request(new org.sild.core.id.MemberId("EE", "BUSINESS", "stranger"), ProxyHarness.GET_STATE, "u");
        assertThat(harness.soap(request, Soap.TEXT_XML).faultCode()).contains("Server.ClientProxy.UnknownMember");
    }

    @Test
    void providerWithoutServerIsUnknownMember() {
        byte[] request = Soap.request(ProxyHarness.CONSUMER, new org.sild.core.id.ServiceId(
                new org.sild.core.id.MemberId("EE", "BUSINESS", "nobody"), "getState"), "n");
        assertThat(harness.soap(request, Soap.TEXT_XML).faultCode()).contains("Server.ClientProxy.UnknownMember");
    }

    @Test
    void outdatedGlobalConfigurationStopsExchanges() {
        harness.globalConfExpires(Instant.now().minusSeconds(1));
        try {
            assertThat(harness.soap(request("o"), Soap.TEXT_XML).faultCode()).contains("Server.ClientProxy.OutdatedGlobalConf");
        } finally {
            harness.globalConfExpires(Instant.now().plus(Duration.ofHours(1)));
        }
    }

    @Test
    void maintenanceModeAndPinnedServers() {
        var original = harness.defaultSharedParameters();
        try {
            harness.globalConf(p -> ProxyHarness.with(p, p.securityServers().stream().map(s -> s.id().equals(
                    ProxyHarness.PRODUCER_SS) ? new SecurityServer(s.id(), s.address(), s.authCertHashes(), s.clients(),
                    Optional.of(new SecurityServer.MaintenanceMode(Optional.of("back at noon")))) : s).toList(),
                    p.globalGroups()));
            ProxyHarness.Answer answer = harness.soap(request("m"), Soap.TEXT_XML);
            assertThat(answer.faultCode()).contains("Server.ClientProxy.MaintenanceMode");
            assertThat(answer.text()).contains("back at noon");
        } finally {
            harness.globalConf(p -> original);
        }
        String pinned = "<xroad:securityServer id:objectType=\"SERVER\"><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>BUSINESS</id:memberClass><id:memberCode>consumer</id:memberCode>"
                + "<id:serverCode>consumerSS</id:serverCode></xroad:securityServer>";
        byte[] wrongServer = Soap.envelope(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "p", Optional.of(pinned),
                "<xroad:getState/>");
        assertThat(harness.soap(wrongServer, Soap.TEXT_XML).faultCode()).contains("Server.ClientProxy.InvalidSecurityServer");
        byte[] rightServer = Soap.envelope(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "p2", Optional.of(pinned
                .replace("consumerSS", "producerSS").replace(">consumer<", ">producer<")), "<xroad:getState/>");
        assertThat(harness.soap(rightServer, Soap.TEXT_XML).status()).isEqualTo(200);
    }

    @Test
    void noReachableProviderServerIsNetworkError() {
        var original = harness.defaultSharedParameters();
        try {
            harness.globalConf(p -> ProxyHarness.with(p, p.securityServers().stream().map(s -> s.id().equals(
                    ProxyHarness.PRODUCER_SS) ? new SecurityServer(s.id(), Optional.of("127.0.0.1:1"), s.authCertHashes(),
                    s.clients(), Optional.empty()) : s).toList(), p.globalGroups()));
            assertThat(harness.soap(request("nr"), Soap.TEXT_XML).faultCode()).contains("Server.ClientProxy.NetworkError");
            harness.globalConf(p -> ProxyHarness.with(p, List.of(p.securityServers().get(0),
                    new SecurityServer(ProxyHarness.PRODUCER_SS, Optional.of("foo.invalid."), List.of("eA=="), List.of(),
                            Optional.empty()),
                    new SecurityServer(new SecurityServerId(ProxyHarness.PRODUCER, "second"), Optional.of("127.0.0,1"),
                            List.of("eQ=="), List.of(), Optional.empty())), p.globalGroups()));
            assertThat(harness.soap(request("nr2"), Soap.TEXT_XML).faultCode()).contains("Server.ClientProxy.NetworkError");
        } finally {
            harness.globalConf(p -> original);
        }
        assertThat(is.received()).isEmpty();
    }

    @Test
    void fastestOfSeveralProviderServersIsUsed() {
        var original = harness.defaultSharedParameters();
        try {
            harness.globalConf(p -> {
                var servers = new java.util.ArrayList<>(p.securityServers());
                servers.add(new SecurityServer(new SecurityServerId(ProxyHarness.PRODUCER, "down"),
                        Optional.of("127.0.0.1:1"), List.of("eg=="), List.of(), Optional.empty()));
                return ProxyHarness.with(p, servers, p.globalGroups());
            });
            for (int i = 0; i < 3; i++) {
                reply(harness.soap(request("f" + i), Soap.TEXT_XML));
            }
        } finally {
            harness.globalConf(p -> original);
        }
        assertThat(is.received()).hasSize(3);
    }

    @Test
    void logAndSignFailuresStopTheExchange() {
        harness.consumerLog.failing(true);
        try {
            assertThat(harness.soap(request("l"), Soap.TEXT_XML).faultCode()).contains("Server.ClientProxy.LoggingFailed");
        } finally {
            harness.consumerLog.failing(false);
        }
        harness.consumerSigner.failing(true);
        try {
            assertThat(harness.soap(request("s"), Soap.TEXT_XML).faultCode())
                    .contains("Server.ClientProxy.CannotCreateSignature");
        } finally {
            harness.consumerSigner.failing(false);
        }
        harness.providerSigner.failing(true);
        try {
            assertThat(harness.soap(request("ps"), Soap.TEXT_XML).faultCode())
                    .contains("Server.ServerProxy.CannotCreateSignature");
        } finally {
            harness.providerSigner.failing(false);
        }
        harness.providerLog.failing(true);
        try {
            assertThat(harness.soap(request("pl"), Soap.TEXT_XML).faultCode()).contains("Server.ServerProxy.LoggingFailed");
        } finally {
            harness.providerLog.failing(false);
        }
        assertThat(is.received()).hasSize(1);
    }

    @Test
    void providerFaultsPassThroughUnchanged() {
        byte[] fault = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="
                + "\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>CODE</faultcode>"
                + "<faultstring>STRING</faultstring><detail><x>y</x></detail></SOAP-ENV:Fault></SOAP-ENV:Body>"
                + "</SOAP-ENV:Envelope>").getBytes(StandardCharsets.UTF_8);
        harness.providerIs(is.answer(500, "text/xml; charset=UTF-8", fault));

        ProxyHarness.Answer answer = harness.soap(request("pf"), Soap.TEXT_XML);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(fault);
        assertThat(harness.consumerLog.records()).hasSize(1);
    }

    @Test
    void informationSystemAuthenticationModes() throws Exception {
        IssuedCert isCert = harness.pki.issue(harness.pki.authSpec(new X500Principal("CN=consumer-is")).build());
        IssuedCert other = harness.pki.issue(harness.pki.authSpec(new X500Principal("CN=other-is")).build());
        try (ManagedHttpClient withCert = tlsClient(Optional.of(isCert)); ManagedHttpClient withOther = tlsClient(
                Optional.of(other)); ManagedHttpClient noCert = tlsClient(Optional.empty())) {
            setConnectionType(LocalClient.ConnectionType.SSLNOAUTH, List.of());
            assertThat(harness.soap(request("i1"), Soap.TEXT_XML).faultCode())
                    .contains("Server.ClientProxy.SslAuthenticationFailed");
            assertThat(post(noCert, "i2").status()).isEqualTo(200);
            assertThat(post(noCert, "i2").faultCode()).isEmpty();

            setConnectionType(LocalClient.ConnectionType.SSLAUTH, List.of(isCert.certificate()));
            assertThat(post(noCert, "i3").faultCode()).contains("Server.ClientProxy.SslAuthenticationFailed");
            assertThat(post(withOther, "i4").faultCode()).contains("Server.ClientProxy.SslAuthenticationFailed");
            assertThat(post(withCert, "i5").faultCode()).isEmpty();
        } finally {
            setConnectionType(LocalClient.ConnectionType.NOSSL, List.of());
        }
    }

    private static void setConnectionType(LocalClient.ConnectionType type, List<X509Certificate> certs) {
        harness.consumerConf.client(new LocalClient(ProxyHarness.CONSUMER, LocalClient.Status.REGISTERED, type, certs));
    }

    private static ProxyHarness.Answer post(ManagedHttpClient client, String id) {
        return ProxyHarness.send(client.newRequest(harness.clientHttpsUri("/")).method("POST")
                .body(new BytesRequestContent(Soap.TEXT_XML, request(id))));
    }

    private static ManagedHttpClient tlsClient(Optional<IssuedCert> cert) {
        var builder = TlsContexts.builder().trust(PeerTrust.acceptAny());
        cert.ifPresent(c -> builder.key(c.privateKey(), c.chain()));
        return HttpClients.builder().name("is-tls").tls(new ClientTls(builder.build(), TlsProfile.CLIENT_FACING, false))
                .build();
    }

    static String boundary() {
        return MultipartWriter.newBoundary("t", new Random());
    }
}
