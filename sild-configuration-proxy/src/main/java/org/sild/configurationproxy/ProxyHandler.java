package org.sild.configurationproxy;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the proxy instances over HTTP as X-Road's configuration proxy nginx does:
 * {@code GET /NAME/conf?version=N} answers the signed directory of version N (a missing or
 * non-numeric parameter means version 2, as nginx's {@code map} reads it; a version not served, or
 * one whose signed set has expired, is 404), {@code GET /NAME/GENERATION/...} a part file listed by
 * a directory still valid, and {@code GET /NAME/anchor} the anchor clients import. Other paths are
 * left to the next handler.
 *
 * <p>Stateless and thread-safe; the instances are asked for every request.
 */
final class ProxyHandler extends Handler.Abstract.NonBlocking {

    /** The path, after {@code /NAME}, of the anchor. */
    static final String ANCHOR = "anchor";

    private static final Pattern VERSION = Pattern.compile("(?:^|&)version=(\\d+)(?:&|$)");
    private static final String OCTET_STREAM = "application/octet-stream";

    private final Map<String, ProxyInstance> instances;

    ProxyHandler(Map<String, ProxyInstance> instances) {
        this.instances = Map.copyOf(instances);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        int slash = path.indexOf('/', 1);
        if (!path.startsWith("/") || slash < 0) {
            return false;
        }
        ProxyInstance instance = instances.get(path.substring(1, slash));
        if (instance == null) {
            return false;
        }
        String rest = path.substring(slash + 1);
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        Optional<byte[]> body;
        String type = OCTET_STREAM;
        if (rest.equals(ProxyInstance.CONF)) {
            body = version(request.getHttpURI().getQuery()).flatMap(instance::directory);
        } else if (rest.equals(ANCHOR)) {
            body = Optional.of(instance.anchor().toXml());
            type = "application/xml";
        } else {
            body = instance.file(path);
        }
        if (body.isEmpty()) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.get().length);
        response.write(true, HttpMethod.HEAD.is(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body.get()),
                callback);
        return true;
    }

    /** The version nginx's {@code map $args} finds: {@code version=DIGITS} among the parameters, else 2. */
    static Optional<Integer> version(String query) {
        if (query == null) {
            return Optional.of(ConfigurationProxyConfig.MIN_VERSION);
        }
        Matcher m = VERSION.matcher(query);
        if (!m.find()) {
            return Optional.of(ConfigurationProxyConfig.MIN_VERSION);
        }
        String digits = m.group(1);
        return digits.length() > 9 ? Optional.empty() : Optional.of(Integer.parseInt(digits));
    }
}
