package org.sild.securityserver.serverproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.globalconf.GlobalGroup;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.LocalGroupId;
import org.sild.core.id.ServiceId;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartWriter;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.securityserver.proxy.Headers;
import org.sild.securityserver.proxy.ProviderIs;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.proxy.Soap;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.LocalService;

class ServerProxyTest {

    private static ProxyHarness harness;
    private ProviderIs is;

    @BeforeAll
    static void start() {
        harness = ProxyHarness.builder().providerSettings(s -> s.minimumClientVersion("7.0.0")).build();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void provider() {
        is = new ProviderIs();
        harness.providerIs(is.soapEcho());
    }

    private static String call(ServiceId service) {
        return harness.soap(Soap.request(ProxyHarness.CONSUMER, service, "t"), Soap.TEXT_XML).faultCode().orElse("none");
    }

    private static String getState() {
        return call(ProxyHarness.GET_STATE);
    }

    private static void withService(LocalService service, Runnable test) {
        harness.providerConf.service(service);
        try {
            test.run();
        } finally {
            harness.providerConf.service(new LocalService(ProxyHarness.GET_STATE, LocalService.ServiceType.WSDL,
                    harness.providerIsUri("/getState"), Duration.ofSeconds(30), false, Optional.empty()));
        }
    }

    private static LocalService getStateAt(java.net.URI url, Duration timeout) {
        return new LocalService(ProxyHarness.GET_STATE, LocalService.ServiceType.WSDL, url, timeout, false, Optional.empty());
    }

    @Test
    void unknownServiceServiceTypeAccessDeniedAndDisabled() {
        assertThat(call(new ServiceId(ProxyHarness.PRODUCER, "nothingHere"))).isEqualTo("Server.ServerProxy.UnknownService");
        withService(new LocalService(ProxyHarness.GET_STATE, LocalService.ServiceType.REST, harness.providerIsUri("/"),
                Duration.ofSeconds(5), false, Optional.empty()), () ->
                assertThat(getState()).isEqualTo("Server.ServerProxy.ServiceType"));
        harness.providerConf.revokeAll();
        try {
            assertThat(getState()).isEqualTo("Server.ServerProxy.AccessDenied");
        } finally {
            harness.providerConf.grant(ProxyHarness.PRODUCER, AccessRight.wholeService(ProxyHarness.CONSUMER, "getState"));
        }
        withService(new LocalService(ProxyHarness.GET_STATE, LocalService.ServiceType.WSDL, harness.providerIsUri("/"),
                Duration.ofSeconds(5), false, Optional.of("closed for the summer")), () -> {
                    var answer = harness.soap(Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "d"), Soap.TEXT_XML);
                    assertThat(answer.faultCode()).contains("Server.ServerProxy.ServiceDisabled");
                    assertThat(answer.text()).contains("closed for the summer");
                });
        assertThat(is.received()).isEmpty();
    }

    @Test
    void accessBySubsystemGlobalGroupAndLocalGroup() {
        harness.providerConf.revokeAll();
        try {
            harness.providerConf.grant(ProxyHarness.PRODUCER, AccessRight.wholeService(new LocalGroupId("friends"), "getState"));
            assertThat(getState()).isEqualTo("Server.ServerProxy.AccessDenied");
            harness.providerConf.localGroup(ProxyHarness.PRODUCER, "friends", List.of(ProxyHarness.CONSUMER));
            assertThat(getState()).isEqualTo("none");

            harness.providerConf.revokeAll().grant(ProxyHarness.PRODUCER,
                    AccessRight.wholeService(new GlobalGroupId("EE", "partners"), "getState"));
            assertThat(getState()).isEqualTo("Server.ServerProxy.AccessDenied");
            harness.globalConf(p -> ProxyHarness.with(p, p.securityServers(), List.of(new GlobalGroup(
                    new GlobalGroupId("EE", "partners"), "Partners", List.of(ProxyHarness.CONSUMER)))));
            assertThat(getState()).isEqualTo("none");
        } finally {
            harness.globalConf(p -> ProxyHarness.with(p, p.securityServers(), List.of()));
            harness.providerConf.revokeAll().grant(ProxyHarness.PRODUCER,
                    AccessRight.wholeService(ProxyHarness.CONSUMER, "getState"));
            harness.providerConf.grant(ProxyHarness.PRODUCER_SUB,
                    AccessRight.wholeService(ProxyHarness.CONSUMER_SUB, "persons"));
        }
    }

