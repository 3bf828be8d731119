package org.sild.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on 127.0.0.1, found by binding and releasing them. A port found free can be taken
 * by someone else before it is used; callers that must know a port before binding (a security
 * server's message port and its OCSP port, which X-Road places at the message port + 77) use these,
 * everything else binds port 0. Stateless.
 */
final class FreePorts {

    /** X-Road's rule: a security server's OCSP responses are served on its message port + 77. */
    static final int OCSP_OFFSET = 77;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    /** A port {@code p} such that {@code p} and {@code p + offset} are both free now. */
    static int pair(int offset) {
        for (int i = 0; i < ATTEMPTS; i++) {
            try (ServerSocket first = bind(0)) {
                int port = first.getLocalPort();
                if (port + offset > 65535) {
                    continue;
                }
                if (isFree(port + offset)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no free port pair (p, p + " + offset + ") on 127.0.0.1 after " + ATTEMPTS
                + " attempts");
    }

    /** A port nothing listens on now (connections to it are refused). */
    static int unused() {
        try (ServerSocket socket = bind(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a free port on 127.0.0.1", e);
        }
    }

    private static boolean isFree(int port) {
        try {
            bind(port).close();
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        var socket = new ServerSocket();
        try {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
