package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.e2e.TwoServers.API;
import static org.sild.e2e.TwoServers.APP;
import static org.sild.e2e.TwoServers.CONSUMER;
import static org.sild.e2e.TwoServers.PROVIDER;
import static org.sild.e2e.TwoServers.SS1;
import static org.sild.e2e.TwoServers.SS2;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.http.HttpField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.rest.RestRequest;
import org.sild.core.rest.RestRequestHash;
import org.sild.core.soap.SoapMessage;
import org.sild.core.transport.MessageType;
import org.sild.e2e.ProviderIs.Reply;
import org.sild.securityserver.messagelog.LogEntry;
import org.sild.securityserver.messagelog.LogRecord;

/**
 * SOAP and REST exchanges through two security servers: what the client information system gets
 * back (X-Road's response headers, {@code requestHash}), what the provider information system sees,
 * and the four message log records of every exchange, written before the answer arrives and signed.
 */
class ExchangeTest {

    static final ServiceId PERSONS = new ServiceId(API, "persons");
    static final ServiceId GET_PERSON = new ServiceId(API, "getPerson", "v1");

    /** The HTTP headers a SOAP request may arrive at the provider IS with: X-Road carries Content-Type and SOAPAction only. */
    private static final Set<String> SOAP_TRANSPORT_HEADERS = Set.of("host", "content-type", "content-length",
            "transfer-encoding", "connection", "soapaction", "accept-encoding");

