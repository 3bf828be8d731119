package org.sild.runtime.http;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Keeping HTTP/1.1 connections usable when a handler answers before it has read the whole request.
 * Jetty closes such a connection after the answer when the rest of the body has not arrived, without
 * saying so in the answer; a keep-alive client then sends its next request on a closed connection,
 * and a client that writes its whole request before reading may never see the answer.
 */
public final class Connections {

    private Connections() {
    }

    /**
     * Reads and drops what is left of the request body, waiting for it, at most {@code maxBytes} more
     * (none when the declared length is larger); true when the body has been read to its end. Call on
     * the thread that reads the body, with no read in progress. (Not Jetty's
     * {@code Request.consumeAvailable}: when the rest has not arrived yet, that gives the connection up.)
     */
    public static boolean dropBody(Request request, long maxBytes) {
        if (request.getLength() > maxBytes) {
            return false;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;                      // a broken request: the connection closes
        }
    }

    /**
     * Before an early answer (a fault): {@link #dropBody drops} the rest of the request body, at most
     * {@code maxBytes}, so the client can finish sending and read the answer; when that does not reach
     * the body's end, marks the answer {@code Connection: close}. Call before the response is committed.
     */
    public static void finishRequestEarly(Request request, Response response, long maxBytes) {
        if (!dropBody(request, maxBytes)) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
    }
}
