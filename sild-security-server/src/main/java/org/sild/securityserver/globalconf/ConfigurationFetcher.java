package org.sild.securityserver.globalconf;

import java.net.URI;
import java.util.Objects;

/**
 * How the configuration client downloads: one HTTP GET of a URL, its status and its body.
 *
 * <p>The production implementation is {@link HttpConfigurationFetcher}; tests may put any function
 * here (for example one that maps the host names of a recorded X-Road tree to a local server).
 * Implementations must be thread-safe, follow no redirects and bound the body they read.
 */
@FunctionalInterface
public interface ConfigurationFetcher {

    /**
     * Sends {@code GET uri} and reads at most {@code maxBytes} of the response body.
     *
     * @throws org.sild.core.fault.XRoadException {@code IOError} when there is no response (no
     *         connection, timeout, TLS failure) or the body is larger than {@code maxBytes}
     */
    Response get(URI uri, int maxBytes);

    /** An HTTP response: its status code and its whole body. Immutable. */
    record Response(int status, byte[] body) {

        public Response {
            Objects.requireNonNull(body);
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** Whether the status is 200 OK. */
        public boolean ok() {
            return status == 200;
        }

        /** Whether the status is 404 Not Found, the answer for a configuration version a source lacks. */
        public boolean notFound() {
            return status == 404;
        }
    }
}
