package org.sild.securityserver.opmonitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.sild.core.id.ClientId;
import org.sild.core.id.ServiceId;

/**
 * In-memory health statistics of the services this server provides ({@code securityServerType=Producer}
 * records only), since start and over a sliding window (digest 06 §3.5).
 *
 * <p>Thread-safe (one lock). Memory is bounded: at most {@value #MAX_SERVICES} services and
 * {@value #MAX_EVENTS} events per service in the window.
 */
final class HealthStatistics {

    static final int MAX_SERVICES = 10_000;
    static final int MAX_EVENTS = 100_000;

    /** One exchange: when it came (ms), whether it succeeded, its duration (ms) and sizes. */
    record Event(long requestInTs, boolean succeeded, long duration, long requestSize, long responseSize) {
    }

    /** Min, average, max and standard deviation of one measure over the window. */
    record Figures(long min, double average, long max, double stdDev) {

        static Figures of(List<Event> events, ToLongFunction<Event> measure) {
            if (events.isEmpty()) {
                return new Figures(0, 0, 0, 0);
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            double sum = 0;
            for (Event e : events) {
                long v = measure.applyAsLong(e);
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
            double average = sum / events.size();
            double squares = 0;
            for (Event e : events) {
                double d = measure.applyAsLong(e) - average;
                squares += d * d;
            }
            return new Figures(min, average, max, Math.sqrt(squares / events.size()));
        }
    }

    /** What is known of one service at a moment. */
    record ServiceHealth(ServiceId service, Optional<Long> lastSuccessful, Optional<Long> lastUnsuccessful,
            Optional<String> serviceType, int successfulCount, int unsuccessfulCount, Figures duration,
            Figures requestSize, Figures responseSize) {
    }

    private static final class Tally {
        final ArrayDeque<Event> events = new ArrayDeque<>();
        Optional<Long> lastSuccessful = Optional.empty();
        Optional<Long> lastUnsuccessful = Optional.empty();
        Optional<String> serviceType = Optional.empty();
    }

    private final Duration period;
    private final Instant startup;
    private final Map<ServiceId, Tally> services = new LinkedHashMap<>();

    HealthStatistics(Duration period, Instant startup) {
        this.period = period;
        this.startup = startup;
    }

    Instant startup() {
        return startup;
    }

    Duration period() {
        return period;
    }

    /** Counts {@code record} if it is a provider-side record of a known service. */
    synchronized void add(OpRecord record) {
        if (record.side() != OpRecord.Side.PRODUCER || record.serviceId().isEmpty()) {
            return;
        }
        ServiceId service = record.serviceId().get();
        Tally tally = services.get(service);
        if (tally == null) {
            if (services.size() >= MAX_SERVICES) {
                return;
            }
            tally = new Tally();
            services.put(service, tally);
        }
        long in = record.number("requestInTs").orElse(0L);
        long out = record.number("responseOutTs").orElse(in);
        var event = new Event(in, record.succeeded(), Math.max(0, out - in), record.number("requestSize").orElse(0L),
                record.number("responseSize").orElse(0L));
        if (tally.events.size() >= MAX_EVENTS) {
            tally.events.removeFirst();
        }
        tally.events.addLast(event);
        if (event.succeeded()) {
            tally.lastSuccessful = Optional.of(in);
        } else {
            tally.lastUnsuccessful = Optional.of(in);
        }
        record.text("serviceType").ifPresent(t -> services.get(service).serviceType = Optional.of(t));
    }

    /** Every service's health at {@code now}, optionally only those of {@code provider}. */
    synchronized List<ServiceHealth> snapshot(Instant now, Optional<ClientId> provider) {
        long from = now.minus(period).toEpochMilli();
        var result = new ArrayList<ServiceHealth>();
        for (var entry : services.entrySet()) {
            if (provider.isPresent() && !provider.get().equals(entry.getKey().provider())) {
                continue;
            }
            Tally t = entry.getValue();
            while (!t.events.isEmpty() && t.events.peekFirst().requestInTs() < from) {
                t.events.removeFirst();
            }
            List<Event> window = List.copyOf(t.events);
            int ok = (int) window.stream().filter(Event::succeeded).count();
            List<Event> succeeded = window.stream().filter(Event::succeeded).toList();
            result.add(new ServiceHealth(entry.getKey(), t.lastSuccessful, t.lastUnsuccessful, t.serviceType, ok,
                    window.size() - ok, Figures.of(succeeded, Event::duration), Figures.of(succeeded, Event::requestSize),
                    Figures.of(succeeded, Event::responseSize)));
        }
        return result;
    }
}
