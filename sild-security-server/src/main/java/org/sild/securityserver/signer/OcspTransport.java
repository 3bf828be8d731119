package org.sild.securityserver.signer;

import java.net.URI;

/**
 * How OCSP requests reach a responder: HTTP {@code POST} of a DER {@code OCSPRequest} with
 * {@code Content-Type: application/ocsp-request} to the responder URL, answering the response body.
 *
 * <p>Production wires this to the runtime's HTTP client (with connect and read timeouts and a bound
 * on the body size, {@link org.sild.core.pki.OcspResponse#MAX_SIZE}); tests may use any client.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface OcspTransport {

    /**
     * Posts {@code request} to {@code responder} and returns the body of a 200 answer.
     *
     * @throws org.sild.core.fault.XRoadException {@code NetworkError} or {@code IOError} when the
     *         responder cannot be reached, answers another status, or the body is too large
     */
    byte[] post(URI responder, byte[] request);
}
