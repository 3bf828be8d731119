package org.sild.trustservices.ocsp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The OCSP responder over HTTP (RFC 6960 appendix A): {@code POST} with the DER request as body
 * ({@code application/ocsp-request}), or {@code GET /{url-encoded base64 request}}; the answer is
 * always HTTP 200 with an {@code application/ocsp-response} body, {@code malformedRequest} when
 * the request cannot be read. Other methods get 405.
 *
 * <p>Serves every path it is given, so mount it where the responder URL points (the trust
 * services serve it at {@code /} beside {@code /ca/}). Thread-safe; blocks on the status store.
 */
public final class OcspHandler extends Handler.Abstract {

    /** Media type of OCSP requests. */
    public static final String REQUEST_TYPE = "application/ocsp-request";
    /** Media type of OCSP responses. */
    public static final String RESPONSE_TYPE = "application/ocsp-response";

    private final OcspResponder responder;

    public OcspHandler(OcspResponder responder) {
        this.responder = Objects.requireNonNull(responder);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        byte[] answer;
        if (HttpMethod.POST.is(request.getMethod())) {
            answer = respondToPost(request);
        } else if (HttpMethod.GET.is(request.getMethod())) {
            String path = request.getHttpURI().getPath();
            answer = responder.respondToGet(path == null || path.length() < 2 ? "" : path.substring(1));
        } else {
            response.setStatus(405);
            response.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
            response.write(true, null, callback);
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, RESPONSE_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.length);
        response.write(true, ByteBuffer.wrap(answer), callback);
        return true;
    }

    private byte[] respondToPost(Request request) {
        // One byte over the limit is enough for the responder to answer malformedRequest.
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(OcspResponder.MAX_REQUEST_SIZE + 1);
            return responder.respond(body);
        } catch (IOException e) {
            return OcspResponder.malformedRequest();
        }
    }
}
