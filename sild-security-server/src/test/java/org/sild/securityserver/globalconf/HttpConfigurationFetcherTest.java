package org.sild.securityserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class HttpConfigurationFetcherTest {

    private static final Handler BODY = new Handler.Abstract() {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (Request.getPathInContext(request).equals("/redirect")) {
                response.setStatus(302);
                response.getHeaders().put("Location", "/body");
                callback.succeeded();
                return true;
            }
            if (!Request.getPathInContext(request).equals("/body")) {
                return false;
            }
            response.setStatus(200);
            response.write(true, ByteBuffer.wrap(new byte[1000]), callback);
            return true;
        }
    };

    @Test
    void answersStatusAndBodyWithoutFollowingRedirects() {
        try (var server = TestServer.serving(BODY); var fetcher = HttpConfigurationFetcher.create()) {
            var ok = fetcher.get(server.uri("/body"), 1000);
            assertThat(ok.ok()).isTrue();
            assertThat(ok.body()).hasSize(1000);
            assertThat(fetcher.get(server.uri("/missing"), 1000).notFound()).isTrue();
            assertThat(fetcher.get(server.uri("/redirect"), 1000).status()).isEqualTo(302);
        }
    }

    @Test
    void aBodyLargerThanAllowedIsAnIoError() {
        try (var server = TestServer.serving(BODY); var fetcher = HttpConfigurationFetcher.create()) {
            assertThatThrownBy(() -> fetcher.get(server.uri("/body"), 999)).isInstanceOf(XRoadException.class)
                    .satisfies(e -> assertThat(((XRoadException) e).code()).isEqualTo(FaultCode.of(ErrorCode.IO_ERROR)));
        }
    }

    @Test
    void noConnectionAndOtherSchemesAreIoErrors() {
        int port;
        try (var server = TestServer.open()) {
            port = server.port();
        }
        try (var fetcher = HttpConfigurationFetcher.builder().connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2)).tlsCertificateVerification(false).build()) {
            assertThatThrownBy(() -> fetcher.get(URI.create("http://127.0.0.1:" + port + "/x"), 10))
                    .satisfies(e -> assertThat(((XRoadException) e).code()).isEqualTo(FaultCode.of(ErrorCode.IO_ERROR)))
                    .hasMessageContaining("127.0.0.1:" + port);
            assertThatThrownBy(() -> fetcher.get(URI.create("file:///etc/passwd"), 10))
                    .hasMessageContaining("not an http or https URL");
        }
    }

    @Test
    void aSilentServerTimesOut() {
        Handler silent = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Thread.sleep(3000);
                callback.succeeded();
                return true;
            }
        };
        try (var server = TestServer.serving(silent); var fetcher = HttpConfigurationFetcher.builder()
                .readTimeout(Duration.ofMillis(300)).build()) {
            assertThatThrownBy(() -> fetcher.get(server.uri("/slow"), 10))
                    .satisfies(e -> assertThat(((XRoadException) e).code()).isEqualTo(FaultCode.of(ErrorCode.IO_ERROR)));
        }
    }
}
