package org.sild.securityserver.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

/**
 * Turns whatever went wrong into an {@link XRoadException} with X-Road's code, and adds the
 * prefixes the proxies put in front of bare codes.
 *
 * <p>Technical exceptions map as X-Road maps them: unknown host {@code UnknownHost}; refused,
 * reset or unreachable {@code NetworkError}; timeouts and other I/O {@code IOError}; a failed TLS
 * handshake {@code SslAuthenticationFailed}; anything else {@code InternalError}, named by type
 * only. Stateless.
 */
public final class ProxyFaults {

    private ProxyFaults() {
    }

    /** {@code t} as an X-Road fault with a bare code (an {@link XRoadException} is returned as it is). */
    public static XRoadException translate(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof XRoadException e) {
            return e;
        }
        String message = message(cause);
        ErrorCode code = switch (cause) {
            case UnknownHostException e -> ErrorCode.UNKNOWN_HOST;
            case UnresolvedAddressException e -> ErrorCode.UNKNOWN_HOST;
            case SSLHandshakeException e -> ErrorCode.SSL_AUTHENTICATION_FAILED;
            case ConnectException e -> ErrorCode.NETWORK_ERROR;
            case NoRouteToHostException e -> ErrorCode.NETWORK_ERROR;
            case SocketTimeoutException e -> ErrorCode.IO_ERROR;
            case SocketException e -> ErrorCode.NETWORK_ERROR;
            case TimeoutException e -> ErrorCode.IO_ERROR;
            case IOException e -> ErrorCode.IO_ERROR;
            default -> ErrorCode.INTERNAL_ERROR;
        };
        return new XRoadException(code, message, cause);
    }

    /**
     * {@code e} with {@code prefix} in front, unless its code already starts with those segments
     * (X-Road never doubles a prefix) or already names an origin ({@code Client}, {@code Server}).
     */
    public static XRoadException prefixed(XRoadException e, ErrorCode... prefix) {
        if (isComplete(e.code()) || startsWith(e.code(), prefix)) {
            return e;
        }
        return e.withPrefix(prefix);
    }

    /** {@code t} translated and completed with {@code Server.<component>}, the form a proxy answers with. */
    public static XRoadException complete(Throwable t, ErrorCode component) {
        return prefixed(translate(t), ErrorCode.SERVER, component);
    }

    /** {@code t} translated and prefixed {@code ServiceFailed}: a failure of the next hop. */
    public static XRoadException serviceFailed(Throwable t) {
        return prefixed(translate(t), ErrorCode.SERVICE_FAILED);
    }

    /** Whether the code's first segment names an origin, so that nothing may be put in front of it. */
    public static boolean isComplete(FaultCode code) {
        String first = code.segments().get(0);
        return first.equalsIgnoreCase(ErrorCode.CLIENT.classic()) || first.equalsIgnoreCase(ErrorCode.SERVER.classic());
    }

    private static boolean startsWith(FaultCode code, ErrorCode... prefix) {
        List<String> segments = code.segments();
        if (segments.size() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!segments.get(i).equalsIgnoreCase(prefix[i].classic())) {
                return false;
            }
        }
        return true;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        var seen = new ArrayList<Throwable>();
        while ((current instanceof ExecutionException || current instanceof CompletionException
                || current instanceof UncheckedIOException || isJettyWrapper(current)
                || (current instanceof IOException && current.getCause() instanceof XRoadException))
                && current.getCause() != null && !seen.contains(current)) {
            seen.add(current);
            current = current.getCause();
        }
        return current;
    }

    /** Jetty reports some failures as a plain {@link IOException} wrapping the real one. */
    private static boolean isJettyWrapper(Throwable t) {
        return t.getClass() == IOException.class && t.getCause() != null
                && (t.getCause() instanceof IOException || t.getCause() instanceof TimeoutException);
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        String type = t.getClass().getSimpleName();
        if (m == null || m.isBlank()) {
            return type;
        }
        String oneLine = m.replaceAll("\\s+", " ").strip();
        if (oneLine.length() > 300) {
            oneLine = oneLine.substring(0, 300) + "...";
        }
        return t instanceof UnknownHostException ? "unknown host " + oneLine
                : type.toLowerCase(Locale.ROOT).contains("timeout") ? "timed out: " + oneLine
                : oneLine;
    }
}
