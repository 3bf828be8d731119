package org.sild.securityserver.proxy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A stream from one party of an exchange whose read failures are that party's: they become
 * {@code IOError} with the party's prefix ({@code Client} for the client information system,
 * {@code ServiceFailed} for the provider's). This tells them apart from failures writing to the
 * next hop in the same copy loop. Not thread-safe.
 */
public final class SourceInput extends FilterInputStream {

    private final String party;
    private final ErrorCode[] prefix;

    public SourceInput(InputStream in, String party, ErrorCode... prefix) {
        super(in);
        this.party = party;
        this.prefix = Arrays.copyOf(prefix, prefix.length);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private XRoadException failed(IOException e) {
        return new XRoadException(ErrorCode.IO_ERROR, "reading from " + party + " failed: " + e.getMessage(), e)
                .withPrefix(prefix);
    }
}
