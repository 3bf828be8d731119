package org.sild.securityserver.description;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Downloads documents over HTTP(S) with the JDK client: GET, redirects followed except from https to
 * http, a 2xx answer required, at most {@code maxBytes} read and {@code timeout} for connecting and
 * for the whole answer. Server certificates are checked against the JDK's default trust store.
 * Thread-safe; holds one HTTP client for its lifetime.
 */
public final class HttpDocumentSource implements DocumentSource {

    /** The size limit of {@link #standard()}: X-Road descriptions are rarely over a megabyte. */
    public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
    /** The time limit of {@link #standard()}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final int maxBytes;
    private final Duration timeout;

    public HttpDocumentSource(int maxBytes, Duration timeout) {
        if (maxBytes <= 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("maxBytes and timeout must be positive");
        }
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** A source with {@link #DEFAULT_MAX_BYTES} and {@link #DEFAULT_TIMEOUT}. */
    public static HttpDocumentSource standard() {
        return new HttpDocumentSource(DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT);
    }

    @Override
    public byte[] fetch(URI url) {
        String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw failed(url, "not an absolute http or https URL");
        }
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url).timeout(timeout).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw failed(url, "HTTP status " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw failed(url, "larger than " + maxBytes + " bytes");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw failed(url, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(url, "interrupted");
        }
    }

    private static InvalidDescriptionException failed(URI url, String why) {
        return new InvalidDescriptionException("The document", List.of("cannot download " + url + ": " + why));
    }
}
