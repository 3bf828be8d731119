package org.sild.securityserver.signer;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.runtime.http.HttpServer;
import org.sild.testing.OcspResponseBuilder;
import org.sild.testing.TestPki;

/**
 * A real OCSP responder over HTTP (the runtime's server) on port 0 for the test PKI: answers {@code POST} OCSP requests
 * about registered certificates with responses signed by the issuing CA, good unless told otherwise.
 */
final class TestOcspResponder implements AutoCloseable {

    private final TestPki pki;
    private final HttpServer server;
    private final Map<BigInteger, X509Certificate> certificates = new ConcurrentHashMap<>();
    private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean down;
    private volatile Optional<Duration> nextUpdate = Optional.empty();

    TestOcspResponder(TestPki pki) {
        this.pki = pki;
        this.server = HttpServer.builder().name("test-ocsp").host("127.0.0.1").port(0)
                .handler(new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws IOException {
                        answer(Content.Source.asInputStream(request).readAllBytes(), response, callback);
                        return true;
                    }
                }).build().start();
    }

    String url() {
        return server.uri().toString();
    }

    /** Answers for {@code certificate} from now on. */
    void register(X509Certificate certificate) {
        certificates.put(certificate.getSerialNumber(), certificate);
    }

    void revoke(X509Certificate certificate) {
        revoked.add(certificate.getSerialNumber());
    }

    void down(boolean down) {
        this.down = down;
    }

    void nextUpdate(Duration afterThisUpdate) {
        this.nextUpdate = Optional.of(afterThisUpdate);
    }

    int requests() {
        return requests.get();
    }

    private void answer(byte[] body, Response response, Callback callback) {
        requests.incrementAndGet();
        if (down) {
            response.setStatus(503);
            response.write(true, null, callback);
            return;
        }
        BigInteger serial;
        try {
            serial = new OCSPReq(body).getRequestList()[0].getCertID().getSerialNumber();
        } catch (IOException | RuntimeException e) {
            respond(response, callback, OcspResponseBuilder.unsuccessful(OcspResponseBuilder.MALFORMED_REQUEST));
            return;
        }
        X509Certificate cert = certificates.get(serial);
        if (cert == null) {
            respond(response, callback, OcspResponseBuilder.unsuccessful(OcspResponseBuilder.UNAUTHORIZED));
            return;
        }
        OcspResponseBuilder builder = pki.ocsp(cert);
        if (revoked.contains(serial)) {
            builder.revoked(pki.clock().instant().minusSeconds(60));
        }
        nextUpdate.ifPresent(d -> builder.nextUpdate(pki.clock().instant().plus(d)));
        respond(response, callback, builder.build());
    }

    private static void respond(Response response, Callback callback, byte[] der) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/ocsp-response");
        response.write(true, ByteBuffer.wrap(der), callback);
    }

    @Override
    public void close() {
        server.close();
    }
}
