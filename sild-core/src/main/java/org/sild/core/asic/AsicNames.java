package org.sild.core.asic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * File names of ASiC containers as X-Road's {@code AsicContainerNameGenerator} makes them:
 * {@code {queryId}-{request|response}-{record id in base 32}.asice}.
 *
 * <p>The query id is URL-encoded (so {@code /}, {@code \}, {@code :} and the like cannot escape a
 * directory or break a file system) and cut to 226 characters, which keeps the name within 255
 * characters for any record id. Stateless.
 */
public final class AsicNames {

    /** Longest escaped query id kept in a name. */
    public static final int MAX_QUERY_ID_CHARS = 226;

    private AsicNames() {
    }

    /** The container name for record {@code recordId} (a request, or a response if {@code response}). */
    public static String containerName(String queryId, boolean response, long recordId) {
        String escaped = escape(queryId);
        if (escaped.length() > MAX_QUERY_ID_CHARS) {
            escaped = escaped.substring(0, MAX_QUERY_ID_CHARS);
        }
        return escaped + (response ? "-response-" : "-request-") + Long.toString(recordId, 32)
                + AsicContainer.EXTENSION;
    }

    /** {@code s} URL-encoded (UTF-8) with {@code /} as {@code %2F}, fit for a file name. */
    public static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("/", "%2F");
    }
}
