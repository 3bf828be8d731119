package org.sild.centralserver.management;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * An input stream that fails once reading has taken longer than a time limit, so that a client
 * trickling a body byte by byte cannot hold a request open (a blocked read is ended by the
 * server's idle timeout). Not thread-safe.
 */
final class DeadlineInputStream extends FilterInputStream {

    private final long deadline;
    private final Duration limit;

    DeadlineInputStream(InputStream in, Duration limit) {
        super(in);
        this.limit = limit;
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    @Override
    public int read() throws IOException {
        check();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        return super.read(b, off, len);
    }

    private void check() throws IOException {
        if (System.nanoTime() - deadline > 0) {
            throw new IOException("reading the request took longer than " + limit.toSeconds() + " s");
        }
    }
}
