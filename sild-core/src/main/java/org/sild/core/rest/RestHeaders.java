package org.sild.core.rest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Names of the X-Road REST headers and the rules for which HTTP headers travel.
 *
 * <p>Headers the security server adds are written in lower case, as X-Road writes them; headers
 * received from an information system keep the spelling the client used.
 */
public final class RestHeaders {

    public static final String CLIENT = "X-Road-Client";
    public static final String ID = "X-Road-Id";
    public static final String USER_ID = "X-Road-UserId";
    public static final String ISSUE = "X-Road-Issue";
    public static final String SECURITY_SERVER = "X-Road-Security-Server";
    public static final String REPRESENTED_PARTY = "X-Road-Represented-Party";
    public static final String SERVICE = "X-Road-Service";
    public static final String REQUEST_ID = "X-Road-Request-Id";
    public static final String REQUEST_HASH = "X-Road-Request-Hash";
    public static final String ERROR = "X-Road-Error";

    /** Hop-by-hop and transport headers that are never signed, logged or forwarded. */
    public static final Set<String> SKIPPED = Set.of("transfer-encoding", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "upgrade", "connection", "user-agent", "host",
            "content-length", "server", "expect");

    private RestHeaders() {
    }

    /** Whether {@code name} is on the skip list. */
    public static boolean isSkipped(String name) {
        return SKIPPED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The value of the last header named {@code name} (X-Road lets the last one win). */
    public static Optional<String> last(List<HttpHeader> headers, String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).is(name)) {
                return Optional.of(headers.get(i).value());
            }
        }
        return Optional.empty();
    }

    /** The value of the first header named {@code name}. */
    public static Optional<String> first(List<HttpHeader> headers, String name) {
        return headers.stream().filter(h -> h.is(name)).map(HttpHeader::value).findFirst();
    }
}
