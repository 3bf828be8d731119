package org.sild.securityserver.clientproxy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpFields;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.SecurityServerId;
import org.sild.securityserver.proxy.ProxyFaults;

/**
 * One request to a provider security server whose authentication has been verified: the transport
 * message is written to {@link #body()}, then {@link #finish()} waits for the answer.
 *
 * <p>{@link #close()} aborts the request unless the answer was read to its end; nothing retries
 * (X-Road does not resend a request once it left). Used by one thread.
 */
final class ProviderConnection implements AutoCloseable {

    /** The provider server's answer: HTTP status, headers and the body as it streams in. */
    record Answer(int status, HttpFields headers, InputStream body) {
    }

    private final ProviderEndpoint endpoint;
    private final SecurityServerId server;
    private final Request request;
    private final InputStreamResponseListener listener;
    private final OutputStream body;
    private final Optional<Duration> responseTimeout;

    ProviderConnection(ProviderEndpoint endpoint, SecurityServerId server, Request request,
            InputStreamResponseListener listener, OutputStream body, Optional<Duration> responseTimeout) {
        this.endpoint = endpoint;
        this.server = server;
        this.request = request;
        this.listener = listener;
        this.body = new BufferedOutputStream(body, 64 * 1024);
        this.responseTimeout = responseTimeout;
    }

    /** The endpoint connected to. */
    ProviderEndpoint endpoint() {
        return endpoint;
    }

    /** The security server the peer authenticated as. */
    SecurityServerId server() {
        return server;
    }

    /** Where the transport message goes. */
    OutputStream body() {
        return body;
    }

    /**
     * Ends the message and waits for the answer's headers.
     *
     * @throws XRoadException (bare) {@code NetworkError}, {@code IOError} when the request or the wait fails
     */
    Answer finish() {
        try {
            body.close();
        } catch (IOException e) {
            return earlyAnswer().orElseThrow(() -> ProxyFaults.translate(e));
        }
        return await(responseTimeout);
    }

    /**
     * The answer, if the provider already sent one while the message was still being written (it
     * rejected the request early); waits briefly.
     */
    Optional<Answer> earlyAnswer() {
        try {
            return Optional.of(await(Optional.of(Duration.ofSeconds(5))));
        } catch (XRoadException e) {
            return Optional.empty();
        }
    }

    /** Abandons the request: the provider sees a broken message and forwards nothing. */
    void abort(Throwable cause) {
        request.abort(cause);
    }

    /** Releases the request; one whose answer was not read to its end is aborted. */
    @Override
    public void close() {
        request.abort(new IOException("exchange with " + endpoint.address() + " closed"));
    }

    private Answer await(Optional<Duration> timeout) {
        try {
            Response response = timeout.isPresent()
                    ? listener.get(timeout.get().toMillis(), TimeUnit.MILLISECONDS) : listener.get(365, TimeUnit.DAYS);
            return new Answer(response.getStatus(), response.getHeaders(), listener.getInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XRoadException(ErrorCode.IO_ERROR, "interrupted while waiting for " + endpoint.address(), e);
        } catch (TimeoutException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "no answer from " + endpoint.address() + " in time", e);
        } catch (ExecutionException e) {
            throw ProxyFaults.translate(e.getCause() == null ? e : e.getCause());
        }
    }
}
