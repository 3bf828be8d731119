package org.sild.runtime.confsource;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a {@link ConfigurationSource} over HTTP as X-Road's central server nginx does:
 * {@code GET /internalconf?version=N} and {@code /externalconf?version=N} answer the signed
 * directory of version N (no or a non-numeric parameter means version 2; an unsupported version is
 * 404), {@code GET /V{N}/{generation}/{file}} answers a part file of the current or the previous
 * generation. Other paths are left to the next handler.
 *
 * <p>Stateless and thread-safe; the source is read for every request.
 */
final class ConfigurationHandler extends Handler.Abstract.NonBlocking {

    private static final Pattern VERSION = Pattern.compile("\\d+");
    private static final String OCTET_STREAM = "application/octet-stream";

    private final ConfigurationSource source;

    ConfigurationHandler(ConfigurationSource source) {
        this.source = source;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Optional<byte[]> body;
        boolean internal = path.equals("/" + ConfigurationSource.INTERNAL_CONF);
        if (internal || path.equals("/" + ConfigurationSource.EXTERNAL_CONF)) {
            body = source.directory(version(request), internal);
        } else if (path.startsWith("/V")) {
            body = source.file(path);
        } else {
            return false;
        }
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        if (body.isEmpty()) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, OCTET_STREAM);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.get().length);
        response.write(true, HttpMethod.HEAD.is(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body.get()),
                callback);
        return true;
    }

    /** The requested version as nginx reads it: digits, else 2; absurdly long numbers are no version (-1). */
    private static int version(Request request) {
        String value = Request.extractQueryParameters(request).getValue("version");
        if (value == null || !VERSION.matcher(value).matches()) {
            return ConfigurationSource.MIN_VERSION;
        }
        return value.length() > 9 ? -1 : Integer.parseInt(value);
    }
}
