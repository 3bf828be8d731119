package org.sild.configurationproxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.sild.runtime.confsource.ConfigurationSource;
import org.sild.runtime.confsource.InstanceDescription;
import org.sild.runtime.http.HttpServer;
import org.sild.testing.TestCa;

/**
 * A central server for the tests: a real {@link ConfigurationSource} served over real HTTP on a
 * free port, which can be made to misbehave (tamper with directories or part files, hide
 * versions, answer a different version) and to go away and come back on the same port.
 */
final class TestSource implements AutoCloseable {

    private static final Pattern VERSION = Pattern.compile("(?:^|&)version=(\\d{1,9})(?:&|$)");

    final ConfigurationSource source;
    private final int port;
    private HttpServer server;
    private volatile UnaryOperator<byte[]> directoryFilter = UnaryOperator.identity();
    private volatile UnaryOperator<byte[]> partFilter = UnaryOperator.identity();
    private volatile IntPredicate offered = v -> true;
    private volatile UnaryOperator<Integer> versionServed = UnaryOperator.identity();

    private TestSource(InstanceDescription description, TestCa key, Clock clock) {
        server = HttpServer.builder().name("test-source").host("127.0.0.1").port(0).handler(handler()).build().start();
        port = server.port();
        source = ConfigurationSource.builder().address("127.0.0.1:" + port).description(description)
                .signingKey(key.privateKey(), key.certificate()).clock(clock).random(new Random(5)).build();
    }

    static TestSource start(InstanceDescription description, TestCa key, Clock clock) {
        return new TestSource(description, key, clock);
    }

    /** Writes the source's internal anchor to {@code file}. */
    Path writeAnchor(Path file) {
        try {
            Files.write(file, source.anchorXml());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes every signed directory served (bytes as the source made them). */
    void tamperDirectories(UnaryOperator<byte[]> filter) {
        directoryFilter = filter;
    }

    /** Changes every part file served. */
    void tamperParts(UnaryOperator<byte[]> filter) {
        partFilter = filter;
    }

    /** Answers 404 for the versions {@code offered} rejects. */
    void offer(IntPredicate offered) {
        this.offered = offered;
    }

    /** Serves the directory of {@code map(version)} when asked for {@code version}. */
    void mapVersions(UnaryOperator<Integer> map) {
        versionServed = map;
    }

    /** Behaves again. */
    void behave() {
        directoryFilter = UnaryOperator.identity();
        partFilter = UnaryOperator.identity();
        offered = v -> true;
        versionServed = UnaryOperator.identity();
    }

    /** Stops serving: connections are refused. */
    void goAway() {
        server.close();
    }

    /** Serves again on the same port. */
    void comeBack() {
        server = HttpServer.builder().name("test-source").host("127.0.0.1").port(port).handler(handler()).build()
                .start();
    }

    @Override
    public void close() {
        server.close();
    }

    private Handler handler() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                Optional<byte[]> body;
                if (path.equals("/internalconf")) {
                    String query = request.getHttpURI().getQuery();
                    Matcher m = VERSION.matcher(query == null ? "" : query);
                    int version = m.find() ? Integer.parseInt(m.group(1)) : 2;
                    body = offered.test(version) ? source.directory(versionServed.apply(version), true)
                            .map(directoryFilter) : Optional.empty();
                } else {
                    body = source.file(path).map(partFilter);
                }
                if (body.isEmpty()) {
                    Response.writeError(request, response, callback, 404);
                    return true;
                }
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "application/octet-stream");
                response.write(true, ByteBuffer.wrap(body.get()), callback);
                return true;
            }
        };
    }
}