    private static TestNetwork net;
    private static ProviderIs is;
    /** What the provider IS found in each server's message log when the request reached it, by message id. */
    private static final Map<String, List<List<LogEntry>>> seenByProvider = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        net = TwoServers.builder()
                .start();
        is = net.providerIs("provider-is");
        net.restService(PERSONS, is.url("/persons"));
        net.soapService(GET_PERSON, is.url("/soap"));
        net.allow(APP, PERSONS);
        net.allow(APP, GET_PERSON);
    }

    @AfterAll
    static void stop() {
        net.close();
    }

    @BeforeEach
    void clear() {
        is.clear();
    }

    @Test
    void restGetPassesBothServersWithXRoadHeaders() {
        String id = "rest-" + UUID.randomUUID();
        byte[] person = "{\"code\":\"38001010001\",\"name\":\"Mari\"}".getBytes(StandardCharsets.UTF_8);
        is.answer(r -> {
            seenByProvider.put(r.header("X-Road-Id").orElse("?"), logsNow(r.header("X-Road-Id").orElse("?")));
            return Reply.of(200, "application/json", person).withHeader("X-Provider", "yes")
                    .withHeader("X-Road-Request-Hash", "made-up-by-the-provider");
        });

        Answer answer = net.client(SS1).send(net.client(SS1).rest(APP, "GET", PERSONS, "/38001010001?fields=name")
                .headers(h -> h.put("X-Road-Id", id).put("X-Custom", "kept").put("User-Agent", "e2e-is/1.0")
                        .put("X-Road-Request-Hash", "forged-by-the-client").put("X-Road-Request-Id", "forged")));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(person);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.header("X-Provider")).contains("yes");
        assertThat(answer.header("X-Road-Id")).contains(id);
        assertThat(answer.header("X-Road-Client")).contains("E2E/GOV/1001/app");
        assertThat(answer.header("X-Road-Service")).contains("E2E/COM/2002/api/persons");
        String requestId = answer.header("X-Road-Request-Id").orElseThrow();
        assertThat(UUID.fromString(requestId)).isNotNull();

        ProviderIs.Received received = is.last();
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.uri().getPath()).isEqualTo("/persons/38001010001");
        assertThat(received.uri().getRawQuery()).isEqualTo("fields=name");
        assertThat(received.header("X-Custom")).contains("kept");
        assertThat(received.header("X-Road-Client")).contains("E2E/GOV/1001/app");
        assertThat(received.header("X-Road-Id")).contains(id);
        assertThat(received.header("X-Road-Request-Id")).as("the consumer server's own request id").contains(requestId);
        assertThat(received.header("X-Road-Request-Hash")).as("dropped from requests").isEmpty();
        assertThat(received.header("User-Agent")).as("on the skip list").isNotEqualTo(Optional.of("e2e-is/1.0"));

        List<LogEntry> consumerLog = net.server(SS1).messageLog().findByQueryId(id);
        LogRecord signedRequest = consumerLog.get(0).record();
        RestRequest request = RestRequest.parse(signedRequest.message());
        assertThat(request.path()).isEqualTo("/r1/E2E/COM/2002/api/persons/38001010001");
        assertThat(request.query()).contains("fields=name");
        assertThat(request.requestId()).isEqualTo(requestId);
        assertThat(answer.header("X-Road-Request-Hash"))
                .contains(RestRequestHash.of(signedRequest.message(), Optional.empty()));
        assertLoggedBeforeAnswerAndSigned(id, MessageType.REST, requestId);
    }

    @Test
    void restPostBodyIsDeliveredAndHashed() {
        String id = "rest-post-" + UUID.randomUUID();
        byte[] body = "{\"query\":\"Mari\",\"limit\":3}".getBytes(StandardCharsets.UTF_8);
        is.answer(r -> {
            seenByProvider.put(id, logsNow(id));
            return Reply.of(201, "application/json", r.body());
        });

        Answer answer = net.client(SS1).send(net.client(SS1).rest(APP, "POST", PERSONS, "/search")
                .headers(h -> h.put("X-Road-Id", id)).body(new BytesRequestContent("application/json", body)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.body()).isEqualTo(body);
        assertThat(is.last().body()).isEqualTo(body);
        assertThat(is.last().header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        byte[] headerPart = net.server(SS1).messageLog().findByQueryId(id).get(0).record().message();
        assertThat(answer.header("X-Road-Request-Hash"))
                .contains(RestRequestHash.of(headerPart, Optional.of(DigestAlgorithm.SHA512.digest(body))));
        assertLoggedBeforeAnswerAndSigned(id, MessageType.REST, answer.header("X-Road-Request-Id").orElseThrow());
    }

    @Test
    void restMessageIdIsGeneratedWhenTheClientSendsNone() {
        is.answer(r -> Reply.of(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)));

        Answer answer = net.client(SS1).restCall(APP, "GET", PERSONS, "/1");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        String id = answer.header("X-Road-Id").orElseThrow();
        assertThat(id).startsWith("E2E-");
        assertThat(is.last().header("X-Road-Id")).contains(id);
        assertThat(net.server(SS1).messageLog().findByQueryId(id)).hasSize(2);
        assertThat(net.server(SS2).messageLog().findByQueryId(id)).hasSize(2);
    }

    @Test
    void soapPassesBothServersWithRequestHashAfterId() {
        String id = "soap-" + UUID.randomUUID();
        byte[] request = Soap.request(APP, GET_PERSON, id,
                "<p:getPerson xmlns:p=\"urn:e2e\"><p:code>38001010001</p:code></p:getPerson>");
        is.answer(r -> {
            seenByProvider.put(id, logsNow(id));
            return Reply.of(200, "text/xml; charset=UTF-8", Soap.response(r.body(),
                    "<p:getPersonResponse xmlns:p=\"urn:e2e\"><p:name>Mari</p:name></p:getPersonResponse>"))
                    .withHeader("X-Provider", "yes");
        });

        Answer answer = net.client(SS1).send(net.client(SS1).soap(request).headers(h -> h
                .put("SOAPAction", "\"urn:e2e:getPerson\"").put("X-Custom", "dropped").put("User-Agent", "e2e-is/1.0")
                .put("Authorization", "Bearer secret")));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/xml");
        assertThat(answer.header("X-Provider")).as("only Content-Type of a SOAP response is carried").isEmpty();
        SoapMessage response = answer.soapMessage();
        assertThat(response.header().id()).isEqualTo(id);
        assertThat(response.header().client()).isEqualTo(APP);
        assertThat(response.header().service()).isEqualTo(GET_PERSON);
        assertThat(response.header().requestHash()).hasValueSatisfying(h -> {
            assertThat(h.value()).isEqualTo(Soap.requestHash(request));
            assertThat(h.algorithmId()).contains("http://www.w3.org/2001/04/xmlenc#sha512");
        });
        assertThat(answer.text()).containsPattern(Pattern.compile(
                "<xrd:id>" + Pattern.quote(id) + "</xrd:id>\\s*<xrd:requestHash\\b[^>]*>"
                        + Pattern.quote(Soap.requestHash(request)) + "</xrd:requestHash>"));
        assertThat(answer.text()).contains("<p:name>Mari</p:name>");

        ProviderIs.Received received = is.last();
        assertThat(received.body()).as("the provider IS gets the request as the client sent it").isEqualTo(request);
        assertThat(received.uri().getPath()).isEqualTo("/soap");
        assertThat(received.header("SOAPAction")).contains("\"urn:e2e:getPerson\"");
        assertThat(received.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(received.headers().stream().map(HttpField::getLowerCaseName))
                .as("a SOAP request carries only Content-Type and SOAPAction to the provider")
                .allMatch(SOAP_TRANSPORT_HEADERS::contains);
        assertLoggedBeforeAnswerAndSigned(id, MessageType.SOAP, "");
    }

    /** Each server's records of message {@code id} now. */
    private static List<List<LogEntry>> logsNow(String id) {
        return List.of(net.server(SS1).messageLog().findByQueryId(id), net.server(SS2).messageLog().findByQueryId(id));
    }

    /**
     * The request records were in both logs when the provider IS got the request; all four records
     * are there now that the client has the answer, each signed by the right member.
     */
    private static void assertLoggedBeforeAnswerAndSigned(String id, MessageType type, String requestId) {
        List<List<LogEntry>> atProvider = seenByProvider.get(id);
        assertThat(atProvider).as("the provider IS looked the message up").isNotNull();
        for (List<LogEntry> log : atProvider) {
            assertThat(log).as("request record logged before the provider IS was called").hasSize(1);
            assertThat(log.get(0).record().response()).isFalse();
        }
        for (SecurityServerId server : List.of(SS1, SS2)) {
            List<LogEntry> log = net.server(server).messageLog().findByQueryId(id);
            assertThat(log).as("records of %s on %s", id, server).hasSize(2);
            assertThat(log).extracting(e -> e.record().response()).containsExactly(false, true);
            for (LogEntry entry : log) {
                LogRecord record = entry.record();
                assertThat(record.type()).isEqualTo(type);
                assertThat(record.client()).isEqualTo(APP);
                assertThat(record.service().provider()).isEqualTo(API);
                if (!requestId.isEmpty()) {
                    assertThat(record.requestId()).isEqualTo(requestId);
                }
                var verified = MessageLogs.verify(record, net.globalConf(), net.now());
                assertThat(verified.signer()).isEqualTo(record.response() ? PROVIDER : CONSUMER);
            }
        }
        assertThat(net.server(SS1).messageLog().findByQueryId(id).get(0).record().requestId())
                .isEqualTo(net.server(SS2).messageLog().findByQueryId(id).get(0).record().requestId());
    }
}
