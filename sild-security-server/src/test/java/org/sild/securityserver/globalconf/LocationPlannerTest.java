package org.sild.securityserver.globalconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sild.core.globalconf.CentralServerSource;
import org.sild.core.globalconf.ConfigurationSource;
import org.sild.core.globalconf.EncodedCertificate;

class LocationPlannerTest {

    private static final X509Certificate ANCHOR_CERT = Fixtures.INTERNAL_KEY.certificate();
    private static final X509Certificate ROTATED_CERT = Fixtures.ROTATED_KEY.certificate();
    private static final X509Certificate EXTERNAL_CERT = Fixtures.EXTERNAL_KEY.certificate();

    private static ConfigurationSource source(String url) {
        return new ConfigurationSource(url, List.of(EncodedCertificate.of(ANCHOR_CERT)));
    }

    @Test
    void httpsCandidatesComeFirstThenHttpEachShuffled() {
        var planner = new LocationPlanner(new Random(1));
        var plan = planner.plan("DEV", List.of(source("http://a/internalconf"), source("http://b/internalconf")),
                List.of(), List.of(), true);

        assertThat(plan).extracting(l -> l.url().getScheme()).containsExactly("https", "https", "http", "http");
        assertThat(plan).extracting(l -> l.url().getHost()).containsExactlyInAnyOrder("a", "b", "a", "b");
        assertThat(plan).allSatisfy(l -> assertThat(l.verificationCerts()).containsExactly(ANCHOR_CERT));
        var orders = new java.util.HashSet<List<URI>>();
        for (int seed = 0; seed < 20; seed++) {
            orders.add(new LocationPlanner(new Random(seed)).plan("DEV", List.of(source("http://a/internalconf"),
                    source("http://b/internalconf")), List.of(), List.of(), true).stream()
                    .map(DownloadLocation::url).toList());
        }
        assertThat(orders).as("shuffled").hasSizeGreaterThan(1);
    }

    @Test
    void anHttpsSourceBesideItsHttpFormIsTriedOnce() {
        var plan = new LocationPlanner(new Random(1)).plan("DEV",
                List.of(source("http://cs/internalconf"), source("https://cs/internalconf")), List.of(), List.of(), true);

        assertThat(plan).extracting(l -> l.url().toString())
                .containsExactly("https://cs/internalconf", "http://cs/internalconf");
    }

    @Test
    void sharedParameterSourcesComeFirstWithTheirOwnCertificates() {
        var shared = new CentralServerSource("cs2:8443", List.of(EncodedCertificate.of(ROTATED_CERT)),
                List.of(EncodedCertificate.of(EXTERNAL_CERT)));
        var plan = new LocationPlanner(new Random(1)).plan("DEV", List.of(source("http://cs/internalconf")),
                List.of(shared), List.of(ROTATED_CERT), true);

        assertThat(plan).extracting(l -> l.url().toString()).containsExactly("https://cs2:8443/internalconf",
                "http://cs2:8443/internalconf", "https://cs/internalconf", "http://cs/internalconf");
        assertThat(plan.get(0).verificationCerts()).containsExactly(ROTATED_CERT);
        assertThat(plan.get(2).verificationCerts()).containsExactly(ANCHOR_CERT, ROTATED_CERT);

        var external = new LocationPlanner(new Random(1)).plan("EE", List.of(source("http://ee/externalconf")),
                List.of(shared), List.of(), false);
        assertThat(external.get(0).url()).isEqualTo(URI.create("https://cs2:8443/externalconf"));
        assertThat(external.get(0).verificationCerts()).containsExactly(EXTERNAL_CERT);
    }

    @Test
    void aConfigurationProxyAnchorKeepsItsWholePathForTheSharedSources() {
        var proxy = new CentralServerSource("proxy2", List.of(EncodedCertificate.of(ROTATED_CERT)), List.of());
        var plan = new LocationPlanner(new Random(1)).plan("DEV", List.of(source("http://proxy/DEV/conf")),
                List.of(proxy), List.of(), true);

        assertThat(plan).extracting(l -> l.url().toString()).startsWith("https://proxy2/DEV/conf",
                "http://proxy2/DEV/conf");
    }

    @Test
    void theLastSuccessfulLocationIsTriedFirstUntilItFails() {
        var planner = new LocationPlanner(new Random(1));
        var sources = List.of(source("http://a/internalconf"), source("http://b/internalconf"));
        URI http = URI.create("http://b/internalconf");

        planner.succeeded("DEV", http);
        assertThat(planner.plan("DEV", sources, List.of(), List.of(), true).getFirst().url()).isEqualTo(http);
        assertThat(planner.plan("EE", sources, List.of(), List.of(), true).getFirst().url().getScheme())
                .isEqualTo("https");

        planner.failed("DEV", http);
        assertThat(planner.plan("DEV", sources, List.of(), List.of(), true).getFirst().url().getScheme())
                .isEqualTo("https");
    }

    @Test
    void unusableUrlsAndSourcesWithoutCertificatesAreLeftOut() {
        var noCerts = new CentralServerSource("cs3", List.of(), List.of());
        var plan = new LocationPlanner(new Random(1)).plan("DEV",
                List.of(source("ftp://cs/internalconf"), source("not a url"), source("http://ok/internalconf")),
                List.of(noCerts), List.of(), true);

        assertThat(plan).extracting(l -> l.url().getHost()).containsExactly("ok", "ok");
    }
}
