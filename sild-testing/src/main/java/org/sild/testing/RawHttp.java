package org.sild.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 connection driven by hand, for tests of what a server does with the connection
 * itself (keep-alive, closing, requests whose body arrives late). Text is sent as ISO-8859-1.
 * Not thread-safe, except that {@link #sendLater} may write while the test reads.
 */
public final class RawHttp implements AutoCloseable {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length: *(\\d+)$");

    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    /** Connects to {@code uri}'s host and port; reads wait at most {@code timeout}. */
    public static RawHttp connect(URI uri, Duration timeout) {
        try {
            var socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout((int) timeout.toMillis());
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} now. */
    public RawHttp send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} from another thread, as a body that arrives after the server has started to answer. */
    public void sendLater(String text) {
        Thread.ofVirtual().start(() -> send(text));
    }

    /**
     * The status line and header lines of the next answer, one per line, its body (by
     * {@code Content-Length}) skipped; empty when the server has closed the connection.
     */
    public String nextAnswerHead() {
        try {
            var head = new StringBuilder();
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                head.append(line).append('\n');
            }
            var length = CONTENT_LENGTH.matcher(head);
            if (length.find()) {
                in.skip(Long.parseLong(length.group(1)));
            }
            return head.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
