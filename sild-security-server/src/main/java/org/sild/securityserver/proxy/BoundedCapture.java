package org.sild.securityserver.proxy;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Optional;
import org.sild.core.crypto.DigestAlgorithm;

/**
 * A body passing through on its way between two parties: its SHA-512 (the REST request hash needs
 * it) and, up to a limit, its bytes (the message log stores REST bodies up to a configured size; a
 * larger body is not stored). Not thread-safe.
 */
public final class BoundedCapture extends FilterInputStream {

    private final int limit;
    private final MessageDigest sha512 = DigestAlgorithm.SHA512.newDigest();
    private ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private long count;

    public BoundedCapture(InputStream in, int limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            seen(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            seen(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
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

    /** How many bytes passed. */
    public long count() {
        return count;
    }

    /** The SHA-512 of what passed; call once, at the end. */
    public byte[] sha512() {
        return sha512.digest();
    }

    /** The bytes that passed, if there were no more than the limit. */
    public Optional<byte[]> captured() {
        return captured == null ? Optional.empty() : Optional.of(captured.toByteArray());
    }

    private void seen(byte[] b, int off, int n) {
        sha512.update(b, off, n);
        count += n;
        if (captured != null) {
            if (count > limit) {
                captured = null;
            } else {
                captured.write(b, off, n);
            }
        }
    }
}
