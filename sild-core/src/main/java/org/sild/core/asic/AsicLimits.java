package org.sild.core.asic;

/**
 * Bounds for reading an ASiC-E container or a message log archive: how many ZIP entries, and how many
 * decompressed bytes per entry and in total.
 *
 * <p>The sizes count bytes actually inflated, not the sizes the ZIP headers claim, so a ZIP bomb
 * stops at the bound. Immutable.
 */
public record AsicLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {

    /**
     * Defaults for one container: 64 entries, 64 MiB per entry, 128 MiB in total. A logged REST body is
     * at most 10 MiB by default ({@code max-loggable-message-body-size}); the rest are small XML files.
     */
    public static final AsicLimits DEFAULT = new AsicLimits(64, 64L << 20, 128L << 20);

    public AsicLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
