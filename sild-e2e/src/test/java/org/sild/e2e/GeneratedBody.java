package org.sild.e2e;

import java.io.InputStream;
import java.security.MessageDigest;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * A body of {@code size} pseudo-random bytes generated as it is read, never held in memory, with the
 * SHA-512 of what has been read so far. Deterministic for a seed. Single-threaded.
 */
final class GeneratedBody extends InputStream {

    private final long size;
    private final MessageDigest digest = DigestAlgorithm.SHA512.newDigest();
    private long state;
    private long produced;

    GeneratedBody(long size, long seed) {
        this.size = size;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (produced >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - produced);
        for (int i = 0; i < n; i++) {
            if ((produced + i) % 8 == 0) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
            }
            b[off + i] = (byte) (state >>> (8 * ((produced + i) % 8)));
        }
        digest.update(b, off, n);
        produced += n;
        return n;
    }

    /** How many bytes have been read. */
    long produced() {
        return produced;
    }

    /** SHA-512 of everything read, once the body has been read to its end. */
    byte[] sha512() {
        if (produced < size) {
            throw new IllegalStateException("only " + produced + " of " + size + " bytes were read");
        }
        try {
            return ((MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
