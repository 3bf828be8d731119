package org.sild.securityserver.proxy;

import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.ContentType;
import org.sild.core.pki.CertHashes;
import org.sild.core.transport.OcspDownloadResponse;
import org.sild.core.transport.TransportLimits;

/**
 * Downloads the OCSP responses of another security server's authentication certificate chain from
 * its OCSP port (digest 03 §3): {@code GET http://HOST:5577/?cert=<sha1 hex>...&cert_hash=<sha256 hex>...},
 * both parameters sent since X-Road responders still key on {@code cert}; exactly one response per
 * certificate must come back, in order.
 *
 * <p>Thread-safe; blocks the calling (virtual) thread. The Jetty client is the caller's to start and stop.
 */
public final class OcspDownloadClient {

    private final HttpClient http;
    private final Duration timeout;

    public OcspDownloadClient(HttpClient http, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The DER OCSP responses for {@code certificates}, in their order.
     *
     * @throws XRoadException {@code NetworkError}, {@code UnknownHost} or {@code IOError} when the
     *     download fails, {@code InvalidResponse} when the answer is not the responses asked for
     */
    public List<byte[]> download(String host, int port, List<X509Certificate> certificates) {
        URI uri = uri(host, port, certificates);
        var listener = new InputStreamResponseListener();
        http.newRequest(uri).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).send(listener);
        try {
            Response response = listener.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            try (InputStream body = listener.getInputStream()) {
                if (response.getStatus() != 200) {
                    throw new XRoadException(ErrorCode.INVALID_RESPONSE, "OCSP download from " + uri.getAuthority()
                            + " answered HTTP " + response.getStatus());
                }
                String type = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
                if (type == null) {
                    throw new XRoadException(ErrorCode.INVALID_RESPONSE, "OCSP download from " + uri.getAuthority()
                            + " answered without Content-Type");
                }
                List<byte[]> responses = OcspDownloadResponse.read(ContentType.parse(type), body, TransportLimits.DEFAULTS);
                if (responses.size() != certificates.size()) {
                    throw new XRoadException(ErrorCode.INVALID_RESPONSE, "OCSP download from " + uri.getAuthority()
                            + " returned " + responses.size() + " responses for " + certificates.size() + " certificates");
                }
                return responses;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XRoadException(ErrorCode.IO_ERROR, "interrupted while downloading OCSP responses", e);
        } catch (Exception e) {
            throw ProxyFaults.translate(e);
        }
    }

    private static URI uri(String host, int port, List<X509Certificate> certificates) {
        String query = certificates.stream().map(c -> "cert=" + CertHashes.sha1Hex(c)).collect(Collectors.joining("&"))
                + certificates.stream().map(c -> "&cert_hash=" + CertHashes.sha256Hex(c)).collect(Collectors.joining());
        try {
            return new URI("http", null, host, port, "/", query, null);
        } catch (URISyntaxException e) {
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "bad security server address '" + host + "'", e);
        }
    }
}
