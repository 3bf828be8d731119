package org.sild.securityserver.management;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultStyle;
import org.sild.core.fault.XRoadException;
import org.sild.core.management.ManagementMessage;
import org.sild.core.management.ManagementPackage;
import org.sild.core.management.ManagementRequestVerifier;
import org.sild.core.management.ManagementResponse;
import org.sild.core.soap.SoapFaultWriter;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapParser;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.tls.ServerTls;

/**
 * The central server's management services as far as the security server can tell: an HTTP endpoint
 * on a free port that reads each request with core's reader, verifies it with core's verifier and
 * answers with the next request id, or with a SOAP fault {@code Server.<code>}. As the client proxy
 * endpoint it also plays the management service's security server, which adds {@code requestHash}
 * to the answer. Records what it received.
 */
final class FakeCentralServer implements AutoCloseable {

    private static final SoapParser PARSER = new SoapParser(SoapLimits.withMaxSoapBytes(ManagementPackage.MAX_BYTES));

    final List<ManagementPackage> received = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1000);
    private final ManagementRequestVerifier verifier;
    private final boolean addRequestHash;
    private final HttpServer server;

    private FakeCentralServer(ManagementRequestVerifier verifier, boolean addRequestHash, Optional<ServerTls> tls) {
        this.verifier = verifier;
        this.addRequestHash = addRequestHash;
        var builder = HttpServer.builder().name("fake-central-server").host("127.0.0.1").port(0).handler(handler());
        tls.ifPresent(builder::tls);
        this.server = builder.build().start();
    }

    /** The registration service (port 4001 of a central server): HTTPS with {@code tls}. */
    static FakeCentralServer registration(ManagementRequestVerifier verifier, ServerTls tls) {
        return new FakeCentralServer(verifier, false, Optional.of(tls));
    }

    /** The client proxy with everything behind it up to the central server's management service. */
    static FakeCentralServer behindClientProxy(ManagementRequestVerifier verifier) {
        return new FakeCentralServer(verifier, true, Optional.empty());
    }

    URI uri(String path) {
        return server.uri().resolve(path);
    }

    private Handler handler() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
                byte[] answer;
                try (InputStream in = Content.Source.asInputStream(request)) {
                    contentTypes.add(type);
                    ManagementPackage pkg = ManagementPackage.read(in, type);
                    received.add(pkg);
                    ManagementMessage message = verifier.verify(pkg);
                    answer = ManagementResponse.to(message, nextId.getAndIncrement()).toSoap(message);
                    if (addRequestHash) {
                        var soap = (SoapMessage) PARSER.parse(new ByteArrayInputStream(answer), "text/xml");
                        answer = soap.withRequestHash(message.soap().requestHash()).bytes();
                    }
                } catch (XRoadException e) {
                    answer = new SoapFaultWriter(FaultStyle.CLASSIC, new Random(1)).write(e.withPrefix(ErrorCode.SERVER));
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml; charset=UTF-8");
                response.write(true, ByteBuffer.wrap(answer), callback);
                return true;
            }
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
