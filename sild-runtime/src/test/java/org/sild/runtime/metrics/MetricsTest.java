package org.sild.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.http.ManagedHttpClient;

class MetricsTest {

    private static final Handler TEAPOT = new Handler.Abstract() {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(418);
            callback.succeeded();
            return true;
        }
    };

    @Test
    void servesJvmAndRequestMetricsInPrometheusFormat() throws Exception {
        try (Metrics metrics = Metrics.create();
             HttpServer server = HttpServer.builder()
                     .handler(new Handler.Sequence(metrics.handler(), metrics.instrument("test-api", TEAPOT)))
                     .build().start();
             ManagedHttpClient client = HttpClients.builder().build()) {
            assertThat(client.GET(server.uri().resolve("/anything")).getStatus()).isEqualTo(418);
            metrics.registry().counter("sild.test.things", "kind", "demo").increment(3);

            ContentResponse scrape = client.GET(server.uri().resolve(Metrics.PATH));
            assertThat(scrape.getStatus()).isEqualTo(200);
            assertThat(scrape.getHeaders().get("Content-Type")).startsWith("text/plain; version=0.0.4");
            assertThat(scrape.getContentAsString())
                    .contains("jvm_memory_used_bytes{")
                    .contains("jvm_threads_live_threads")
                    .contains("process_uptime_seconds")
                    .contains("http_server_requests_seconds_count{method=\"GET\",server=\"test-api\",status=\"418\"} 1")
                    .contains("sild_test_things_total{kind=\"demo\"} 3");

            ContentResponse open = client.newRequest(server.uri().resolve(Metrics.PATH))
                    .headers(h -> h.put("Accept", "application/openmetrics-text; version=1.0.0")).send();
            assertThat(open.getHeaders().get("Content-Type")).startsWith("application/openmetrics-text");
            assertThat(open.getContentAsString()).endsWith("# EOF\n");

            assertThat(client.newRequest(server.uri().resolve(Metrics.PATH)).method(HttpMethod.POST).send()
                    .getStatus()).isEqualTo(405);
            assertThat(client.newRequest(server.uri().resolve(Metrics.PATH)).method(HttpMethod.HEAD).send()
                    .getStatus()).isEqualTo(200);
        }
    }

    @Test
    void scrapeWorksWithoutAServer() {
        try (Metrics metrics = Metrics.create()) {
            assertThat(metrics.scrape()).contains("jvm_classes_loaded_classes");
        }
    }
}
