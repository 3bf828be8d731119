package org.sild.trustservices.tsa;

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
 * The time-stamping authority over HTTP (RFC 3161 §3.4): {@code POST} of a DER
 * {@code application/timestamp-query} to any path, answered HTTP 200 with an
 * {@code application/timestamp-reply} body (granted, or a rejection with its failInfo). Other
 * methods get 405. Thread-safe.
 */
public final class TsaHandler extends Handler.Abstract {

    /** Media type of time-stamp requests. */
    public static final String REQUEST_TYPE = "application/timestamp-query";
    /** Media type of time-stamp responses. */
    public static final String RESPONSE_TYPE = "application/timestamp-reply";

    private final TimeStampAuthority tsa;

    public TsaHandler(TimeStampAuthority tsa) {
        this.tsa = Objects.requireNonNull(tsa);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.setStatus(405);
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            response.write(true, null, callback);
            return true;
        }
        byte[] body;
        // One byte over the limit is enough for the TSA to answer "too large".
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(TimeStampAuthority.MAX_REQUEST_SIZE + 1);
        } catch (IOException e) {
            body = new byte[0];
        }
        byte[] answer = tsa.respond(body);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, RESPONSE_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.length);
        response.write(true, ByteBuffer.wrap(answer), callback);
        return true;
    }
}
