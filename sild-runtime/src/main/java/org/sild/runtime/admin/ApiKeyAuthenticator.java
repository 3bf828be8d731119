package org.sild.runtime.admin;

import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.runtime.http.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request through to the wrapped handler only when it carries one of the configured API keys.
 *
 * <p>Accepted headers: {@code Authorization: X-Road-ApiKey token=<key>} (as X-Road's REST API
 * expects) and {@code Authorization: Bearer <key>}; scheme names are case-insensitive. Keys are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, always against every configured
 * key, so timing does not reveal how much of a key matched or which one. Anything else gets 401
 * with the JSON error {@code {"status":401,"error":{"code":"unauthorized",...}}} and a
 * {@code WWW-Authenticate} challenge. The name of the matching key is available to handlers via
 * {@link #keyName(Request)}. Immutable and thread-safe.
 */
public final class ApiKeyAuthenticator extends Handler.Wrapper {

    /** The request attribute holding the name of the key a request authenticated with. */
    public static final String KEY_NAME_ATTRIBUTE = "org.sild.runtime.admin.keyName";

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
    private static final String X_ROAD_SCHEME = "x-road-apikey";
    private static final String BEARER_SCHEME = "bearer";
    /** Longest Authorization header value considered; longer ones are refused unread. */
    private static final int MAX_HEADER_LENGTH = 4096;

    private final List<ApiKey> keys;
    private final List<byte[]> digests;

    /** Guards {@code next} with {@code keys}; with no keys every request is refused (fail closed). */
    public ApiKeyAuthenticator(List<ApiKey> keys, Handler next) {
        super(next);
        this.keys = List.copyOf(keys);
        this.digests = this.keys.stream().map(ApiKey::digest).toList();
    }

    /** The name of the API key {@code request} authenticated with, if it passed an authenticator. */
    public static Optional<String> keyName(Request request) {
        return Optional.ofNullable(request.getAttribute(KEY_NAME_ATTRIBUTE)).map(Object::toString);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<ApiKey> key = presentedKey(request.getHeaders().get(HttpHeader.AUTHORIZATION)).flatMap(this::match);
        if (key.isEmpty()) {
            LOG.debug("refused {} {} from {}: no valid API key", request.getMethod(),
                    Request.getPathInContext(request), Request.getRemoteAddr(request));
            ApiResponse.error(401, "unauthorized", "a valid API key is required (Authorization: X-Road-ApiKey token=...)")
                    .withHeader(HttpHeader.WWW_AUTHENTICATE.asString(), "X-Road-ApiKey, Bearer")
                    .send(response, callback);
            return true;
        }
        request.setAttribute(KEY_NAME_ATTRIBUTE, key.get().name());
        return super.handle(request, response, callback);
    }

    /** The key in an Authorization header value, if it uses one of the two schemes. */
    static Optional<String> presentedKey(String authorization) {
        if (authorization == null || authorization.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String rest = value.substring(space + 1).strip();
        if (scheme.equals(BEARER_SCHEME)) {
            return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
        }
        if (scheme.equals(X_ROAD_SCHEME) && rest.regionMatches(true, 0, "token=", 0, 6)) {
            String token = rest.substring(6).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }

    private Optional<ApiKey> match(String presented) {
        byte[] digest = ApiKey.sha256(presented);
        ApiKey found = null;
        for (int i = 0; i < digests.size(); i++) {
            // No early exit: every key is compared whatever matched.
            if (MessageDigest.isEqual(digest, digests.get(i)) && found == null) {
                found = keys.get(i);
            }
        }
        return Optional.ofNullable(found);
    }
}
