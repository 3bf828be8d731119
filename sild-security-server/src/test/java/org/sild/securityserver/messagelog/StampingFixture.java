package org.sild.securityserver.messagelog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.id.SubsystemId;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.MessageSigner;
import org.sild.core.signature.SigningKey;
import org.sild.core.transport.MessageType;
import org.sild.runtime.http.HttpServer;
import org.sild.securityserver.proxy.FakeGlobalConf;
import org.sild.testing.IssuedCert;
import org.sild.testing.MutableClock;
import org.sild.testing.TestPki;

/**
 * What time-stamping tests share: a test PKI, a signer making real XAdES signatures, test TSAs (a runtime
 * {@link HttpServer} answering with the PKI's TSA), and a global configuration that approves them.
 */
final class StampingFixture implements AutoCloseable {

    static final TestPki PKI = TestPki.builder().name("ts").build();
    static final SubsystemId CLIENT = new SubsystemId("EE", "GOV", "70000003", "portal");
    private static final IssuedCert SIGNING = PKI.signingCert("GOV", "70000003");
    private static final MessageSigner SIGNER = MessageSigner.builder()
            .signingKey(SigningKey.software(SIGNING.privateKey())).certificate(SIGNING.certificate())
            .extraCertificates(List.of(PKI.intermediate().certificate()))
            .ocspResponses(List.of(PKI.ocsp(SIGNING.certificate()).build())).build();

    final MutableClock clock = new MutableClock(Instant.now());
    final FakeGlobalConf globalConf;
    private final List<Tsa> tsas = new ArrayList<>();
    private final Path dir;

    StampingFixture() {
        try {
            dir = Files.createTempDirectory("sild-timestamper");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        globalConf = new FakeGlobalConf(dir);
    }

    /** A test TSA; {@link Tsa#down} makes it answer HTTP 500. */
    Tsa tsa() {
        var tsa = new Tsa();
        tsas.add(tsa);
        return tsa;
    }

    /** Publishes global configuration approving these TSA URLs, in order, valid for a day from the clock. */
    void approve(String... urls) {
        var shared = SharedParameters.builder(PKI.instance());
        for (String url : urls) {
            shared.approvedTsa(new ApprovedTsa("TSA " + url, url, PKI.tsa().certificate(), Optional.empty()));
        }
        globalConf.publish(shared.build(), clock.instant().plus(Duration.ofDays(1)));
    }

    /** A record with a real signature over its message, logged at the clock's time. */
    LogRecord record(String queryId) {
        byte[] message = ("GET /r1/DEV/GOV/70000001/registry/persons/" + queryId + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return new LogRecord(queryId, UUID.randomUUID().toString(), CLIENT, StoreMessageLogTest.PERSONS, false,
                MessageType.REST, message, Optional.empty(), SIGNER.sign(MessageParts.of(message)),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Override
    public void close() {
        tsas.forEach(Tsa::close);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TSA on a local port that answers time-stamp requests with the test PKI's TSA, or HTTP 500 when down. */
    final class Tsa implements AutoCloseable {
        final AtomicInteger requests = new AtomicInteger();
        volatile boolean down;
        private final HttpServer server;

        private Tsa() {
            server = HttpServer.builder().name("test-tsa").host("127.0.0.1").port(0).handler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    requests.incrementAndGet();
                    byte[] body;
                    try (var in = Content.Source.asInputStream(request)) {
                        body = in.readAllBytes();
                    }
                    if (down || !"application/timestamp-query".equals(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
                        Response.writeError(request, response, callback, 500);
                        return true;
                    }
                    byte[] answer = PKI.timeStampFor(body).genTime(clock.instant()).response();
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/timestamp-reply");
                    response.write(true, ByteBuffer.wrap(answer), callback);
                    return true;
                }
            }).build().start();
        }

        String url() {
            return server.uri().toString();
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
