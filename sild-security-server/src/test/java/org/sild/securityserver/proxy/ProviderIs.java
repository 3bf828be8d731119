package org.sild.securityserver.proxy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapParser;

/** Behaviours of the provider information system in tests, recording what reached it. */
public final class ProviderIs {

    /** A request as the information system received it. */
    public record Received(String method, String uri, HttpFields headers, byte[] body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** The requests received so far. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Answers every request with {@code status}, {@code contentType} and {@code body}. */
    public Handler answer(int status, String contentType, byte[] body) {
        return handler((request, bytes) -> new Reply(status, contentType, body));
    }

    /** Answers a SOAP request with the matching response: same headers, body {@code <code>Response}. */
    public Handler soapEcho() {
        var parser = new SoapParser(SoapLimits.withMaxSoapBytes(16 * 1024 * 1024));
        return handler((request, bytes) -> {
            SoapMessage soap = parser.parseRequest(new ByteArrayInputStream(bytes),
                    request.getHeaders().get("Content-Type"));
            return new Reply(200, Soap.TEXT_XML, Soap.response(soap.header().client(), soap.header().service(),
                    soap.header().id()));
        });
    }

    /** What to answer. */
    public record Reply(int status, String contentType, byte[] body) {
    }

    /** Computes a reply from the request and its whole body. */
    @FunctionalInterface
    public interface Responder {
        Reply reply(Request request, byte[] body) throws Exception;
    }

    /** A handler reading the whole request, recording it and answering with {@code responder}. */
    public Handler handler(Responder responder) {
        return new Handler.Abstract(Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body = Content.Source.asInputStream(request).readAllBytes();
                received.add(new Received(request.getMethod(), request.getHttpURI().toString(),
                        HttpFields.build(request.getHeaders()).asImmutable(), body));
                Reply reply = responder.reply(request, body);
                response.setStatus(reply.status());
                if (reply.contentType() != null) {
                    response.getHeaders().put(Headers.contentType(reply.contentType()));
                }
                response.write(true, ByteBuffer.wrap(reply.body()), callback);
                return true;
            }
        };
    }
}
