package org.sild.core.rest;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.XRoadId;
import org.sild.core.id.XRoadIds;

/**
 * An X-Road REST response as the provider security server returns it: status, reason, the
 * provider's headers plus the X-Road headers, and the exact header-part bytes that are signed.
 *
 * <p>Immutable and thread-safe. Built by the provider side with {@link #fromProvider}; read back
 * from header-part bytes with {@link #parse}, then checked against the request with
 * {@link #checkAnswers(RestRequest, String)} by the consumer side.
 */
public final class RestResponse {

    private final int status;
    private final String reason;
    private final List<HttpHeader> headers;
    private final byte[] headerPart;

    private RestResponse(int status, String reason, List<HttpHeader> headers, byte[] headerPart) {
        this.status = status;
        this.reason = reason;
        this.headers = List.copyOf(headers);
        this.headerPart = headerPart;
    }

    /**
     * The response for {@code request} built from what the provider information system answered.
     * Hop-by-hop headers and any X-Road headers the provider set are dropped; the X-Road headers
     * are appended in X-Road's order and spelling.
     */
    public static RestResponse fromProvider(int status, String reason, List<HttpHeader> providerHeaders,
            RestRequest request, String requestHash) {
        if (status < 100 || status > 999) {
            throw new XRoadException(ErrorCode.INVALID_RESPONSE, "HTTP status " + status + " is not valid");
        }
        var headers = new ArrayList<HttpHeader>(providerHeaders.size() + 5);
        for (HttpHeader h : providerHeaders) {
            if (!RestHeaders.isSkipped(h.name()) && !isAddedByServer(h)) {
                headers.add(h);
            }
        }
        headers.add(lower(RestHeaders.ID, request.messageId()));
        headers.add(lower(RestHeaders.CLIENT, XRoadIds.toPath(request.client())));
        headers.add(lower(RestHeaders.SERVICE, XRoadIds.toPath(request.service())));
        headers.add(lower(RestHeaders.REQUEST_ID, request.requestId()));
        headers.add(lower(RestHeaders.REQUEST_HASH, requestHash));
        return new RestResponse(status, reason, headers,
                HeaderPart.write(Integer.toString(status), reason, headers));
    }

    /** Reads a response header part; {@code x-road-id} and {@code x-road-request-hash} must be there. */
    public static RestResponse parse(byte[] headerPart) {
        List<String> lines = HeaderPart.lines(headerPart);
        int status;
        try {
            status = Integer.parseInt(lines.get(0));
        } catch (NumberFormatException e) {
            throw HeaderPart.invalid("REST response header part starts with '" + lines.get(0)
                    + "', not a status code");
        }
        var headers = new ArrayList<HttpHeader>(lines.size() - 2);
        for (String line : lines.subList(2, lines.size())) {
            headers.add(HeaderPart.header(line));
        }
        for (String required : List.of(RestHeaders.ID, RestHeaders.REQUEST_HASH)) {
            if (RestHeaders.last(headers, required).filter(v -> !v.isEmpty()).isEmpty()) {
                throw HeaderPart.invalid("REST response has no " + required + " header");
            }
        }
        return new RestResponse(status, lines.get(1), headers, headerPart.clone());
    }

    /**
     * Checks that this response answers {@code request}: the same message id, client, service and
     * request id, and the request hash the consumer computed. Otherwise {@code InconsistentResponse}.
     */
    public void checkAnswers(RestRequest request, String expectedRequestHash) {
        compare(RestHeaders.ID, request.messageId());
        compareId(RestHeaders.CLIENT, request.client(), XRoadIds::parseClientPath);
        compareId(RestHeaders.SERVICE, request.service(), XRoadIds::parseServicePath);
        compare(RestHeaders.REQUEST_ID, request.requestId());
        compare(RestHeaders.REQUEST_HASH, expectedRequestHash);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** The headers as signed, X-Road headers last. */
    public List<HttpHeader> headers() {
        return headers;
    }

    public String messageId() {
        return RestHeaders.last(headers, RestHeaders.ID).orElseThrow();
    }

    /** The request hash the provider security server computed, as decoded bytes. */
    public byte[] requestHash() {
        String value = RestHeaders.last(headers, RestHeaders.REQUEST_HASH).orElseThrow();
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw HeaderPart.invalid("x-road-request-hash '" + value + "' is not base64");
        }
    }

    /** Whether the provider answered with a 4xx or 5xx status. */
    public boolean isError() {
        return status >= 400 && status <= 599;
    }

    /** The signed header-part bytes (a copy). */
    public byte[] headerPart() {
        return headerPart.clone();
    }

    private void compare(String name, String expected) {
        String actual = RestHeaders.last(headers, name).orElse("");
        if (!actual.equals(expected)) {
            throw new XRoadException(ErrorCode.INCONSISTENT_RESPONSE,
                    "response " + name + " '" + actual + "' does not match the request's '" + expected + "'");
        }
    }

    private void compareId(String name, XRoadId expected, Function<String, XRoadId> parser) {
        String actual = RestHeaders.last(headers, name).orElse("");
        XRoadId parsed;
        try {
            parsed = parser.apply(actual);
        } catch (XRoadException e) {
            parsed = null;
        }
        if (!expected.equals(parsed)) {
            throw new XRoadException(ErrorCode.INCONSISTENT_RESPONSE, "response " + name + " '" + actual
                    + "' does not match the request's '" + XRoadIds.toPath(expected) + "'");
        }
    }

    private static boolean isAddedByServer(HttpHeader h) {
        return h.is(RestHeaders.ID) || h.is(RestHeaders.CLIENT) || h.is(RestHeaders.SERVICE)
                || h.is(RestHeaders.REQUEST_ID) || h.is(RestHeaders.REQUEST_HASH);
    }

    private static HttpHeader lower(String name, String value) {
        return new HttpHeader(name.toLowerCase(Locale.ROOT), value);
    }
}
