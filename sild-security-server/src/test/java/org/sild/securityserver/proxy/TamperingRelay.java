package org.sild.securityserver.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.sild.runtime.tls.TlsProfile;

/**
 * A man in the middle between two security servers that holds both their TLS keys (the worst case:
 * TLS is broken) and flips one byte of the plain HTTP stream, once, a given number of bytes after a
 * marker. It shows that the signature, not TLS, protects every part of a message.
 *
 * <p>Accepts connections on its own thread; each connection is relayed to the target on two virtual
 * threads. Close it to stop.
 */
public final class TamperingRelay implements AutoCloseable {

    /** Which way the byte is flipped. */
    public enum Direction { REQUEST, RESPONSE }

    private final SSLServerSocket server;
    private final SSLContext clientSide;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Optional<Tamper> tamper = Optional.empty();

    private record Tamper(Direction direction, byte[] marker, int skip, AtomicBoolean done) {
    }

    /**
     * A relay presenting {@code serverSide}'s key to the consumer and {@code clientSide}'s to the
     * provider at {@code targetPort}.
     */
    public TamperingRelay(SSLContext serverSide, SSLContext clientSide, int targetPort) throws IOException {
        this.server = (SSLServerSocket) serverSide.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        SSLParameters params = TlsProfile.X_ROAD.applyTo(server.getSSLParameters());
        params.setNeedClientAuth(true);
        server.setSSLParameters(params);
        this.clientSide = clientSide;
        this.targetPort = targetPort;
        Thread.ofVirtual().name("relay-accept").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Flips the byte {@code skip} bytes after the next {@code marker} going {@code direction}. */
    public void tamper(Direction direction, String marker, int skip) {
        tamper = Optional.of(new Tamper(direction, marker.getBytes(StandardCharsets.ISO_8859_1), skip, new AtomicBoolean()));
    }

    /** Whether the last tamper instruction was carried out. */
    public boolean tampered() {
        return tamper.map(t -> t.done().get()).orElse(false);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket consumer = server.accept();
                SSLSocket provider = (SSLSocket) clientSide.getSocketFactory().createSocket(
                        InetAddress.getLoopbackAddress(), targetPort);
                provider.setSSLParameters(TlsProfile.X_ROAD.applyTo(provider.getSSLParameters()));
                sockets.add(consumer);
                sockets.add(provider);
                Thread.ofVirtual().start(() -> pump(consumer, provider, Direction.REQUEST));
                Thread.ofVirtual().start(() -> pump(provider, consumer, Direction.RESPONSE));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, Direction direction) {
        var seen = new ByteArrayOutputStream();
        int flipAt = -1;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            int forwarded = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                seen.write(buffer, 0, n);
                Optional<Tamper> t = tamper.filter(x -> x.direction() == direction && !x.done().get());
                if (t.isPresent() && flipAt < 0) {
                    int i = indexOf(seen.toByteArray(), t.get().marker(), Math.max(0, forwarded - t.get().marker().length));
                    if (i >= 0) {
                        flipAt = i + t.get().marker().length + t.get().skip();
                    }
                }
                if (t.isPresent() && flipAt >= forwarded && flipAt < forwarded + n) {
                    buffer[flipAt - forwarded] ^= 0x01;
                    t.get().done().set(true);
                    flipAt = -1;
                }
                out.write(buffer, 0, n);
                out.flush();
                forwarded += n;
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static int indexOf(byte[] data, byte[] marker, int from) {
        outer:
        for (int i = from; i <= data.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
