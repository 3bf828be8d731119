package org.sild.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.runtime.http.HttpClients;
import org.sild.runtime.http.HttpServer;
import org.sild.runtime.http.ManagedHttpClient;
import org.sild.runtime.json.Json;
import org.sild.runtime.store.Store;
import org.sild.runtime.store.StoreConfig;
import org.sild.testing.TestDatabase;
import org.sild.testing.TestDatabases;

class HealthTest {

    @Test
    void upWhenEveryCheckIsUpAndServedAsJson() throws Exception {
        try (TestDatabase db = TestDatabases.H2.open()) {
            Store store = Store.builder().config(StoreConfig.of(db.url(), db.user(), db.password())).open();
            Health health = Health.builder()
                    .check("store", HealthCheck.store(store, Duration.ofSeconds(2)))
                    .check("globalconf", () -> HealthStatus.up("fresh"))
                    .build();
            try (HttpServer server = HttpServer.builder().handler(health.handler()).build().start();
                 ManagedHttpClient client = HttpClients.builder().build()) {
                ContentResponse response = client.GET(server.uri().resolve(Health.PATH));
                assertThat(response.getStatus()).isEqualTo(200);
                assertThat(response.getContentAsString()).isEqualTo("{\"status\":\"UP\",\"checks\":{"
                        + "\"globalconf\":{\"status\":\"UP\",\"detail\":\"fresh\"},\"store\":{\"status\":\"UP\"}}}");
                assertThat(client.GET(server.uri().resolve("/other")).getStatus()).isEqualTo(404);
            }
            store.close();
            Health.Report afterClose = health.run();
            assertThat(afterClose.up()).isFalse();
            assertThat(afterClose.checks().get("store").status()).isEqualTo("DOWN");
        }
    }

    @Test
    void failingThrowingAndSlowChecksAreDownAnd503() throws Exception {
        var never = new CountDownLatch(1);
        Health health = Health.builder()
                .timeout(Duration.ofMillis(300))
                .check("ok", HealthStatus::up)
                .check("down", () -> HealthStatus.down("disk full"))
                .check("fault", () -> {
                    throw new XRoadException(ErrorCode.OUTDATED_GLOBAL_CONF, "global configuration is outdated");
                })
                .check("bug", () -> {
                    throw new IllegalStateException("secret internals");
                })
                .check("slow", () -> {
                    never.await();
                    return HealthStatus.up();
                })
                .build();
        try (HttpServer server = HttpServer.builder().handler(health.handler()).build().start();
             ManagedHttpClient client = HttpClients.builder().build()) {
            ContentResponse response = client.GET(server.uri().resolve(Health.PATH));
            assertThat(response.getStatus()).isEqualTo(503);
            @SuppressWarnings("unchecked")
            Map<String, Object> report = Json.read(response.getContent(), Map.class);
            assertThat(report).containsEntry("status", "DOWN");
            assertThat(report.get("checks")).isEqualTo(Map.of(
                    "ok", Map.of("status", "UP"),
                    "down", Map.of("status", "DOWN", "detail", "disk full"),
                    "fault", Map.of("status", "DOWN", "detail", "global configuration is outdated"),
                    "bug", Map.of("status", "DOWN", "detail", "failed: IllegalStateException"),
                    "slow", Map.of("status", "DOWN", "detail", "timed out")));
        }
    }
}
