package org.sild.runtime.http;

import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * An {@link XRoadException} that a REST API answers with a chosen HTTP status and error code.
 *
 * <p>Thrown by {@link ApiHandler}s (or code they call) for outcomes such as 404 for an unknown
 * resource or 409 for a conflicting one; the {@link Router} turns it into the JSON error body
 * {@code {"status":409,"error":{"code":"client_exists","message":"..."}}}. The fault code is
 * {@code Client.InvalidRequest} for 4xx statuses and {@code Server.InternalError} for 5xx.
 */
public class ApiException extends XRoadException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    /**
     * @param status    HTTP status, 400..599
     * @param errorCode short snake_case code for clients, for example {@code client_not_found}
     * @param message   what went wrong, naming the bad value
     */
    public ApiException(int status, String errorCode, String message) {
        super(status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST, message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an API error status is 400..599, was " + status);
        }
        this.status = status;
        this.errorCode = errorCode;
    }

    /** 404 with code {@code not_found}. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    /** 400 with code {@code bad_request}. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    /** 409 with code {@code conflict}. */
    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The code in the JSON error body. */
    public String errorCode() {
        return errorCode;
    }
}
