package org.sild.runtime.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.json.Json;

/**
 * One request as a {@link Router} route sees it: method, path, path variables, query, headers and
 * a size-bounded body.
 *
 * <p>Used by one thread, for the duration of the handler call. The body can be read once.
 */
public final class ApiRequest {

    private final Request request;
    private final String path;
    private final Map<String, String> pathVariables;
    private final long maxBodyBytes;
    private Fields query;
    private boolean bodyRead;

    ApiRequest(Request request, String path, Map<String, String> pathVariables, long maxBodyBytes) {
        this.request = request;
        this.path = path;
        this.pathVariables = Map.copyOf(pathVariables);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The HTTP method, upper case. */
    public String method() {
        return request.getMethod();
    }

    /** The decoded path, for example {@code /api/clients/DEV:GOV:123}. */
    public String path() {
        return path;
    }

    /**
     * The value of {@code {name}} in the route's template, URL-decoded.
     *
     * @throws IllegalArgumentException when the template has no such variable (a programming error)
     */
    public String pathVariable(String name) {
        String value = pathVariables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path variable {" + name + "}");
        }
        return value;
    }

    /** All path variables by name. */
    public Map<String, String> pathVariables() {
        return pathVariables;
    }

    /** The first value of query parameter {@code name}. */
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query().getValue(name));
    }

    /** Every value of query parameter {@code name}, in order. */
    public List<String> queryParameters(String name) {
        return List.copyOf(query().getValues(name));
    }

    /**
     * The first value of field {@code name} of an {@code application/x-www-form-urlencoded} body (an
     * HTML form's POST). Reads the body, so call it once per request.
     *
     * @throws ApiException 400 {@code invalid_form} when the body is not form-encoded UTF-8
     */
    public Optional<String> formField(String name) {
        var fields = new Fields();
        try {
            UrlEncoded.decodeUtf8To(new String(body(), StandardCharsets.UTF_8), fields);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_form", "the form is not URL-encoded UTF-8: " + e.getMessage());
        }
        return Optional.ofNullable(fields.getValue(name));
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /**
     * The whole body, at most the router's body limit.
     *
     * @throws ApiException 413 {@code request_too_large} when the body is larger than the limit
     */
    public byte[] body() {
        if (bodyRead) {
            throw new IllegalStateException("the request body was already read");
        }
        bodyRead = true;
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot read the request body: " + e.getMessage(), e);
        }
    }

    /**
     * The body read as JSON into {@code type} (strict, see {@link Json}).
     *
     * @throws ApiException 415 {@code unsupported_media_type} unless the content type is JSON,
     *                      400 {@code invalid_json} when the body is not a valid {@code type},
     *                      413 when it is too large
     */
    public <T> T bodyAs(Class<T> type) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mime = contentType == null ? "" : MimeTypes.getBase(contentType);
        if (!"application/json".equalsIgnoreCase(mime) && !mime.toLowerCase(java.util.Locale.ROOT).endsWith("+json")) {
            throw new ApiException(415, "unsupported_media_type", "expected Content-Type application/json, got '"
                    + (contentType == null ? "" : contentType) + "'");
        }
        byte[] body = body();
        try {
            return Json.read(body, type);
        } catch (XRoadException e) {
            throw new ApiException(400, "invalid_json", e.getMessage());
        }
    }

    /** The underlying Jetty request, for anything else (for example {@link TlsSession#of(Request)}). */
    public Request jettyRequest() {
        return request;
    }

    private Fields query() {
        if (query == null) {
            query = Request.extractQueryParameters(request);
        }
        return query;
    }

    private ApiException tooLarge() {
        return new ApiException(413, "request_too_large", "request body is larger than " + maxBodyBytes + " bytes");
    }
}
