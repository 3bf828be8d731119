package org.sild.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.e2e.TwoServers.API;
import static org.sild.e2e.TwoServers.APP;
import static org.sild.e2e.TwoServers.PERSONS;
import static org.sild.e2e.TwoServers.SS1;
import static org.sild.e2e.TwoServers.SS2;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;

/**
 * The Prometheus endpoint ({@code /metrics} on the admin port) after traffic: exchanges by leg and
 * result, the store's pool, signing batches, the own certificates' OCSP state, time-stamping and the
 * global configuration's remaining validity, exchanges by client and service, operational monitoring's
 * buffer (issue 6, acceptance 7).
 */
class MetricsTest {

    private static final MemberId UNREGISTERED = new MemberId("E2E", "GOV", "9999");

    @Test
    void aScrapeAfterTrafficShowsTheExchangeSignerStoreOcspTimeStampingAndConfigurationMetrics() throws Exception {
        try (TestNetwork net = TwoServers.builder().start()) {
            TwoServers.servePersons(net);
            IsClient client = net.client(SS1);
            for (int i = 0; i < 3; i++) {
                assertThat(client.send(client.rest(APP, "GET", PERSONS, "/" + i)).status()).isEqualTo(200);
            }
            net.server(SS1).timestamper().stampPending();

            String ss1 = scrape(net, SS1);
            assertThat(ss1).contains(
                    "sild_proxy_exchanges_seconds_count{client=\"E2E/GOV/1001/app\",leg=\"consumerToProxy\","
                            + "protocol=\"rest\",result=\"success\",service=\"E2E/COM/2002/api/persons\"} 3",
                    "sild_opmonitor_records_dropped_total 0",
                    "sild_opmonitor_records_queued",
                    "sild_opmonitor_records_stored_total",
                    "hikaricp_connections_active{pool=\"securityserver\"}",
                    "sild_signer_ocsp_certificates{state=\"fresh\"}",
                    "sild_signer_ocsp_certificates{state=\"stale\"} 0",
                    "sild_messagelog_timestamp_pending",
                    "sild_globalconf_expires_in_seconds");
            assertThat(count(ss1, "sild_signer_batch_size_sum")).as("requests signed on ss1").isEqualTo(3);
            assertThat(count(ss1, "sild_messagelog_timestamp_stamped_total"))
                    .as("request and response records stamped on ss1").isEqualTo(6);
            assertThat(count(ss1, "sild_globalconf_expires_in_seconds")).isPositive();

            // Faults by client and service; a client unknown to global configuration is "other".
            assertThat(client.send(client.rest(UNREGISTERED, "GET", PERSONS, "/x")).status()).isEqualTo(500);
            assertThat(client.send(client.rest(APP, "GET", new ServiceId(API, "nothing"), "/x")).status())
                    .isEqualTo(500);
            assertThat(scrape(net, SS1)).contains(
                    "sild_proxy_exchanges_seconds_count{client=\"other\",leg=\"consumerToProxy\",protocol=\"rest\","
                            + "result=\"fault\",service=\"E2E/COM/2002/api/persons\"} 1",
                    "sild_proxy_exchanges_seconds_count{client=\"E2E/GOV/1001/app\",leg=\"consumerToProxy\","
                            + "protocol=\"rest\",result=\"fault\",service=\"E2E/COM/2002/api/nothing\"} 1");

            String ss2 = scrape(net, SS2);
            assertThat(ss2).contains(
                    "sild_proxy_exchanges_seconds_count{client=\"E2E/GOV/1001/app\",leg=\"proxyToProxy\","
                            + "protocol=\"rest\",result=\"success\",service=\"E2E/COM/2002/api/persons\"} 3",
                    "sild_proxy_exchanges_seconds_count{client=\"E2E/GOV/1001/app\",leg=\"proxyToProxy\","
                            + "protocol=\"rest\",result=\"fault\",service=\"E2E/COM/2002/api/nothing\"} 1",
                    "sild_proxy_exchanges_seconds_sum{client=\"E2E/GOV/1001/app\"");
        }
    }

    private static String scrape(TestNetwork net, SecurityServerId id) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + net.server(id).adminPort() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the first sample of {@code metric} (without labels, or with any). */
    private static double count(String scrape, String metric) {
        return scrape.lines().filter(l -> l.startsWith(metric + " ") || l.startsWith(metric + "{"))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(metric + " not in the scrape"));
    }
}
