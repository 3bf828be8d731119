package org.sild.securityserver.opmonitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;

/**
 * The rules of {@code getSecurityServerOperationalData} (digest 06 §3.3): validation of the time
 * window and output fields, the records-available offset, the payload limit that never splits a
 * second, {@code nextRecordsFrom}, caller-based filtering and field projection.
 *
 * <p>Immutable and thread-safe.
 */
final class OperationalDataQuery {

    /** The search criteria and output specification of one request (times in epoch seconds). */
    record Criteria(long recordsFrom, long recordsTo, Optional<ClientId> provider, List<String> outputFields) {
    }

    /** The answer: the projected records and where the caller should continue, if anywhere. */
    record Result(List<Map<String, Object>> records, Optional<Long> nextRecordsFrom) {
    }

    private static final String TS = "monitoringDataTs";
    private static final String INTERNAL_IP = "securityServerInternalIp";

    private final OpStore store;
    private final OpMonitorSettings settings;

    OperationalDataQuery(OpStore store, OpMonitorSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * Runs {@code criteria} at {@code nowSeconds} for a caller that sees everything ({@code privileged})
     * or only the records where {@code caller} is the client or the provider.
     *
     * @throws XRoadException {@code Client.InvalidRequest} for a bad time window or an unknown field
     */
    Result run(Criteria criteria, long nowSeconds, boolean privileged, ClientId caller) {
        checkOutputFields(criteria.outputFields());
        long availableBefore = nowSeconds - settings.recordsAvailableOffset().toSeconds();
        checkTimestamps(criteria.recordsFrom(), criteria.recordsTo(), availableBefore);
        long to = criteria.recordsTo();
        Optional<Long> next = Optional.empty();
        if (to >= availableBefore) {
            to = availableBefore - 1;
            next = Optional.of(availableBefore);
        }
        var filter = new OpStore.Filter(privileged ? Optional.empty() : Optional.of(caller), criteria.provider());
        int max = settings.maxRecordsInPayload();
        List<Map<String, Object>> rows = new ArrayList<>(store.select(criteria.recordsFrom(), to, filter, max));
        if (rows.size() == max) {
            long last = ((Number) rows.get(rows.size() - 1).get(TS)).longValue();
            rows.removeIf(r -> ((Number) r.get(TS)).longValue() == last);
            rows.addAll(store.second(last, filter));
            if (last < to && store.any(last + 1, to, filter)) {
                next = Optional.of(last + 1);
            }
        }
        return new Result(rows.stream().map(r -> project(r, criteria.outputFields(), privileged)).toList(), next);
    }

    private static void checkOutputFields(List<String> fields) {
        Set<String> known = Set.copyOf(OpRecord.FIELDS);
        for (String f : fields) {
            if (!known.contains(f)) {
                throw invalid("Unknown output field in search criteria: " + f);
            }
        }
    }

    private static void checkTimestamps(long from, long to, long availableBefore) {
        if (from < 0) {
            throw invalid("Records from timestamp is a negative number");
        }
        if (to < 0) {
            throw invalid("Records to timestamp is a negative number");
        }
        if (to < from) {
            throw invalid("Records to timestamp is earlier than records from timestamp");
        }
        if (from >= availableBefore) {
            throw invalid("Records not available from " + from + " yet");
        }
    }

    private static Map<String, Object> project(Map<String, Object> row, List<String> fields, boolean privileged) {
        var out = new LinkedHashMap<String, Object>();
        for (var e : row.entrySet()) {
            if (!fields.isEmpty() && !fields.contains(e.getKey())) {
                continue;
            }
            if (!privileged && e.getKey().equals(INTERNAL_IP)) {
                continue;
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    static XRoadException invalid(String message) {
        return new XRoadException(ErrorCode.INVALID_REQUEST, message).withPrefix(ErrorCode.CLIENT);
    }
}
