package org.sild.securityserver.clientproxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Chooses among several provider security servers the one that accepts a TCP connection first
 * (digest 03 §8): the candidates are shuffled, non-blocking connects to all of them start at once,
 * the first to complete wins and the others are closed. The winner is remembered per set of
 * candidate addresses for the cache period, so selection runs rarely; a single candidate needs no
 * race. Unresolvable hosts are skipped.
 *
 * <p>Thread-safe. The race blocks the calling (virtual) thread for at most the connect timeout.
 */
final class FastestConnect {

    private static final int MAX_CACHE_ENTRIES = 10_000;

    private final Duration connectTimeout;
    private final Duration cachePeriod;
    private final Clock clock;
    private final Random random;
    private final Map<Set<String>, Winner> cache = new ConcurrentHashMap<>();

    private record Winner(String address, Instant until) {
    }

    FastestConnect(Duration connectTimeout, Duration cachePeriod, Clock clock, Random random) {
        this.connectTimeout = connectTimeout;
        this.cachePeriod = cachePeriod;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The endpoint to use among {@code candidates} (not empty).
     *
     * @throws XRoadException (bare) {@code NetworkError} when none of several candidates accepts a connection
     */
    ProviderEndpoint select(List<ProviderEndpoint> candidates) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        Set<String> key = key(candidates);
        Instant now = clock.instant();
        Winner cached = cache.get(key);
        if (cached != null && cached.until().isAfter(now)) {
            Optional<ProviderEndpoint> hit = candidates.stream().filter(c -> c.address().equals(cached.address()))
                    .findFirst();
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        ProviderEndpoint winner = race(candidates);
        if (!cachePeriod.isZero()) {
            if (cache.size() >= MAX_CACHE_ENTRIES) {
                cache.clear();
            }
            cache.put(key, new Winner(winner.address(), now.plus(cachePeriod)));
        }
        return winner;
    }

    /** Drops what is remembered for {@code candidates}, after their winner failed. */
    void forget(List<ProviderEndpoint> candidates) {
        cache.remove(key(candidates));
    }

    private ProviderEndpoint race(List<ProviderEndpoint> candidates) {
        var shuffled = new ArrayList<>(candidates);
        synchronized (random) {
            Collections.shuffle(shuffled, random);
        }
        var channels = new ArrayList<SocketChannel>();
        try (Selector selector = Selector.open()) {
            for (ProviderEndpoint candidate : shuffled) {
                InetSocketAddress address = new InetSocketAddress(candidate.host(), candidate.port());
                if (address.isUnresolved()) {
                    continue;
                }
                SocketChannel channel = SocketChannel.open();
                channels.add(channel);
                try {
                    channel.configureBlocking(false);
                    if (channel.connect(address)) {
                        return candidate;
                    }
                    channel.register(selector, SelectionKey.OP_CONNECT, candidate);
                } catch (IOException | RuntimeException e) {
                    channel.close();
                }
            }
            long deadline = System.nanoTime() + connectTimeout.toNanos();
            while (!selector.keys().isEmpty()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0 || selector.select(left) < 0) {
                    break;
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        if (((SocketChannel) key.channel()).finishConnect()) {
                            return (ProviderEndpoint) key.attachment();
                        }
                    } catch (IOException e) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
                selector.selectNow();
            }
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.NETWORK_ERROR, "cannot select a provider security server: "
                    + e.getMessage(), e);
        } finally {
            channels.forEach(FastestConnect::closeQuietly);
        }
        throw new XRoadException(ErrorCode.NETWORK_ERROR, "Could not connect to any target host ("
                + candidates.stream().map(ProviderEndpoint::address).collect(Collectors.joining(", ")) + ")");
    }

    private static Set<String> key(List<ProviderEndpoint> candidates) {
        return candidates.stream().map(ProviderEndpoint::address).collect(Collectors.toUnmodifiableSet());
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Only a probe; nothing was sent on it.
        }
    }
}
