package org.sild.trustservices.ocsp;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sild.core.pki.OcspCertStatus;

/**
 * Signed OCSP responses by CertID, reused for a short time while the status they state is still the
 * current one. Bounded (least recently used entries go first). Thread-safe.
 */
final class ResponseCache {

    static final int MAX_ENTRIES = 10_000;

    private final Duration ttl;
    private final Map<String, Cached> entries = new LinkedHashMap<String, Cached>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    ResponseCache(Duration ttl) {
        this.ttl = ttl;
    }

    /** The cached response for {@code key} if it is younger than the time to live and states {@code status}. */
    synchronized Optional<byte[]> get(String key, OcspCertStatus status, Instant now) {
        if (ttl.isZero()) {
            return Optional.empty();
        }
        Cached entry = entries.get(key);
        if (entry == null || !entry.status().equals(status) || !now.isBefore(entry.expires())) {
            return Optional.empty();
        }
        return Optional.of(entry.response().clone());
    }

    synchronized void put(String key, OcspCertStatus status, byte[] response, Instant now) {
        if (!ttl.isZero()) {
            entries.put(key, new Cached(status, response.clone(), now.plus(ttl)));
        }
    }

    private record Cached(OcspCertStatus status, byte[] response, Instant expires) {
    }
}
