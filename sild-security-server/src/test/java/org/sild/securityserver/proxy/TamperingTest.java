package org.sild.securityserver.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.eclipse.jetty.client.BytesRequestContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapPackageWriter;
import org.sild.core.soap.SoapParser;

/**
 * A man in the middle holding both servers' TLS keys changes one byte of each kind of part; the
 * signature check refuses the message and the provider's information system sees nothing.
 */
class TamperingTest {

    private static ProxyHarness harness;
    private static TamperingRelay relay;
    private ProviderIs is;

    @BeforeAll
    static void start() throws Exception {
        harness = ProxyHarness.start();
        harness.providerIs(new ProviderIs().soapEcho());
        // One honest exchange caches the provider's OCSP responses, which the relay cannot serve.
        assertThat(harness.soap(Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "warm"), Soap.TEXT_XML)
                .faultCode()).isEmpty();
        relay = new TamperingRelay(
                TlsSupport.context(Optional.of(new AuthKeyManager(harness.providerSigner)), TlsSupport.acceptAnyPeer()),
                TlsSupport.context(Optional.of(new AuthKeyManager(harness.consumerSigner)), TlsSupport.acceptAnyPeer()),
                harness.serverPort());
        harness.globalConf(p -> ProxyHarness.with(p, p.securityServers().stream().map(s -> s.id().equals(
                ProxyHarness.PRODUCER_SS) ? new SecurityServer(s.id(), Optional.of("127.0.0.1:" + relay.port()),
                s.authCertHashes(), s.clients(), s.maintenanceMode()) : s).toList(), p.globalGroups()));
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        harness.close();
    }

    @BeforeEach
    void provider() {
        is = new ProviderIs();
        harness.providerIs(is.soapEcho());
    }

    private String soap(String marker, int skip) {
        relay.tamper(TamperingRelay.Direction.REQUEST, marker, skip);
        String fault = harness.soap(Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "t"), Soap.TEXT_XML)
                .faultCode().orElse("none");
        assertThat(relay.tampered()).as("the relay changed a byte").isTrue();
        return fault;
    }

    @Test
    void untouchedMessagesPass() {
        relay.tamper(TamperingRelay.Direction.REQUEST, "no such marker", 0);
        assertThat(harness.soap(Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "ok"), Soap.TEXT_XML)
                .faultCode()).isEmpty();
        assertThat(is.received()).hasSize(1);
    }

    @Test
    void changedSoapPart() {
        assertThat(soap("<param>", 0)).isEqualTo("Server.ServerProxy.SignatureVerification.InvalidSignatureValue");
        assertThat(is.received()).isEmpty();
    }

    @Test
    void changedOcspPart() {
        assertThat(soap("Content-Type: application/ocsp-response\r\n\r\n", 200))
                .startsWith("Server.ServerProxy.ServiceFailed.");
        assertThat(is.received()).isEmpty();
    }

    @Test
    void changedSignaturePart() {
        assertThat(soap("Id=\"signature-value\">", 10)).startsWith("Server.ServerProxy.SignatureVerification.");
        assertThat(is.received()).isEmpty();
    }

    @Test
    void changedAttachment() throws Exception {
        var parser = new SoapParser(SoapLimits.withMaxSoapBytes(1 << 20));
        var out = new ByteArrayOutputStream();
        var writer = new SoapPackageWriter(out, "b1");
        writer.soap(parser.parse(new ByteArrayInputStream(Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE,
                "a")), Soap.TEXT_XML), MimeHeaders.of("Content-Type", Soap.TEXT_XML));
        byte[] data = new byte[5000];
        new Random(7).nextBytes(data);
        writer.attachment(MimeHeaders.of("Content-Type", "application/octet-stream", "Content-ID", "<tamper-me>"),
                new ByteArrayInputStream(data));
        writer.finish();
        relay.tamper(TamperingRelay.Direction.REQUEST, "Content-ID: <tamper-me>\r\n\r\n", 100);
        String fault = harness.soap(out.toByteArray(), SoapPackageWriter.contentType("b1", false)).faultCode().orElse("none");
        assertThat(relay.tampered()).isTrue();
        assertThat(fault).startsWith("Server.ServerProxy.SignatureVerification.");
        assertThat(is.received()).isEmpty();
    }

    @Test
    void changedRestBody() {
        relay.tamper(TamperingRelay.Direction.REQUEST, "application/x-road-rest-body\r\n\r\n", 3);
        var answer = ProxyHarness.send(harness.client().newRequest(harness.clientUri(
                "/r1/EE/BUSINESS/producer/subsys2/persons")).method("POST")
                .headers(h -> h.put("X-Road-Client", "EE/BUSINESS/consumer/subsys1"))
                .body(new BytesRequestContent("application/json", "{\"a\":\"bcdefgh\"}".getBytes(StandardCharsets.UTF_8))));
        assertThat(relay.tampered()).isTrue();
        assertThat(answer.headers().get("X-Road-Error")).startsWith("Server.ServerProxy.SignatureVerification.");
        assertThat(is.received()).isEmpty();
    }

    @Test
    void changedResponse() {
        relay.tamper(TamperingRelay.Direction.RESPONSE, "<result>", 0);
        String fault = harness.soap(Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "r"), Soap.TEXT_XML)
                .faultCode().orElse("none");
        assertThat(relay.tampered()).isTrue();
        assertThat(fault).isEqualTo("Server.ClientProxy.SignatureVerification.InvalidSignatureValue");
        assertThat(harness.consumerLog.records().stream().filter(r -> r.response() && r.queryId().equals("r"))).isEmpty();
    }
}
