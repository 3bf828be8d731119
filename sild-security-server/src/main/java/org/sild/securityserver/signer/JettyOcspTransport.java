package org.sild.securityserver.signer;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpStatus;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.pki.OcspResponse;

/**
 * {@link OcspTransport} over a Jetty {@link HttpClient} (the runtime's shared, started client):
 * {@code POST} with {@code application/ocsp-request}, a total timeout per request, the body bounded
 * to {@link OcspResponse#MAX_SIZE}. Thread-safe; the client's lifecycle belongs to its owner.
 */
public final class JettyOcspTransport implements OcspTransport {

    /** Default time one request may take, connect included (X-Road's OCSP read timeout). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final Duration timeout;

    public JettyOcspTransport(HttpClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public JettyOcspTransport(HttpClient client) {
        this(client, DEFAULT_TIMEOUT);
    }

    @Override
    public byte[] post(URI responder, byte[] request) {
        Request http = client.POST(responder)
                .body(new BytesRequestContent("application/ocsp-request", request))
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        ContentResponse response;
        try {
            response = new CompletableResponseListener(http, OcspResponse.MAX_SIZE).send().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "interrupted while asking OCSP responder " + responder);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "OCSP responder " + responder + " cannot be reached: "
                    + (cause instanceof TimeoutException ? "no answer within " + timeout : cause.toString()), cause);
        }
        if (response.getStatus() != HttpStatus.OK_200) {
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "OCSP responder " + responder + " answered HTTP "
                    + response.getStatus());
        }
        return response.getContent();
    }
}
