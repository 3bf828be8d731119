package org.sild.core.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.globalconf.Faults.assertFault;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.id.MemberId;

class PrivateParametersTest {

    @Test
    void writesVersion3AndReadsBack() {
        var cert = TestCerts.selfSigned(TestCerts.RSA, "management");
        var federation = new ConfigurationAnchor(Optional.empty(), "FI",
                List.of(new ConfigurationSource("http://fi/externalconf", List.of(EncodedCertificate.of(cert)))));
        var p = new PrivateParameters(3, "EE", List.of(federation),
                new ManagementService("https://cs:4001/managementservice/", Optional.of(cert),
                        new MemberId("EE", "GOV", "1").subsystem("MANAGEMENT")), 60);
        byte[] xml = p.toXml();
        assertThat(new String(xml, StandardCharsets.UTF_8))
                .contains("<managementRequestServiceProviderId id:objectType=\"SUBSYSTEM\">");
        assertThat(PrivateParameters.parse(xml, 3)).isEqualTo(p);
    }

    @Test
    void optionalCertificateAndExtensions() {
        String xml = document("<managementService><authCertRegServiceAddress>http://mgmt</authCertRegServiceAddress>"
                + "<authCertRegServiceCert></authCertRegServiceCert>" + provider("MEMBER", "") + "</managementService>"
                + "<timeStampingIntervalSeconds>123</timeStampingIntervalSeconds><x:ext xmlns:x='urn:x'/>");
        var p = PrivateParameters.parse(xml.getBytes(StandardCharsets.UTF_8), 3);
        assertThat(p.managementService().authCertRegServiceCert()).isEmpty();
        assertThat(p.managementService().managementRequestServiceProviderId()).isEqualTo(new MemberId("EE", "GOV", "1"));
        assertThat(p.timeStampingIntervalSeconds()).isEqualTo(123);
        assertThat(p.federationAnchors()).isEmpty();
    }

    @Test
    void malformed() {
        assertMalformed(document("<timeStampingIntervalSeconds>1</timeStampingIntervalSeconds>"), "expected <managementService> in conf");
        assertMalformed(document("<managementService><authCertRegServiceAddress>a</authCertRegServiceAddress>"
                + provider("SERVICE", "") + "</managementService><timeStampingIntervalSeconds>1</timeStampingIntervalSeconds>"),
                "managementRequestServiceProviderId");
        assertMalformed(document("<managementService><authCertRegServiceAddress>a</authCertRegServiceAddress>"
                + "<authCertRegServiceCert>AAAA</authCertRegServiceCert>" + provider("MEMBER", "")
                + "</managementService><timeStampingIntervalSeconds>1</timeStampingIntervalSeconds>"),
                "not an X.509 certificate");
        assertMalformed(document("<configurationAnchor><instanceIdentifier>FI</instanceIdentifier></configurationAnchor>"),
                "missing <source> in conf/configurationAnchor[1]");
        assertMalformed(document("<managementService><authCertRegServiceAddress>a</authCertRegServiceAddress>"
                + provider("MEMBER", "") + "</managementService>"
                + "<timeStampingIntervalSeconds>99999999999</timeStampingIntervalSeconds>"), "int range");
    }

    private static String document(String body) {
        return "<tns:conf xmlns:tns='http://x-road.eu/xsd/xroad.xsd' xmlns:id='http://x-road.eu/xsd/identifiers'>"
                + "<instanceIdentifier>EE</instanceIdentifier>" + body + "</tns:conf>";
    }

    private static String provider(String type, String extra) {
        return "<managementRequestServiceProviderId id:objectType='" + type + "'><id:xRoadInstance>EE</id:xRoadInstance>"
                + "<id:memberClass>GOV</id:memberClass><id:memberCode>1</id:memberCode>" + extra
                + "</managementRequestServiceProviderId>";
    }

    private static void assertMalformed(String xml, String messagePart) {
        assertFault(() -> PrivateParameters.parse(xml.getBytes(StandardCharsets.UTF_8), 3), ErrorCode.MALFORMED_GLOBAL_CONF)
                .hasMessageContaining(messagePart);
    }
}
