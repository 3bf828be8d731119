package org.sild.runtime.http;

/**
 * Handles one route of a {@link Router}: takes the request, returns the response.
 *
 * <p>Runs on a virtual thread and may block. Throwing an {@link ApiException} or another
 * {@code XRoadException} yields a JSON error response; any other exception yields a 500 whose
 * body reveals nothing (the exception is logged).
 */
@FunctionalInterface
public interface ApiHandler {

    ApiResponse handle(ApiRequest request) throws Exception;
}