    @Test
    void providerInformationSystemFailures() {
        withService(getStateAt(java.net.URI.create("http://127.0.0.1:1/x"), Duration.ofSeconds(5)), () ->
                assertThat(getState()).isEqualTo("Server.ServerProxy.ServiceFailed.NetworkError"));
        withService(getStateAt(java.net.URI.create("http://non.existing.site.invalid/service"), Duration.ofSeconds(5)), () ->
                assertThat(getState()).isEqualTo("Server.ServerProxy.ServiceFailed.UnknownHost"));
        harness.providerIs(is.answer(502, "text/html", "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8)));
        assertThat(getState()).isEqualTo("Server.ServerProxy.ServiceFailed.HttpError");
        harness.providerIs(is.answer(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(getState()).isEqualTo("Server.ServerProxy.ServiceFailed.InvalidContentType");
        harness.providerIs(is.answer(200, Soap.TEXT_XML, new byte[0]));
        assertThat(getState()).isEqualTo("Server.ServerProxy.ServiceFailed.InvalidSoap");
    }

    @Test
    void slowInformationSystemTimesOut() {
        var release = new CountDownLatch(1);
        harness.providerIs(is.handler((request, body) -> {
            release.await(30, TimeUnit.SECONDS);
            return new ProviderIs.Reply(200, Soap.TEXT_XML, body);
        }));
        withService(getStateAt(harness.providerIsUri("/slow"), Duration.ofMillis(500)), () -> {
            try {
                assertThat(getState()).isEqualTo("Server.ServerProxy.ServiceFailed.IOError");
            } finally {
                release.countDown();
            }
        });
    }

    @Test
    void missingSignatureIsRefusedBeforeTheProviderIsCalled() {
        ManagedHttpClient client = harness.serverPortClient(harness.consumerSigner);
        var body = new ByteArrayOutputStream();
        var writer = new MultipartWriter(body, "xtopTestBoundary");
        harness.consumerSigner.authOcspResponses().forEach(o ->
                writer.part(MimeHeaders.of("Content-Type", "application/ocsp-response"), o));
        writer.part(MimeHeaders.of("Content-Type", "text/xml"), Soap.request(ProxyHarness.CONSUMER,
                ProxyHarness.GET_STATE, "nosig"));
        writer.finish();
        String type = "multipart/mixed; charset=UTF-8; boundary=xtopTestBoundary";

        ProxyHarness.Answer answer = ProxyHarness.send(client.newRequest(harness.serverPortUri()).method("POST")
                .headers(h -> h.put(Headers.contentType(type)).put("x-hash-algorithm", "SHA-512")
                        .put("x-proxy-version", "7.8.0"))
                .body(new BytesRequestContent(type, body.toByteArray())));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.faultCode()).contains("Server.ServerProxy.MissingSignature");
        assertThat(is.received()).isEmpty();

        ProxyHarness.Answer old = ProxyHarness.send(client.newRequest(harness.serverPortUri()).method("POST")
                .headers(h -> h.put(Headers.contentType(type)).put("x-hash-algorithm", "SHA-512")
                        .put("x-proxy-version", "6.26.0"))
                .body(new BytesRequestContent(type, body.toByteArray())));
        assertThat(old.faultCode()).contains("Server.ServerProxy.ClientProxyVersionNotSupported");
        ProxyHarness.Answer get = ProxyHarness.send(client.newRequest(harness.serverPortUri()));
        assertThat(get.faultCode()).contains("Server.ServerProxy.InvalidHttpMethod");
    }

    @Test
    void consumerAuthenticationByOcspPartsAndClientRegistration() {
        List<byte[]> good = harness.consumerSigner.authOcspResponses();
        try {
            var auth = harness.consumerSigner.auth().certificate();
            harness.consumerSigner.authOcspResponses(List.of(harness.pki.ocsp(auth).revoked(Instant.now().minusSeconds(60))
                    .build(), good.get(1)));
            assertThat(getState()).isEqualTo("Server.ServerProxy.ServiceFailed.SslAuthenticationFailed");
            harness.consumerSigner.authOcspResponses(List.of(harness.pki.ocsp(auth)
                    .thisUpdate(Instant.now().minus(Duration.ofHours(2))).build(), good.get(1)));
            assertThat(getState()).isEqualTo("Server.ServerProxy.ServiceFailed.SslAuthenticationFailed");
        } finally {
            harness.consumerSigner.authOcspResponses(good);
        }
        // The consumer's server does not host the subsystem in global configuration.
        var original = harness.defaultSharedParameters();
        try {
            harness.globalConf(p -> ProxyHarness.with(p, p.securityServers().stream().map(s -> s.id().equals(
                    ProxyHarness.CONSUMER_SS) ? new SecurityServer(s.id(), s.address(), s.authCertHashes(), List.of(),
                    Optional.empty()) : s).toList(), p.globalGroups()));
            harness.providerConf.service(new LocalService(new ServiceId(ProxyHarness.PRODUCER, "getState"),
                    LocalService.ServiceType.WSDL, harness.providerIsUri("/getState"), Duration.ofSeconds(5), false,
                    Optional.empty()));
            harness.providerConf.grant(ProxyHarness.PRODUCER, AccessRight.wholeService(ProxyHarness.CONSUMER_SUB, "getState"));
            assertThat(harness.soap(Soap.request(ProxyHarness.CONSUMER_SUB, ProxyHarness.GET_STATE, "s"), Soap.TEXT_XML)
                    .faultCode()).contains("Server.ServerProxy.ServiceFailed.SslAuthenticationFailed");
        } finally {
            harness.globalConf(p -> original);
        }
        assertThat(is.received()).isEmpty();
    }

    @Test
    void unknownConsumerCertificate() {
        // A server whose authentication certificate global configuration does not list fails the handshake.
        var intruder = new org.sild.securityserver.proxy.FakeSigner(harness.pki, harness.pki.authCert("intruder"));
        ManagedHttpClient client = harness.serverPortClient(intruder);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProxyHarness.send(client.newRequest(harness.serverPortUri())
                .method("POST"))).isInstanceOf(IllegalStateException.class);
        // A consumer whose listing disappears after it connected is caught by the message-level check.
        var original = harness.defaultSharedParameters();
        try {
            harness.globalConf(p -> ProxyHarness.with(p, p.securityServers().stream().map(s -> s.id().equals(
                    ProxyHarness.CONSUMER_SS) ? new SecurityServer(s.id(), s.address(), List.of("dW5rbm93bg=="), s.clients(),
                    Optional.empty()) : s).toList(), p.globalGroups()));
            assertThat(getState()).endsWith("SslAuthenticationFailed");
        } finally {
            harness.globalConf(p -> original);
        }
        assertThat(is.received()).isEmpty();
    }
}
