package org.sild.core.transport;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Passes a part body through while digesting and counting every byte written. Not thread-safe. */
final class DigestingOutputStream extends FilterOutputStream {

    private final MessageDigest digest;
    private long count;

    DigestingOutputStream(OutputStream out, MessageDigest digest) {
        super(out);
        this.digest = digest;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        count += len;
    }

    @Override
    public void close() {
        // The part ends when the encoder moves on.
    }

    long count() {
        return count;
    }

    byte[] digest() {
        return digest.digest();
    }
}
