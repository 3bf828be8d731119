package org.sild.core.asic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * File names of message log archives as X-Road's {@code LogArchiveWriter} makes them:
 * {@code mlog-[{group}-]{start}-{end}-{first 16 hex of the last linking digest}.zip}, times as
 * {@code yyyyMMddHHmmss} in UTC (X-Road uses the server's zone).
 *
 * <p>The group name has {@code NUL \ < > / : | * ?} and control characters replaced by {@code _} and is
 * cut to 200 characters. Stateless.
 */
public final class ArchiveFiles {

    /** The name of the linking information entry, the last entry of every archive. */
    public static final String LINKING_INFO = "linkinginfo";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private ArchiveFiles() {
    }

    /** The archive name for records from {@code start} to {@code end} whose last linking digest is given. */
    public static String name(Optional<String> group, Instant start, Instant end, String lastDigestHex) {
        String g = group.map(ArchiveFiles::sanitise).map(s -> s + "-").orElse("");
        String digest = lastDigestHex.length() > 16 ? lastDigestHex.substring(0, 16) : lastDigestHex;
        return "mlog-" + g + TIME.format(start) + "-" + TIME.format(end) + "-" + digest + ".zip";
    }

    /** {@code group} made safe for a file name. */
    static String sanitise(String group) {
        String s = group.replaceAll("[\\x00\\\\<>/:|*?\\p{Cntrl}]", "_");
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
