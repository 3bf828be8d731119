package org.sild.securityserver.datatracker;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * The parameters of a REST {@code findUsage} request ({@code dumonitor-openapi.yaml}): the subject's
 * {@code userCode}, an optional period in RFC 3339 times and a page. Other parameters are ignored;
 * a parameter given twice, a bad number or time is refused with {@code InvalidRequest} naming it; the caller
 * turns that into HTTP 400.
 *
 * @param limit at most {@link #MAX_LIMIT}: a larger limit is capped, which the protocol's paging
 *     (ask again while a full page comes back) handles
 */
record FindUsageQuery(String userCode, Optional<Instant> periodStart, Optional<Instant> periodEnd, int offset,
                      int limit) {

    /** The protocol's default page size, and the largest page served. */
    static final int MAX_LIMIT = 1000;
    private static final int MAX_QUERY_CHARS = 4096;
    private static final Set<String> NAMES = Set.of("userCode", "periodStart", "periodEnd", "offset", "limit");

    /** Parses a raw (percent-encoded) query string. */
    static FindUsageQuery parse(Optional<String> rawQuery) {
        Map<String, String> values = parameters(rawQuery.orElse(""));
        String userCode = Optional.ofNullable(values.get("userCode")).filter(v -> !v.isBlank())
                .orElseThrow(() -> invalid("the query parameter userCode is required"));
        if (userCode.length() > UsageRecord.MAX_SUBJECT_LENGTH) {
            throw invalid("userCode is longer than " + UsageRecord.MAX_SUBJECT_LENGTH + " characters");
        }
        Optional<Instant> start = time(values, "periodStart");
        Optional<Instant> end = time(values, "periodEnd");
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw invalid("periodStart " + start.get() + " is after periodEnd " + end.get());
        }
        int offset = number(values, "offset", 0);
        int limit = Math.min(number(values, "limit", MAX_LIMIT), MAX_LIMIT);
        return new FindUsageQuery(userCode, start, end, offset, limit);
    }

    private static Map<String, String> parameters(String query) {
        if (query.length() > MAX_QUERY_CHARS) {
            throw invalid("the query is longer than " + MAX_QUERY_CHARS + " characters");
        }
        var values = new HashMap<String, String>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String name = decode(kv[0]);
            if (!NAMES.contains(name)) {
                continue;                      // as any web service: parameters it does not know are ignored
            }
            if (values.put(name, kv.length > 1 ? decode(kv[1]).strip() : "") != null) {
                throw invalid("the query parameter " + name + " is given more than once");
            }
        }
        return values;
    }

    /** Percent-decodes; a literal {@code +} stays a plus, so {@code +02:00} offsets survive unencoded. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("malformed percent-encoding in '" + raw + "'");
        }
    }

    private static Optional<Instant> time(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            throw invalid(name + " '" + value + "' is not an RFC 3339 date-time (e.g. 2021-01-31T10:20:30Z)");
        }
    }

    private static int number(Map<String, String> values, String name, int absent) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw invalid(name + " must not be negative: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(name + " '" + value + "' is not a 32-bit integer");
        }
    }

    static XRoadException invalid(String message) {
        return new XRoadException(ErrorCode.INVALID_REQUEST, message);
    }
}
