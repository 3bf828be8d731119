package org.sild.securityserver.envmonitor;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the histogram metrics ({@code SystemCpuLoad}, {@code FreePhysicalMemory},
 * {@code FreeSwapSpace}, {@code OpenFileDescriptorCount}, {@code CommittedVirtualMemory}) every
 * sampling interval on a virtual thread and keeps the most recent samples of each.
 *
 * <p>Lifecycle: samples once on construction; {@link #start()} begins the periodic sampling,
 * {@link #close()} ends it. Thread-safe.
 */
final class SystemSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SystemSampler.class);

    private final EnvMonitorSettings settings;
    private final Clock clock;
    private final Supplier<OsSensor.Reading> sensor;
    private final SampleWindow cpu;
    private final SampleWindow freePhysical;
    private final SampleWindow freeSwap;
    private final SampleWindow openFiles;
    private final SampleWindow committed;
    private Optional<ScheduledExecutorService> scheduler = Optional.empty();

    SystemSampler(EnvMonitorSettings settings, Clock clock, Supplier<OsSensor.Reading> sensor) {
        this.settings = settings;
        this.clock = clock;
        this.sensor = sensor;
        cpu = new SampleWindow("SystemCpuLoad", settings.samples());
        freePhysical = new SampleWindow("FreePhysicalMemory", settings.samples());
        freeSwap = new SampleWindow("FreeSwapSpace", settings.samples());
        openFiles = new SampleWindow("OpenFileDescriptorCount", settings.samples());
        committed = new SampleWindow("CommittedVirtualMemory", settings.samples());
        sample();
    }

    /** Takes one sample now; a failure to read is logged and leaves the windows as they were. */
    void sample() {
        OsSensor.Reading r;
        try {
            r = sensor.get();
        } catch (RuntimeException e) {
            LOG.warn("Cannot sample the system metrics: {}", e.getMessage());
            return;
        }
        var at = clock.instant();
        cpu.add(r.systemCpuLoad(), at);
        freePhysical.add(r.freePhysicalMemory(), at);
        freeSwap.add(r.freeSwapSpace(), at);
        openFiles.add(r.openFileDescriptorCount(), at);
        committed.add(r.committedVirtualMemory(), at);
    }

    /** The five histograms, in X-Road's order; those never sampled are left out. */
    List<Metric> histograms() {
        return List.of(cpu, freePhysical, freeSwap, openFiles, committed).stream()
                .flatMap(w -> w.histogram().stream()).map(Metric.class::cast).toList();
    }

    /** Starts sampling every interval. Idempotent. */
    synchronized void start() {
        if (scheduler.isEmpty()) {
            var executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("env-monitor").factory());
            long period = settings.samplingInterval().toMillis();
            executor.scheduleWithFixedDelay(this::sample, period, period, TimeUnit.MILLISECONDS);
            scheduler = Optional.of(executor);
        }
    }

    @Override
    public synchronized void close() {
        scheduler.ifPresent(ScheduledExecutorService::shutdownNow);
        scheduler = Optional.empty();
    }
}
