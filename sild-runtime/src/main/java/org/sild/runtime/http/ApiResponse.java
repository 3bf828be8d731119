package org.sild.runtime.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultStyle;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.json.Json;

/**
 * What an {@link ApiHandler} answers: status, headers and a body (bytes or a streaming writer).
 *
 * <p>Immutable; {@link #withHeader} returns a copy. Every response carries
 * {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}: API answers hold
 * configuration and are never cached.
 */
public final class ApiResponse {

    /** Content type of JSON responses. */
    public static final String JSON = "application/json; charset=UTF-8";

    /** Writes a streamed body; runs on the request's virtual thread and may block. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final Set<ErrorCode> REQUEST_PROBLEMS = EnumSet.of(ErrorCode.BAD_REQUEST,
            ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_CLIENT_IDENTIFIER, ErrorCode.INVALID_ENCODED_ID,
            ErrorCode.INVALID_CONTENT_TYPE, ErrorCode.INVALID_HTTP_METHOD, ErrorCode.MISSING_BODY,
            ErrorCode.INVALID_BODY, ErrorCode.INVALID_XML);

    private final int status;
    private final Optional<String> contentType;
    private final Map<String, String> headers;
    private final Optional<byte[]> bytes;
    private final Optional<BodyWriter> writer;

    private ApiResponse(int status, Optional<String> contentType, Map<String, String> headers,
            Optional<byte[]> bytes, Optional<BodyWriter> writer) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, was " + status);
        }
        this.status = status;
        this.contentType = contentType;
        this.headers = Map.copyOf(headers);
        this.bytes = bytes;
        this.writer = writer;
    }

    /** {@code value} as JSON (see {@link Json}) with {@code status}. */
    public static ApiResponse json(int status, Object value) {
        return bytes(status, JSON, Json.write(value));
    }

    /** 200 with {@code value} as JSON. */
    public static ApiResponse ok(Object value) {
        return json(200, value);
    }

    /** 201 with {@code value} as JSON. */
    public static ApiResponse created(Object value) {
        return json(201, value);
    }

    /** 204 without a body. */
    public static ApiResponse noContent() {
        return new ApiResponse(204, Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
    }

    /** Plain UTF-8 text. */
    public static ApiResponse text(int status, String text) {
        return bytes(status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body already in memory. */
    public static ApiResponse bytes(int status, String contentType, byte[] body) {
        return new ApiResponse(status, Optional.of(contentType), Map.of(), Optional.of(body.clone()), Optional.empty());
    }

    /** A body written as it is sent, for large answers (never held in memory). */
    public static ApiResponse stream(int status, String contentType, BodyWriter writer) {
        return new ApiResponse(status, Optional.of(contentType), Map.of(), Optional.empty(),
                Optional.of(Objects.requireNonNull(writer)));
    }

    /** The JSON error body {@code {"status":404,"error":{"code":"not_found","message":"..."}}}. */
    public static ApiResponse error(int status, String code, String message) {
        return json(status, new ErrorBody(status, new ErrorBody.Error(code, message)));
    }

    /** The JSON error for a fault: its status ({@link #statusOf}) and its code in X-Road 7.8 (snake_case) spelling. */
    public static ApiResponse error(XRoadException fault) {
        if (fault instanceof ApiException api) {
            return error(api.status(), api.errorCode(), api.getMessage());
        }
        return error(statusOf(fault), fault.code().format(FaultStyle.SNAKE_CASE), fault.getMessage());
    }

    /**
     * The HTTP status for a fault: 404 for {@code NotFound}, 403 for {@code AccessDenied}, 400 for
     * {@code Client.*} faults and for request problems ({@code BadRequest}, {@code InvalidRequest},
     * {@code InvalidClientIdentifier}, {@code InvalidEncodedId}, {@code InvalidContentType},
     * {@code InvalidHttpMethod}, {@code MissingBody}, {@code InvalidBody}, {@code InvalidXml}), 500
     * for everything else; an {@link ApiException} keeps its own.
     */
    public static int statusOf(XRoadException fault) {
        if (fault instanceof ApiException api) {
            return api.status();
        }
        var code = fault.code();
        if (code.endsWith(ErrorCode.NOT_FOUND)) {
            return 404;
        }
        if (code.endsWith(ErrorCode.ACCESS_DENIED)) {
            return 403;
        }
        if (code.isServerFault()) {
            return 500;
        }
        if (code.segments().get(0).equalsIgnoreCase(ErrorCode.CLIENT.classic())
                || REQUEST_PROBLEMS.stream().anyMatch(code::endsWith)) {
            return 400;
        }
        return 500;
    }

    /** A copy with header {@code name} set to {@code value}. */
    public ApiResponse withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, contentType, copy, bytes, writer);
    }

    public int status() {
        return status;
    }

    /** The headers set with {@link #withHeader}. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body when it is held in memory (empty for streamed and empty bodies). */
    public Optional<byte[]> body() {
        return bytes.map(byte[]::clone);
    }

    /**
     * Sends this response and completes {@code callback}. Blocking for streamed bodies; call on the
     * request's thread from a handler.
     */
    public void send(Response response, Callback callback) {
        response.setStatus(status);
        var out = response.getHeaders();
        out.put(HttpHeader.CACHE_CONTROL, "no-store");
        out.put("X-Content-Type-Options", "nosniff");
        headers.forEach(out::put);
        contentType.ifPresent(type -> out.put(HttpHeader.CONTENT_TYPE, type));
        if (writer.isPresent()) {
            try (OutputStream body = Content.Sink.asOutputStream(response)) {
                writer.get().writeTo(body);
            } catch (IOException | RuntimeException e) {
                callback.failed(e);
                return;
            }
            callback.succeeded();
        } else if (bytes.isPresent()) {
            out.put(HttpHeader.CONTENT_LENGTH, bytes.get().length);
            response.write(true, ByteBuffer.wrap(bytes.get()), callback);
        } else {
            response.write(true, null, callback);
        }
    }

    /** The JSON shape of API errors. */
    record ErrorBody(int status, Error error) {
        record Error(String code, String message) {
        }
    }
}
