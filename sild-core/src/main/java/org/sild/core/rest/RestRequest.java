package org.sild.core.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.XRoadIds;

/**
 * An X-Road REST request (protocol r1) as the consumer security server forwards it: the service
 * and client it names, the X-Road headers, and the exact header-part bytes that are signed.
 *
 * <p>Immutable and thread-safe. Built from a client's HTTP request by {@link #fromClient} or read
 * back from header-part bytes (transport message, evidence container) by {@link #parse}; in both
 * cases {@link #headerPart()} returns the bytes that were or will be signed.
 */
public final class RestRequest {

    /** The only REST protocol version. */
    public static final int PROTOCOL_VERSION = 1;
    /** Longest request path plus query accepted. */
    public static final int MAX_URI_LENGTH = 8 * 1024;

    private final RestMethod method;
    private final String path;
    private final Optional<String> query;
    private final List<HttpHeader> headers;
    private final ServiceId service;
    private final String servicePath;
    private final ClientId client;
    private final String messageId;
    private final String requestId;
    private final byte[] headerPart;

    private RestRequest(RestMethod method, String path, Optional<String> query, List<HttpHeader> headers,
            String requestId, byte[] headerPart) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = List.copyOf(headers);
        var target = Target.of(path);
        this.service = target.service();
        this.servicePath = target.servicePath();
        this.client = XRoadIds.parseClientPath(RestHeaders.last(headers, RestHeaders.CLIENT)
                .orElseThrow(() -> new XRoadException(ErrorCode.MISSING_HEADER_FIELD,
                        "REST request has no " + RestHeaders.CLIENT + " header")));
        this.messageId = RestHeaders.last(headers, RestHeaders.ID)
                .orElseThrow(() -> HeaderPart.invalid("REST request has no " + RestHeaders.ID + " header"));
        this.requestId = requestId;
        this.headerPart = headerPart;
        // Parse the optional identifiers now so a bad value fails here, not later.
        targetServer();
        representedParty();
    }

    /**
     * The request a consumer security server forwards for a client's HTTP request.
     *
     * @param method      the HTTP method
     * @param rawPath     the raw (still percent-encoded) request path, starting with {@code /r1/}
     * @param rawQuery    the raw query string without {@code ?}
     * @param clientHeaders the client's headers in arrival order
     * @param requestId   the {@code X-Road-Request-Id} this security server generated (a UUID)
     * @param newMessageId supplies {@code INSTANCE-UUID} when the client sent no {@code X-Road-Id}
     */
    public static RestRequest fromClient(String method, String rawPath, Optional<String> rawQuery,
            List<HttpHeader> clientHeaders, String requestId, Supplier<String> newMessageId) {
        RestMethod m = RestMethod.of(method);
        checkUri(rawPath, rawQuery);
        Target.of(rawPath);
        var headers = new ArrayList<HttpHeader>(clientHeaders.size() + 2);
        for (HttpHeader h : clientHeaders) {
            if (!RestHeaders.isSkipped(h.name()) && !h.is(RestHeaders.REQUEST_ID) && !h.is(RestHeaders.REQUEST_HASH)) {
                headers.add(h);
            }
        }
        if (headers.size() > HeaderPart.MAX_HEADERS) {
            throw new XRoadException(ErrorCode.INVALID_REQUEST, "more than " + HeaderPart.MAX_HEADERS + " headers");
        }
        headers.add(new HttpHeader(RestHeaders.REQUEST_ID.toLowerCase(Locale.ROOT), requestId));
        if (RestHeaders.last(headers, RestHeaders.ID).isEmpty()) {
            headers.add(new HttpHeader(RestHeaders.ID.toLowerCase(Locale.ROOT), newMessageId.get()));
        }
        String uriLine = rawPath + rawQuery.map(q -> "?" + q).orElse("");
        return new RestRequest(m, rawPath, rawQuery, headers, requestId,
                HeaderPart.write(m.name(), uriLine, headers));
    }

    /** Reads a request header part (as carried between security servers and stored as evidence). */
    public static RestRequest parse(byte[] headerPart) {
        List<String> lines = HeaderPart.lines(headerPart);
        RestMethod m;
        try {
            m = RestMethod.valueOf(lines.get(0));
        } catch (IllegalArgumentException e) {
            throw HeaderPart.invalid("REST request header part starts with unknown method '" + lines.get(0) + "'");
        }
        URI uri;
        try {
            uri = new URI(lines.get(1));
        } catch (URISyntaxException e) {
            throw HeaderPart.invalid("REST request URI '" + lines.get(1) + "' is malformed");
        }
        if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null) {
            throw HeaderPart.invalid("REST request URI '" + lines.get(1) + "' must be a path");
        }
        var headers = new ArrayList<HttpHeader>(lines.size() - 2);
        for (String line : lines.subList(2, lines.size())) {
            headers.add(HeaderPart.header(line));
        }
        String requestId = RestHeaders.last(headers, RestHeaders.REQUEST_ID)
                .orElseThrow(() -> HeaderPart.invalid("REST request has no " + RestHeaders.REQUEST_ID + " header"));
        return new RestRequest(m, uri.getRawPath(), Optional.ofNullable(uri.getRawQuery()), headers, requestId,
                headerPart.clone());
    }

    public RestMethod method() {
        return method;
    }

    /** The raw request path, {@code /r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/path]}. */
    public String path() {
        return path;
    }

    /** The raw query string without {@code ?}. */
    public Optional<String> query() {
        return query;
    }

    /** The headers as signed: the client's (minus hop-by-hop ones) and those this server added. */
    public List<HttpHeader> headers() {
        return headers;
    }

    public ServiceId service() {
        return service;
    }

    /** The part of the path after the service code, raw, {@code ""} or starting with {@code /}. */
    public String servicePath() {
        return servicePath;
    }

    public ClientId client() {
        return client;
    }

    /** The {@code X-Road-Id}: the message id, also the message log's query id. */
    public String messageId() {
        return messageId;
    }

    /** The {@code X-Road-Request-Id} the consumer security server generated. */
    public String requestId() {
        return requestId;
    }

    public Optional<String> userId() {
        return RestHeaders.last(headers, RestHeaders.USER_ID);
    }

    public Optional<String> issue() {
        return RestHeaders.last(headers, RestHeaders.ISSUE);
    }

    /** The security server the client asked for ({@code X-Road-Security-Server}), if any. */
    public Optional<SecurityServerId> targetServer() {
        return RestHeaders.last(headers, RestHeaders.SECURITY_SERVER).map(XRoadIds::parseSecurityServerPath);
    }

    public Optional<RepresentedParty> representedParty() {
        return RestHeaders.last(headers, RestHeaders.REPRESENTED_PARTY).map(RepresentedParty::parseHeader);
    }

    /** The signed header-part bytes (a copy). */
    public byte[] headerPart() {
        return headerPart.clone();
    }

    private static void checkUri(String rawPath, Optional<String> rawQuery) {
        int length = rawPath.length() + rawQuery.map(String::length).orElse(0);
        if (length > MAX_URI_LENGTH) {
            throw new XRoadException(ErrorCode.INVALID_REQUEST, "request URI longer than " + MAX_URI_LENGTH);
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '?' || c == '#') {
                throw new XRoadException(ErrorCode.INVALID_REQUEST,
                        "request path has a forbidden character at position " + i);
            }
        }
    }

    /** The service and the remaining path named by {@code /r1/I/C/M/S/SVC[/path]}. */
    private record Target(ServiceId service, String servicePath) {

        static Target of(String rawPath) {
            String[] parts = rawPath.split("/", 8);
            if (parts.length < 7 || !parts[0].isEmpty()) {
                throw new XRoadException(ErrorCode.INVALID_REQUEST, "REST path '" + rawPath
                        + "' must be /r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/path]");
            }
            String version = parts[1];
            if (version.length() != 2 || version.charAt(0) != 'r' || !Character.isDigit(version.charAt(1))) {
                throw new XRoadException(ErrorCode.INVALID_REQUEST, "Invalid protocol version '" + version + "'");
            }
            if (Character.digit(version.charAt(1), 10) != PROTOCOL_VERSION) {
                throw new XRoadException(ErrorCode.INVALID_REQUEST, "Unsupported protocol version '" + version + "'");
            }
            if (parts[5].isEmpty()) {
                throw new XRoadException(ErrorCode.INVALID_REQUEST, "REST path '" + rawPath
                        + "' has no subsystem code: REST services are always provided by a subsystem");
            }
            ServiceId service = XRoadIds.parseServicePath(String.join("/", parts[2], parts[3], parts[4], parts[5],
                    parts[6]));
            return new Target(service, parts.length == 8 ? "/" + parts[7] : "");
        }
    }
}
