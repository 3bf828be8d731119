package org.sild.centralserver.management;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code perMinute} requests per source address in any sliding minute. Remembers at most
 * {@link #MAX_SOURCES} addresses; when that many have been seen within the last minute, new
 * addresses are refused (fail closed) until some age out. Thread-safe.
 */
final class RateLimiter {

    static final int MAX_SOURCES = 10_000;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Map<String, ArrayDeque<Instant>> hits = new HashMap<>();

    RateLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, not " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    int perMinute() {
        return perMinute;
    }

    /** Counts a request from {@code source}; false when it is over the limit (and then not counted). */
    synchronized boolean tryAcquire(String source) {
        Instant now = clock.instant();
        Instant from = now.minus(WINDOW);
        if (!hits.containsKey(source) && hits.size() >= MAX_SOURCES) {
            hits.values().removeIf(q -> expire(q, from).isEmpty());
            if (hits.size() >= MAX_SOURCES) {
                return false;
            }
        }
        ArrayDeque<Instant> recent = expire(hits.computeIfAbsent(source, s -> new ArrayDeque<>()), from);
        if (recent.size() >= perMinute) {
            return false;
        }
        recent.addLast(now);
        return true;
    }

    private static ArrayDeque<Instant> expire(ArrayDeque<Instant> queue, Instant from) {
        while (!queue.isEmpty() && !queue.peekFirst().isAfter(from)) {
            queue.pollFirst();
        }
        return queue;
    }
}
