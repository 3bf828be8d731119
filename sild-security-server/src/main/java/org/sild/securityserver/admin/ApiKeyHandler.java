package org.sild.securityserver.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.runtime.http.ApiResponse;

/**
 * Lets a request through only with the API key: {@code Authorization: Bearer <key>}; otherwise
 * answers 401 {@code unauthorized}. Compares in constant time. Thread-safe.
 */
final class ApiKeyHandler extends Handler.Wrapper {

    private static final String SCHEME = "Bearer ";

    private final byte[] key;

    ApiKeyHandler(String apiKey, Handler next) {
        super(next);
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("the admin API needs an API key");
        }
        this.key = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        byte[] given = auth != null && auth.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                ? auth.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(key, given)) {
            ApiResponse.error(401, "unauthorized", "a valid API key is required (Authorization: Bearer <key>)")
                    .withHeader("WWW-Authenticate", "Bearer").send(response, callback);
            return true;
        }
        return super.handle(request, response, callback);
    }
}
