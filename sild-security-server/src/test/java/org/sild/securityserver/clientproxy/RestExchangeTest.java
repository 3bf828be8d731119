package org.sild.securityserver.clientproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.rest.RestRequest;
import org.sild.core.rest.RestRequestHash;
import org.sild.core.transport.MessageType;
import org.sild.securityserver.messagelog.LogRecord;
import org.sild.securityserver.proxy.ProviderIs;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.serverconf.AccessRight;

class RestExchangeTest {

    private static final String PERSONS = "/r1/EE/BUSINESS/producer/subsys2/persons";
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
        harness.providerIs(is.answer(200, "application/json", "{\"name\":\"Mari\"}".getBytes(StandardCharsets.UTF_8)));
        harness.consumerLog.clear();
        harness.providerLog.clear();
    }

    private static Request rest(String method, String path) {
        return harness.client().newRequest(harness.clientUri(path)).method(method)
                .headers(h -> h.put("X-Road-Client", "EE/BUSINESS/consumer/subsys1"));
    }

    @Test
    void getReturnsTheProviderAnswerWithXRoadHeaders() {
        ProxyHarness.Answer answer = ProxyHarness.send(rest("GET", PERSONS + "/3801?x=1").headers(h -> h.put("X-Road-Id", "msg-1")));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("{\"name\":\"Mari\"}");
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.headers().get("x-road-id")).isEqualTo("msg-1");
        assertThat(answer.headers().get("x-road-client")).isEqualTo("EE/BUSINESS/consumer/subsys1");
        assertThat(answer.headers().get("x-road-service")).isEqualTo("EE/BUSINESS/producer/subsys2/persons");
        assertThat(answer.headers().get("x-road-request-id")).isNotBlank();
        assertThat(answer.headers().get("x-road-request-hash")).isNotBlank();
        ProviderIs.Received received = is.received().get(0);
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.uri()).endsWith("/api/3801?x=1");
        assertThat(received.headers().get("X-Road-Client")).isEqualTo("EE/BUSINESS/consumer/subsys1");

        LogRecord request = harness.consumerLog.records().get(0);
        assertThat(request.type()).isEqualTo(MessageType.REST);
        assertThat(request.response()).isFalse();
        RestRequest signed = RestRequest.parse(request.message());
        assertThat(answer.headers().get("x-road-request-hash"))
                .isEqualTo(RestRequestHash.of(signed.headerPart(), java.util.Optional.empty()));
        assertThat(harness.consumerLog.records()).hasSize(2);
        assertThat(harness.providerLog.records()).hasSize(2);
        assertThat(harness.providerLog.records().get(1).restBody()).contains("{\"name\":\"Mari\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void postBodyIsSignedHashedAndDelivered() {
        byte[] body = "{\"q\":\"search\"}".getBytes(StandardCharsets.UTF_8);
        ProxyHarness.Answer answer = ProxyHarness.send(rest("POST", PERSONS).body(new BytesRequestContent("application/json", body)));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(is.received().get(0).body()).isEqualTo(body);
        assertThat(is.received().get(0).headers().get("Content-Length")).isEqualTo(Integer.toString(body.length));
        byte[] headerPart = harness.consumerLog.records().get(0).message();
        String expected = RestRequestHash.of(headerPart, java.util.Optional.of(DigestAlgorithm.SHA512.digest(body)));
        assertThat(answer.headers().get("x-road-request-hash")).isEqualTo(expected);
        assertThat(Base64.getDecoder().decode(expected)).hasSize(64);
    }

    @Test
    void providerErrorsPassThroughUntouched() {
        harness.providerIs(is.answer(404, "text/plain", "no such person".getBytes(StandardCharsets.UTF_8)));

        ProxyHarness.Answer answer = ProxyHarness.send(rest("GET", PERSONS + "/0"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text()).isEqualTo("no such person");
        assertThat(answer.headers().get("X-Road-Error")).isNull();
    }

    @Test
    void accessRightsByMethodAndPath() {
        harness.providerConf.revokeAll().grant(ProxyHarness.PRODUCER_SUB,
                new AccessRight(ProxyHarness.CONSUMER_SUB, "persons", "GET", "/public/*"));
        try {
            assertThat(ProxyHarness.send(rest("GET", PERSONS + "/public/1")).status()).isEqualTo(200);
            ProxyHarness.Answer denied = ProxyHarness.send(rest("GET", PERSONS + "/private/1"));
            assertThat(denied.status()).isEqualTo(500);
            assertThat(denied.headers().get("X-Road-Error")).isEqualTo("Server.ServerProxy.AccessDenied");
            assertThat(denied.text()).startsWith("{\"type\":\"Server.ServerProxy.AccessDenied\"");
            assertThat(ProxyHarness.send(rest("POST", PERSONS + "/public/1")).status()).isEqualTo(500);
            int reached = is.received().size();
            // Encoded or plain dot segments climbing out of the granted path: refused (by Jetty or the ACL).
            assertThat(ProxyHarness.send(rest("GET", PERSONS + "/public/%2e%2e/private/1")).status()).isIn(400, 500);
            assertThat(ProxyHarness.send(rest("GET", PERSONS + "/public/1/../../private")).status()).isIn(400, 500);
            assertThat(is.received()).hasSize(reached);
        } finally {
            harness.providerConf.revokeAll().grant(ProxyHarness.PRODUCER_SUB,
                    AccessRight.wholeService(ProxyHarness.CONSUMER_SUB, "persons"));
        }
    }

    @Test
    void clientErrorsAre400WithClientCodes() {
        ProxyHarness.Answer noClient = ProxyHarness.send(harness.client().newRequest(harness.clientUri(PERSONS)));
        assertThat(noClient.status()).isEqualTo(400);
        assertThat(noClient.headers().get("X-Road-Error")).isEqualTo("Client.MissingHeaderField");

        ProxyHarness.Answer r2 = ProxyHarness.send(rest("GET", "/r2/EE/BUSINESS/producer/subsys2/persons"));
        assertThat(r2.headers().get("X-Road-Error")).isEqualTo("Client.InvalidRequest");
        assertThat(r2.text()).contains("Unsupported protocol version");

        ProxyHarness.Answer xml = ProxyHarness.send(rest("GET", "/r2/EE/BUSINESS/producer/subsys2/persons")
                .headers(h -> h.put("Accept", "text/xml")));
        assertThat(xml.contentType()).startsWith("text/xml");
        assertThat(xml.text()).contains("<type>Client.InvalidRequest</type>");
    }
}
