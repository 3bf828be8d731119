package org.sild.core.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.globalconf.Faults.assertFault;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sild.core.fault.ErrorCode;

class ConfigurationAnchorTest {

    private static final EncodedCertificate CERT = EncodedCertificate.of(TestCerts.selfSigned(TestCerts.RSA, "anchor"));

    @Test
    void writesAndReadsBack() {
        var anchor = new ConfigurationAnchor(Optional.of(Instant.parse("2025-11-05T22:10:45.770Z")), "DEV", List.of(
                new ConfigurationSource("http://cs/internalconf", List.of(CERT)),
                new ConfigurationSource("https://cs2/internalconf", List.of(CERT, new EncodedCertificate(new byte[] {1, 2})))));
        byte[] xml = anchor.toXml();
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).contains("<tns:configurationAnchor xmlns:tns=\"http://x-road.eu/xsd/xroad.xsd\"")
                .contains("\n    <instanceIdentifier>DEV</instanceIdentifier>")
                .contains("<generatedAt>2025-11-05T22:10:45.770Z</generatedAt>");
        ConfigurationAnchor read = ConfigurationAnchor.parse(xml);
        assertThat(read).isEqualTo(anchor);
        // A placeholder that is no certificate is kept but never offered for verification.
        assertThat(read.verificationCerts()).hasSize(1);
        assertThat(read.sources().get(1).verificationCerts().get(1).certificate()).isEmpty();
    }

    @Test
    void fileHashIsUpperCaseSha224WithColons() {
        assertThat(ConfigurationAnchor.fileHash("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("23:09:7D:22:34:05:D8:22:86:42:A4:77:BD:A2:55:B3:2A:AD:BC:E4:BD:A0:B3:F7:E3:6C:9D:A7");
    }

    @Test
    void prefixedRootAndWhitespaceInCertificatesAreFine() {
        String b64 = CERT.base64();
        String xml = "<?xml version=\"1.0\"?>\n<a:configurationAnchor xmlns:a=\"http://x-road.eu/xsd/xroad.xsd\">"
                + "<!-- comment --><instanceIdentifier> EE </instanceIdentifier><source>"
                + "<downloadURL>http://x/conf</downloadURL><verificationCert>\n  " + b64.substring(0, 40) + "\n  "
                + b64.substring(40) + "\n</verificationCert></source></a:configurationAnchor>";
        var anchor = ConfigurationAnchor.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(anchor.instanceIdentifier()).isEqualTo("EE");
        assertThat(anchor.generatedAt()).isEmpty();
        assertThat(anchor.verificationCerts()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not xml",
        "<configurationAnchor><instanceIdentifier>EE</instanceIdentifier></configurationAnchor>",
        "<t:configurationAnchor xmlns:t='http://x-road.eu/xsd/xroad.xsd'><instanceIdentifier>EE</instanceIdentifier></t:configurationAnchor>",
        "<t:configurationAnchor xmlns:t='http://x-road.eu/xsd/xroad.xsd'><instanceIdentifier>EE</instanceIdentifier>"
            + "<source><downloadURL>u</downloadURL></source></t:configurationAnchor>",
        "<t:configurationAnchor xmlns:t='http://x-road.eu/xsd/xroad.xsd'><t:instanceIdentifier>EE</t:instanceIdentifier>"
            + "</t:configurationAnchor>",
        "<t:configurationAnchor xmlns:t='http://x-road.eu/xsd/xroad.xsd'><instanceIdentifier>EE</instanceIdentifier>"
            + "<source><downloadURL>u</downloadURL><verificationCert>***</verificationCert></source></t:configurationAnchor>",
        "<t:configurationAnchor xmlns:t='http://x-road.eu/xsd/xroad.xsd'><instanceIdentifier>EE</instanceIdentifier>"
            + "<source><downloadURL>u</downloadURL><verificationCert>AA==</verificationCert></source><extra/>"
            + "</t:configurationAnchor>",
        "<!DOCTYPE x [<!ENTITY e 'EE'>]><t:configurationAnchor xmlns:t='http://x-road.eu/xsd/xroad.xsd'>"
            + "<instanceIdentifier>&e;</instanceIdentifier></t:configurationAnchor>",
        "<t:configurationAnchor xmlns:t='http://x-road.eu/xsd/xroad.xsd'><generatedAt>yesterday</generatedAt>"
            + "<instanceIdentifier>EE</instanceIdentifier></t:configurationAnchor>"})
    void malformedAnchors(String xml) {
        assertFault(() -> ConfigurationAnchor.parse(xml.getBytes(StandardCharsets.UTF_8)), ErrorCode.MALFORMED_ANCHOR);
    }

    @Test
    void errorsNameTheElement() {
        String xml = "<t:configurationAnchor xmlns:t='http://x-road.eu/xsd/xroad.xsd'><instanceIdentifier>EE</instanceIdentifier>"
                + "<source><downloadURL>u</downloadURL></source></t:configurationAnchor>";
        assertFault(() -> ConfigurationAnchor.parse(xml.getBytes(StandardCharsets.UTF_8)), ErrorCode.MALFORMED_ANCHOR)
                .hasMessageContaining("missing <verificationCert> in configurationAnchor/source[1]");
    }
}
