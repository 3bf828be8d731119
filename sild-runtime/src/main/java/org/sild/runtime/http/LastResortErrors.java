package org.sild.runtime.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The error page for what no handler answered (unhandled requests, handler exceptions, bad HTTP):
 * a one-line text body with the status only, never an exception message, stack trace or server
 * version. Handlers that speak a protocol (SOAP faults, JSON errors) answer their own errors.
 */
final class LastResortErrors extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR_500;
        if (request.getAttribute(ERROR_STATUS) instanceof Integer s && s >= 400) {
            status = s;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        String reason = HttpStatus.getMessage(status);
        byte[] body = ("HTTP " + status + (reason == null ? "" : " " + reason) + "\n").getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
