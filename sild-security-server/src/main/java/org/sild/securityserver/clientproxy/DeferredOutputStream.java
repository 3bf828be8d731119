package org.sild.securityserver.clientproxy;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream whose target is attached later: a transport message's encoder must exist
 * (it chooses the boundary that the HTTP headers announce) before the connection it writes to.
 * Not thread-safe.
 */
final class DeferredOutputStream extends OutputStream {

    private OutputStream target;

    void attach(OutputStream out) {
        this.target = out;
    }

    private OutputStream target() throws IOException {
        if (target == null) {
            throw new IOException("no connection to write the transport message to");
        }
        return target;
    }

    @Override
    public void write(int b) throws IOException {
        target().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        target().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        target().flush();
    }

    @Override
    public void close() throws IOException {
        target().close();
    }
}
