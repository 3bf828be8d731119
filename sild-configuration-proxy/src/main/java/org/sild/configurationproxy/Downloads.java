package org.sild.configurationproxy;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpMethod;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;

/**
 * Bounded HTTP GETs of a source's configuration files: a connect timeout, a read (idle) timeout, a
 * total time per request, and at most a given number of body bytes; no redirects. HTTPS servers are
 * checked against the JVM's trust store and their host name.
 *
 * <p>Thread-safe. Started when built; {@link #close()} stops the client.
 */
final class Downloads implements AutoCloseable {

    /** A response: its status and its whole body. */
    record Response(int status, byte[] body) {

        Response {
            Objects.requireNonNull(body);
        }

        boolean ok() {
            return status == 200;
        }

        boolean notFound() {
            return status == 404;
        }
    }

    private final ManagedHttpClient client;
    private final Duration readTimeout;
    private final Duration totalTimeout;

    Downloads(Duration connectTimeout, Duration readTimeout, Duration totalTimeout) {
        this.client = HttpClients.builder().name("confproxy-download").connectTimeout(connectTimeout)
                .idleTimeout(readTimeout).maxConnectionsPerDestination(4).maxPlatformThreads(4).build();
        this.readTimeout = readTimeout;
        this.totalTimeout = totalTimeout;
    }

    /**
     * Sends {@code GET uri} and reads at most {@code maxBytes} of the body.
     *
     * @throws XRoadException {@code IOError} naming the URL when there is no response in time or the
     *         body is larger than {@code maxBytes}
     */
    Response get(URI uri, int maxBytes) {
        String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot download " + uri + ": not an http or https URL");
        }
        var request = client.newRequest(uri).method(HttpMethod.GET)
                .idleTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .timeout(totalTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ContentResponse response = new CompletableResponseListener(request, maxBytes).send()
                    .get(totalTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Response(response.getStatus(), response.getContent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XRoadException(ErrorCode.IO_ERROR, "interrupted while downloading " + uri, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = cause.getMessage() == null ? "" : " " + cause.getMessage();
            if (message.contains("capacity") && message.contains("exceeded")) {
                message = " the body is larger than " + maxBytes + " bytes";
            }
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot download " + uri + ": "
                    + cause.getClass().getSimpleName() + message, cause);
        } catch (TimeoutException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "downloading " + uri + " took longer than " + totalTimeout, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
