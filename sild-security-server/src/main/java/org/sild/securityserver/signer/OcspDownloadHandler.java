package org.sild.securityserver.signer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.sild.core.transport.OcspDownloadResponse;

/**
 * The OCSP download endpoint of the server proxy (port 5577; digest 03 §3), a Jetty core handler:
 * {@code GET /?cert=<sha1 hex>[&cert=...][&cert_hash=<sha256 hex>...]} answers
 * {@code multipart/related; type="application/ocsp-response"} with one verified, fresh response per
 * requested certificate, in request order; {@code HEAD} answers 200 as a heartbeat.
 *
 * <p>Certificates are named by the {@code cert} parameters (SHA-1, what X-Road 7.8 reads); when only
 * {@code cert_hash} parameters (SHA-256) are given they are used instead, and when both are given
 * each pair must name the same certificate. As X-Road's responder does, every failure (an unknown
 * certificate or one without a fresh response, no or too many parameters, another method) is HTTP 500
 * with a plain-text message. Serves the server's own certificates only, from {@link OwnOcspResponses}.
 *
 * <p>Thread-safe and non-blocking apart from the in-memory lookup.
 */
public final class OcspDownloadHandler extends Handler.Abstract {

    /** Default most certificates per request. */
    public static final int DEFAULT_MAX_CERTIFICATES = 16;

    private static final String CERT = "cert";
    private static final String CERT_HASH = "cert_hash";

    private final OwnOcspResponses responses;
    private final Clock clock;
    private final int maxCertificates;
    private final SecureRandom random;

    /** A handler serving {@code responses}, at most {@code maxCertificates} per request. */
    public OcspDownloadHandler(OwnOcspResponses responses, Clock clock, int maxCertificates, SecureRandom random) {
        this.responses = Objects.requireNonNull(responses, "responses");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (maxCertificates < 1) {
            throw new IllegalArgumentException("maxCertificates must be positive, not " + maxCertificates);
        }
        this.maxCertificates = maxCertificates;
    }

    /** A handler serving {@code responses} with the default limit. */
    public OcspDownloadHandler(OwnOcspResponses responses, Clock clock) {
        this(responses, clock, DEFAULT_MAX_CERTIFICATES, new SecureRandom());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (HttpMethod.HEAD.is(method)) {
            response.setStatus(HttpStatus.OK_200);
            response.write(true, null, callback);
            return true;
        }
        if (!HttpMethod.GET.is(method)) {
            return error(response, callback, "Invalid request method: " + method);
        }
        List<List<String>> certificates;
        try {
            certificates = requested(Request.extractQueryParameters(request, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return error(response, callback, e.getMessage());
        }
        Instant now = clock.instant();
        var ders = new ArrayList<byte[]>(certificates.size());
        for (List<String> hashes : certificates) {
            List<Optional<byte[]>> found = hashes.stream().map(h -> responses.response(h, now)).toList();
            boolean same = found.stream().allMatch(f -> f.isPresent() && Arrays.equals(f.get(), found.get(0).get()));
            if (!same) {
                return error(response, callback, "Could not find OCSP response for certificate " + shortened(hashes.get(0)));
            }
            ders.add(found.get(0).get());
        }
        byte[] boundary = new byte[16];
        random.nextBytes(boundary);
        String boundaryText = "ocsp" + HexFormat.of().formatHex(boundary);
        var body = new ByteArrayOutputStream();
        OcspDownloadResponse.write(body, boundaryText, ders);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, OcspDownloadResponse.contentType(boundaryText).toString());
        response.write(true, ByteBuffer.wrap(body.toByteArray()), callback);
        return true;
    }

    /** The certificates asked for, in order, each named by one hash or by its SHA-1 and SHA-256 hashes. */
    private List<List<String>> requested(Fields parameters) {
        List<String> sha1 = values(parameters, CERT);
        List<String> sha256 = values(parameters, CERT_HASH);
        if (sha1.isEmpty() && sha256.isEmpty()) {
            throw new IllegalArgumentException("Could not get cert hashes: no '" + CERT + "' parameter");
        }
        if (!sha1.isEmpty() && !sha256.isEmpty() && sha1.size() != sha256.size()) {
            throw new IllegalArgumentException(sha1.size() + " '" + CERT + "' but " + sha256.size() + " '"
                    + CERT_HASH + "' parameters");
        }
        int count = Math.max(sha1.size(), sha256.size());
        var out = new ArrayList<List<String>>(count);
        for (int i = 0; i < count; i++) {
            if (sha1.isEmpty()) {
                out.add(List.of(sha256.get(i)));
            } else {
                out.add(sha256.isEmpty() ? List.of(sha1.get(i)) : List.of(sha1.get(i), sha256.get(i)));
            }
        }
        return out;
    }

    private List<String> values(Fields parameters, String name) {
        List<String> values = parameters.getValues(name);
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxCertificates) {
            throw new IllegalArgumentException(values.size() + " '" + name + "' parameters, at most "
                    + maxCertificates + " are served per request");
        }
        return values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList();
    }

    private static String shortened(String hash) {
        return hash.length() <= 128 ? hash : hash.substring(0, 128) + "...";
    }

    private static boolean error(Response response, Callback callback, String message) {
        response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR_500);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
        response.write(true, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
