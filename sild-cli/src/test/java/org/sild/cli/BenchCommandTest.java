package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        var connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                boolean ok = Request.getPathInContext(request).equals("/ok")
                        && "v".equals(request.getHeaders().get("X-Test"));
                response.setStatus(ok ? 200 : 500);
                response.write(true, ByteBuffer.wrap("done".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void reportsThroughputAndPercentiles() {
        var r = CliRunner.run("bench", "-c", "4", "-d", "300ms", "-w", "0s", "-H", "X-Test: v", base + "/ok");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("clients:     4", "throughput:", "latency ms:  p50").containsPattern(
                "requests:    [1-9][0-9]* ok, 0 failed");
    }

    @Test
    void countsFailuresAndExitsOneWhenNothingSucceeded() {
        var r = CliRunner.run("bench", "-c", "2", "-d", "200ms", "-w", "0s", base + "/fail");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).containsPattern("requests:    0 ok, [1-9][0-9]* failed \\(last: HTTP 500\\)");
    }

    @Test
    void percentilesOfKnownLatencies() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = (i + 1) * 1_000_000L;
        }
        assertThat(BenchCommand.Stats.percentile(sorted, 50)).isEqualTo(50.0);
        assertThat(BenchCommand.Stats.percentile(sorted, 99)).isEqualTo(99.0);
        assertThat(BenchCommand.Stats.percentile(new long[0], 99)).isZero();
    }
}
