package org.sild.core.multipart;

import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * A deterministic pseudo-random byte stream of a given length that is generated as it is read and
 * counts what it served, so tests can push hundreds of megabytes through a codec without holding
 * them and can check how far ahead a reader reads.
 */
public final class GeneratedBytes extends InputStream {

    private final long length;
    private long state;
    private long served;
    private final CRC32C checksum = new CRC32C();

    public GeneratedBytes(long seed, long length) {
        this.length = length;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    /** The CRC32C of the whole stream, computed without holding it. */
    public static long checksumOf(long seed, long length) {
        var g = new GeneratedBytes(seed, length);
        var buf = new byte[64 * 1024];
        while (g.read(buf, 0, buf.length) >= 0) {
            // generated and checksummed by read
        }
        return g.checksum();
    }

    /** How many bytes were read so far. */
    public long served() {
        return served;
    }

    /** The CRC32C of the bytes read so far. */
    public long checksum() {
        return checksum.getValue();
    }

    @Override
    public int read() {
        if (served == length) {
            return -1;
        }
        int b = next() & 0xff;
        served++;
        checksum.update(b);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (served == length) {
            return -1;
        }
        int n = (int) Math.min(len, length - served);
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) next();
        }
        served += n;
        checksum.update(b, off, n);
        return n;
    }

    private int next() {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        return (int) (state >>> 24);
    }
}
