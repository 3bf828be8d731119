package org.sild.securityserver.envmonitor;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Processes} and {@code Xroad Processes} sets: one set per process, named by its PID,
 * with {@code processId, command, cpuLoad, memUsed, startTime, userId} from {@link ProcessHandle}
 * and, for the resident memory, {@code /proc} where there is one. For Sild, the "X-Road
 * processes" are its own JVMs: this one and every process whose command line names Sild.
 *
 * <p>{@code cpuLoad} is the CPU time used since the process started as a percentage of its
 * running time, {@code memUsed} its resident memory as a percentage of the physical memory
 * (the meanings of {@code ps}'s {@code %cpu} and {@code %mem}, which X-Road reports). Stateless.
 */
final class Processes {

    /** At most this many processes are reported per set. */
    static final int MAX_PROCESSES = 500;
    private static final int MAX_COMMAND = 256;

    private Processes() {
    }

    /** Every process visible to this one, by PID, at most {@link #MAX_PROCESSES}. */
    static Metric.Set all(Instant now, long totalMemory) {
        return set("Processes", ProcessHandle.allProcesses().sorted(Comparator.comparingLong(ProcessHandle::pid))
                .limit(MAX_PROCESSES).toList(), now, totalMemory);
    }

    /** Sild's own JVMs: this process and those whose command line names Sild. */
    static Metric.Set sild(Instant now, long totalMemory) {
        long self = ProcessHandle.current().pid();
        return set("Xroad Processes", ProcessHandle.allProcesses().filter(p -> p.pid() == self || isSild(p))
                .sorted(Comparator.comparingLong(ProcessHandle::pid)).limit(MAX_PROCESSES).toList(), now, totalMemory);
    }

    private static boolean isSild(ProcessHandle p) {
        String line = p.info().commandLine().orElse("").toLowerCase(Locale.ROOT);
        return line.contains("java") && (line.contains("org.sild.") || line.contains("sild-"));
    }

    private static Metric.Set set(String name, List<ProcessHandle> processes, Instant now, long totalMemory) {
        var sets = new ArrayList<Metric>();
        for (ProcessHandle p : processes) {
            ProcessHandle.Info info = p.info();
            String command = info.command().orElse("");
            var m = new ArrayList<Metric>();
            m.add(new Metric.Numeric("processId", p.pid()));
            m.add(new Metric.Text("command", command.length() > MAX_COMMAND ? command.substring(0, MAX_COMMAND) : command));
            m.add(new Metric.Numeric("cpuLoad", cpuLoad(info, now)));
            m.add(new Metric.Numeric("memUsed", residentBytes(p.pid())
                    .map(bytes -> percent(bytes, totalMemory)).orElse(BigDecimal.ZERO)));
            m.add(new Metric.Text("startTime", info.startInstant().map(Instant::toString).orElse("")));
            m.add(new Metric.Text("userId", info.user().orElse("")));
            sets.add(new Metric.Set(Long.toString(p.pid()), m));
        }
        return new Metric.Set(name, sets);
    }

    private static BigDecimal cpuLoad(ProcessHandle.Info info, Instant now) {
        Optional<Duration> cpu = info.totalCpuDuration();
        Optional<Instant> start = info.startInstant();
        if (cpu.isEmpty() || start.isEmpty()) {
            return BigDecimal.ZERO;
        }
        long running = Math.max(1, Duration.between(start.get(), now).toMillis());
        return percent(cpu.get().toMillis(), running);
    }

    private static BigDecimal percent(long part, long whole) {
        if (whole <= 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_UP);
    }

    /** The resident set size from {@code /proc/<pid>/status} ({@code VmRSS}, in kB), where readable. */
    private static Optional<Long> residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).strip().split("\\s+")[0];
                    return Optional.of(Long.parseLong(kb) * 1024);
                }
            }
        } catch (IOException | SecurityException | NumberFormatException e) {
            // Another system, or the process ended meanwhile: no figure.
        }
        return Optional.empty();
    }
}
