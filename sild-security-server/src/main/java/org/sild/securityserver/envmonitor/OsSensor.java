package org.sild.securityserver.envmonitor;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * Reads the operating system's figures through the JDK's {@code com.sun.management} beans (X-Road's
 * proxy reads the same ones). Stateless and thread-safe.
 */
final class OsSensor {

    /** One sample of the values kept as histograms. */
    record Reading(long systemCpuLoad, long freePhysicalMemory, long freeSwapSpace, long openFileDescriptorCount,
            long committedVirtualMemory) {
    }

    private OsSensor() {
    }

    /** The values sampled for the histograms; the CPU load as a percentage (load × 100), as X-Road reports it. */
    static Reading reading() {
        OperatingSystemMXBean os = bean();
        double load = os.getCpuLoad();
        return new Reading(load < 0 ? 0 : Math.round(load * 100), os.getFreeMemorySize(), os.getFreeSwapSpaceSize(),
                unix(os).getOpenFileDescriptorCount(), os.getCommittedVirtualMemorySize());
    }

    /** The gauges of {@code systemMetrics}: memory, swap, file descriptors and disk space per file-system root. */
    static List<Metric> gauges() {
        OperatingSystemMXBean os = bean();
        var out = new ArrayList<Metric>();
        out.add(new Metric.Numeric("TotalPhysicalMemory", os.getTotalMemorySize()));
        out.add(new Metric.Numeric("TotalSwapSpace", os.getTotalSwapSpaceSize()));
        out.add(new Metric.Numeric("MaxFileDescriptorCount", unix(os).getMaxFileDescriptorCount()));
        for (File root : File.listRoots()) {
            out.add(new Metric.Numeric("DiskSpaceTotal_" + root.getPath(), root.getTotalSpace()));
            out.add(new Metric.Numeric("DiskSpaceFree_" + root.getPath(), root.getFreeSpace()));
        }
        return out;
    }

    /** The total physical memory in bytes. */
    static long totalPhysicalMemory() {
        return bean().getTotalMemorySize();
    }

    /**
     * The operating system as Linux names its kernel ({@code /proc/version} up to the compiler
     * details, e.g. {@code Linux version 6.1.0-18-amd64}), else the JVM's name and version of it.
     */
    static String operatingSystem() {
        try {
            String version = Files.readString(Path.of("/proc/version"), StandardCharsets.UTF_8).strip();
            int details = version.indexOf(" (");
            return details > 0 ? version.substring(0, details) : version;
        } catch (IOException | SecurityException e) {
            return System.getProperty("os.name") + " " + System.getProperty("os.version");
        }
    }

    private static OperatingSystemMXBean bean() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os;
        }
        throw unreadable("the JVM has no com.sun.management.OperatingSystemMXBean");
    }

    private static UnixOperatingSystemMXBean unix(OperatingSystemMXBean os) {
        if (os instanceof UnixOperatingSystemMXBean unix) {
            return unix;
        }
        throw unreadable("file descriptor counts need a Unix operating system");
    }

    static XRoadException unreadable(String why) {
        return new XRoadException(ErrorCode.INTERNAL_ERROR, "Unable to read metrics: " + why);
    }
}
