package org.sild.securityserver.messagelog;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpStatus;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ApprovedTsa;
import org.sild.core.pki.TimeStampRequest;
import org.sild.core.pki.TimeStampResponse;
import org.sild.core.pki.TimeStampVerifier;
import org.sild.core.pki.VerifiedTimeStamp;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.ManagedHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the approved TSAs for an RFC 3161 time-stamp, as X-Road's time-stamper does (digest 05 §2.1):
 * {@code POST application/timestamp-query} of a SHA-512 request without nonce, policy or certReq; the
 * TSAs are tried in global configuration's order until one answers with a response that verifies
 * against the approved TSA certificates. Thread-safe; owns its HTTP client until {@link #close}.
 */
final class TsaClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TsaClient.class);
    static final DigestAlgorithm ALGORITHM = StoreMessageLog.SIGNATURE_HASH_ALGORITHM;

    private final ManagedHttpClient http;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    TsaClient(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.http = HttpClients.builder().name("tsa").connectTimeout(connectTimeout).build();
    }

    /**
     * A verified time-stamp over {@code data} from the first of {@code tsas} that gives one.
     *
     * @throws XRoadException {@code TimestampingFailed} naming every TSA tried and why it failed
     */
    VerifiedTimeStamp stamp(byte[] data, List<ApprovedTsa> tsas) {
        if (tsas.isEmpty()) {
            throw new XRoadException(ErrorCode.TIMESTAMPING_FAILED, "no timestamping services configured");
        }
        TimeStampRequest request = TimeStampRequest.builder().digestAlgorithm(ALGORITHM).data(data)
                .certReq(false).build();
        List<X509Certificate> approved = tsas.stream().map(ApprovedTsa::cert).toList();
        var verifier = new TimeStampVerifier(approved);
        var failures = new StringBuilder();
        for (ApprovedTsa tsa : tsas) {
            try {
                return verifier.verifyResponse(post(tsa.url(), request.encoded()), request);
            } catch (RuntimeException e) {
                LOG.warn("time-stamping authority {} ({}) failed: {}", tsa.name(), tsa.url(), e.getMessage());
                failures.append(failures.isEmpty() ? "" : "; ").append(tsa.url()).append(": ").append(e.getMessage());
            }
        }
        throw new XRoadException(ErrorCode.TIMESTAMPING_FAILED,
                "failed to get a time-stamp from any time-stamping authority (" + failures + ")");
    }

    private byte[] post(String url, byte[] body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new XRoadException(ErrorCode.TIMESTAMPING_FAILED, "bad TSA URL '" + url + "'");
        }
        Request request = http.POST(uri).body(new BytesRequestContent("application/timestamp-query", body))
                .idleTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .timeout(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS);
        ContentResponse response;
        try {
            response = new CompletableResponseListener(request, TimeStampResponse.MAX_SIZE).send().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XRoadException(ErrorCode.TIMESTAMPING_FAILED, "interrupted while asking the TSA");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new XRoadException(ErrorCode.TIMESTAMPING_FAILED, "cannot be reached: "
                    + (cause instanceof TimeoutException ? "no answer in time" : cause.toString()), cause);
        }
        if (response.getStatus() != HttpStatus.OK_200) {
            throw new XRoadException(ErrorCode.TIMESTAMPING_FAILED, "answered HTTP " + response.getStatus());
        }
        return response.getContent();
    }

    @Override
    public void close() {
        http.close();
    }
}
