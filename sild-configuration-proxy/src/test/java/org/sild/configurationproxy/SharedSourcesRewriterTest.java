package org.sild.configurationproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.EncodedCertificate;
import org.sild.core.globalconf.SharedParameters;

class SharedSourcesRewriterTest {

    private static final String CERT = EncodedCertificate.of(Fixtures.DEV_KEY.certificate()).base64();

    private static String shared(String sources, String extension) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<tns:conf xmlns:tns=\"http://x-road.eu/xsd/xroad.xsd\" xmlns:id=\"http://x-road.eu/xsd/identifiers\">\n"
                + "  <instanceIdentifier>DEV</instanceIdentifier>\n" + sources
                + "  <globalSettings>\n    <ocspFreshnessSeconds>600</ocspFreshnessSeconds>\n  </globalSettings>\n"
                + extension + "</tns:conf>\n";
    }

    private static String source(String address) {
        return "  <source>\n    <address>" + address + "</address>\n    <internalVerificationCert>" + CERT
                + "</internalVerificationCert>\n    <externalVerificationCert>" + CERT
                + "</externalVerificationCert>\n  </source>\n";
    }

    @Test
    void everySourceIsReplacedByTheProxyAndExtensionsSurvive() {
        String original = shared(source("cs1.example.org") + source("cs2.example.org"),
                "  <ext:future xmlns:ext=\"urn:example\"><ext:value>kept</ext:value></ext:future>\n");

        byte[] rewritten = SharedSourcesRewriter.rewrite(original.getBytes(StandardCharsets.UTF_8), 6,
                "proxy.example.org:8190", List.of(Fixtures.FED_KEY.certificate(), Fixtures.STRANGER_KEY.certificate()));

        SharedParameters parsed = SharedParameters.parse(rewritten, 6);
        assertThat(parsed.sources()).singleElement().satisfies(s -> {
            assertThat(s.address()).isEqualTo("proxy.example.org:8190");
            assertThat(s.internalVerificationCerts()).extracting(c -> c.certificate().orElseThrow())
                    .containsExactly(Fixtures.FED_KEY.certificate(), Fixtures.STRANGER_KEY.certificate());
            assertThat(s.externalVerificationCerts()).hasSize(2);
        });
        assertThat(parsed.globalSettings().ocspFreshnessSeconds()).isEqualTo(600);
        String text = new String(rewritten, StandardCharsets.UTF_8);
        assertThat(text).contains("<ext:value>kept</ext:value>").doesNotContain("cs1.example.org", "cs2.example.org");
        assertThat(text.indexOf("<source>")).isGreaterThan(text.indexOf("</instanceIdentifier>"))
                .isLessThan(text.indexOf("<globalSettings>"));
    }

    @Test
    void aSourceIsAddedWhenThereWasNone() {
        byte[] rewritten = SharedSourcesRewriter.rewrite(shared("", "").getBytes(StandardCharsets.UTF_8), 3,
                "proxy:1", List.of(Fixtures.FED_KEY.certificate()));

        assertThat(SharedParameters.parse(rewritten, 3).sources()).singleElement()
                .satisfies(s -> assertThat(s.address()).isEqualTo("proxy:1"));
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> SharedSourcesRewriter.rewrite("<conf><x/></conf>".getBytes(StandardCharsets.UTF_8), 6,
                "proxy:1", List.of())).isInstanceOf(XRoadException.class)
                .satisfies(e -> assertThat(((XRoadException) e).code()).isEqualTo(FaultCode.of(ErrorCode.MALFORMED_GLOBAL_CONF)));
        assertThatThrownBy(() -> SharedSourcesRewriter.rewrite("<!DOCTYPE x [<!ENTITY e \"e\">]><conf/>"
                .getBytes(StandardCharsets.UTF_8), 6, "proxy:1", List.of())).isInstanceOf(XRoadException.class)
                .hasMessageContaining("not well-formed");
    }
}
