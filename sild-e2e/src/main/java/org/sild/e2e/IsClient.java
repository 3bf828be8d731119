package org.sild.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpFields;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.XRoadIds;
import org.sild.runtime.http.ManagedHttpClient;

/**
 * An information system calling its security server's client port (HTTP): REST {@code /r1/...}
 * requests with {@code X-Road-Client}, and SOAP posts to {@code /}. Requests are Jetty requests the
 * test may add headers and bodies to before {@link #send}ing them.
 *
 * <p>Thread-safe; shares the network's HTTP client, which the network closes.
 */
public final class IsClient {

    /** The content type of a plain SOAP request. */
    public static final String TEXT_XML = "text/xml; charset=UTF-8";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final ManagedHttpClient http;
    private final URI base;

    IsClient(ManagedHttpClient http, URI base) {
        this.http = Objects.requireNonNull(http);
        this.base = Objects.requireNonNull(base);
    }

    /** The client port, for example {@code http://127.0.0.1:41234/}. */
    public URI base() {
        return base;
    }

    /**
     * A REST request of {@code client} to {@code service}: {@code METHOD /r1/{service}{servicePath}}
     * with {@code X-Road-Client}. {@code servicePath} is appended as given (start it with {@code /};
     * it may carry a query).
     */
    public Request rest(ClientId client, String method, ServiceId service, String servicePath) {
        return http.newRequest(base.resolve("/r1/" + XRoadIds.toPath(service) + servicePath)).method(method)
                .headers(h -> h.put("X-Road-Client", XRoadIds.toPath(client)));
    }

    /** A SOAP request: {@code POST /} with the envelope as a {@code text/xml} body. */
    public Request soap(byte[] envelope) {
        return http.newRequest(base.resolve("/")).method("POST").body(new BytesRequestContent(TEXT_XML, envelope));
    }

    /** A SOAP request with the given envelope text. */
    public Request soap(String envelope) {
        return soap(envelope.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code request} (60 s at most unless it has its own timeout) and reads the whole answer. */
    public Answer send(Request request) {
        if (request.getTimeout() <= 0) {
            request.timeout(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            ContentResponse r = request.send();
            return new Answer(r.getStatus(), r.getHeaders(), r.getContent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + request.getURI(), e);
        } catch (Exception e) {
            throw new IllegalStateException("calling " + request.getMethod() + " " + request.getURI() + " failed: " + e,
                    e);
        }
    }

    /** Reads a response body as it streams in. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /** A response whose body was consumed by a {@link BodyReader} as it arrived. */
    public record Streamed<T>(int status, HttpFields headers, T body) {
    }

    /**
     * Sends {@code request} and hands the response body to {@code reader} as it streams in, so a
     * body of any size passes in bounded memory. Waits at most the request's timeout (60 s unless
     * set) for the response to start.
     */
    public <T> Streamed<T> stream(Request request, BodyReader<T> reader) {
        var listener = new InputStreamResponseListener();
        long timeout = request.getTimeout() > 0 ? request.getTimeout() : DEFAULT_TIMEOUT.toMillis();
        request.send(listener);
        try {
            Response response = listener.get(timeout, TimeUnit.MILLISECONDS);
            try (InputStream body = listener.getInputStream()) {
                return new Streamed<>(response.getStatus(), response.getHeaders(), reader.read(body));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + request.getURI(), e);
        } catch (Exception e) {
            request.abort(e);
            throw new IllegalStateException("calling " + request.getMethod() + " " + request.getURI() + " failed: " + e,
                    e);
        }
    }

    /** Sends a SOAP request and reads the answer. */
    public Answer soapCall(byte[] envelope) {
        return send(soap(envelope));
    }

    /** Sends a REST request without body and reads the answer. */
    public Answer restCall(ClientId client, String method, ServiceId service, String servicePath) {
        return send(rest(client, method, service, servicePath));
    }
}
