package org.sild.core.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Passes a part body through while digesting and counting every byte read. Not thread-safe. */
final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest digest;
    private long count;

    DigestingInputStream(InputStream in, MessageDigest digest) {
        super(in);
        this.digest = digest;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        var buf = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // Not supported: a reset would digest bytes twice.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    @Override
    public void close() {
        // The part ends where the multipart says; the consumer cannot close it early.
    }

    /** Reads what the consumer left unread, so the digest covers the whole part. */
    void drain() throws IOException {
        var buf = new byte[8192];
        while (read(buf, 0, buf.length) >= 0) {
            // digested by read
        }
    }

    long count() {
        return count;
    }

    byte[] digest() {
        return digest.digest();
    }
}
