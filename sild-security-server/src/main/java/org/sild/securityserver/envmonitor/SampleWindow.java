package org.sild.securityserver.envmonitor;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The most recent samples of one value, at most a fixed number, and their histogram figures.
 * Thread-safe (synchronized; one writer, occasional readers).
 */
final class SampleWindow {

    private final String name;
    private final long[] ring;
    private int count;
    private int next;
    private Optional<Instant> updated = Optional.empty();

    SampleWindow(String name, int capacity) {
        this.name = name;
        this.ring = new long[capacity];
    }

    synchronized void add(long value, Instant at) {
        ring[next] = value;
        next = (next + 1) % ring.length;
        count = Math.min(count + 1, ring.length);
        updated = Optional.of(at);
    }

    /** The histogram of the samples kept; empty before the first sample. */
    synchronized Optional<Metric.Histogram> histogram() {
        if (updated.isEmpty()) {
            return Optional.empty();
        }
        long[] values = Arrays.copyOf(ring, count);
        Arrays.sort(values);
        double sum = 0;
        for (long v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (long v : values) {
            squares += (v - mean) * (v - mean);
        }
        // Sample standard deviation, as Dropwizard's histograms (X-Road's) report it.
        double stddev = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
        int mid = values.length / 2;
        double median = values.length % 2 == 1 ? values[mid] : (values[mid - 1] + (double) values[mid]) / 2;
        return Optional.of(new Metric.Histogram(name, updated.get(), values[0], values[values.length - 1], mean, median,
                stddev));
    }
}
