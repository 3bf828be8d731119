package org.sild.core.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.globalconf.Faults.assertFault;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.fault.ErrorCode;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;

class SharedParametersTest {

    static final X509Certificate CA = TestCerts.selfSigned(TestCerts.RSA, "Test CA");
    static final X509Certificate OCSP = TestCerts.issue(TestCerts.RSA_OTHER, "OCSP", TestCerts.RSA, "Test CA");
    static final X509Certificate TSA = TestCerts.selfSigned(TestCerts.EC, "TSA");
    static final MemberId GOV = new MemberId("EE", "GOV", "123");
    static final MemberId COM = new MemberId("EE", "COM", "456");

    /** Shared parameters using every element of version 6. */
    static SharedParameters sample() {
        var responder = new ApprovedCa.OcspResponder("http://ocsp", Optional.of(OCSP), Optional.of(CostType.FREE));
        var acme = new ApprovedCa.AcmeServer("http://acme/dir", Optional.of("10.0.0.1"), Optional.of("auth"), Optional.empty());
        return SharedParameters.builder("EE")
                .source(new CentralServerSource("cs", List.of(EncodedCertificate.of(CA)), List.of(EncodedCertificate.of(TSA))))
                .approvedCa(new ApprovedCa("Test CA", Optional.of(false), new ApprovedCa.CaInfo(CA, List.of(responder)),
                        List.of(new ApprovedCa.CaInfo(OCSP, List.of())), "ee.ria.xroad.common.certificateprofile.impl.X",
                        Optional.of(ApprovedCa.CsrFormat.DER), Optional.of(acme)))
                .approvedTsa(new ApprovedTsa("TSA", "http://tsa", TSA, Optional.of(CostType.PAID)))
                .member(new Member(GOV, "Government", "Agency & Co <one>",
                        List.of(new Member.Subsystem(GOV.subsystem("sub"), Optional.of("Sub system")),
                                new Member.Subsystem(GOV.subsystem("other"), Optional.empty()))))
                .member(new Member(COM, "Commercial", "Company", List.of()))
                .securityServer(new SecurityServer(new SecurityServerId(GOV, "ss1"), Optional.of("ss1.example"),
                        List.of(DigestAlgorithm.SHA256.base64Digest(Certificates.encoded(OCSP))),
                        List.of(GOV.subsystem("sub"), COM), Optional.of(new SecurityServer.MaintenanceMode(Optional.of("down")))))
                .securityServer(new SecurityServer(new SecurityServerId(COM, "ss2"), Optional.empty(), List.of(),
                        List.of(GOV.subsystem("sub")), Optional.of(new SecurityServer.MaintenanceMode(Optional.empty()))))
                .globalGroup(new GlobalGroup(new GlobalGroupId("EE", "owners"), "Owners", List.of(GOV, COM.subsystem("x"))))
                .globalSettings(new GlobalSettings(List.of(new MemberClass("GOV", "Government"),
                        new MemberClass("COM", "Commercial")), 600))
                .build();
    }

    @Test
    void writesVersion6AndReadsBack() {
        SharedParameters p = sample();
        byte[] xml = p.toXml();
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).contains("<member id=\"id0\">").contains("<subsystem id=\"id1\">")
                .contains("<member id=\"id3\">").contains("<owner>id0</owner>").contains("<client>id1</client>")
                .contains("<client>id3</client>").contains("<groupMember id:objectType=\"SUBSYSTEM\">")
                .contains("Agency &amp; Co &lt;one").contains("<inMaintenanceMode>");
        assertThat(SharedParameters.parse(xml, 6)).isEqualTo(p);
        assertThat(p.internalVerificationCerts()).containsExactly(CA);
        assertThat(p.externalVerificationCerts()).containsExactly(TSA);
        assertThat(p.authCertHashAlgorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThat(SharedParameters.parse(xml, 2).authCertHashAlgorithm()).isEqualTo(DigestAlgorithm.SHA1);
    }

    @Test
    void legacyCentralServicesAndExtensionsAreSkipped() {
        String xml = minimal("<centralService><serviceCode>c</serviceCode><implementingService id:objectType='SERVICE'>"
                + "<id:xRoadInstance>EE</id:xRoadInstance></implementingService></centralService>",
                "<ext:future xmlns:ext='urn:x'><ext:a/>text</ext:future><other/>");
        SharedParameters p = SharedParameters.parse(xml.getBytes(StandardCharsets.UTF_8), 3);
        assertThat(p.globalSettings().ocspFreshnessSeconds()).isEqualTo(3600);
        assertThat(p.members()).isEmpty();
    }

    @Test
    void brokenReferencesAndStructure() {
        String member = "<member id='m'><memberClass><code>GOV</code><description>d</description></memberClass>"
                + "<memberCode>1</memberCode><name>n</name><subsystem id='s'><subsystemCode>sub</subsystemCode></subsystem></member>";
        assertMalformed(minimal(member + "<securityServer><owner>x</owner><serverCode>ss</serverCode></securityServer>", ""),
                "<owner> 'x' in conf/securityServer[1] refers to no member or subsystem");
        assertMalformed(minimal(member + "<securityServer><owner>s</owner><serverCode>ss</serverCode></securityServer>", ""),
                "refers to subsystem");
        assertMalformed(minimal(member + "<securityServer><owner>m</owner><serverCode>ss</serverCode><client>q</client>"
                + "</securityServer>", ""), "<client> 'q'");
        assertMalformed(minimal(member + member.replace("<code>GOV", "<code>COM"), ""), "id 'm' is used twice");
        assertMalformed(minimal(member.replace("<name>n</name>", ""), ""), "expected <name> in conf/member[1]");
        assertMalformed(minimal(member.replace("<memberCode>1</memberCode>", "<memberCode>1&#9;2</memberCode>"), ""),
                "conf/member[1]");
        assertMalformed(minimal("<approvedTSA><name>t</name><url>u</url><cert>AAAA</cert></approvedTSA>", ""),
                "<cert> in conf/approvedTSA[1] is not an X.509 certificate");
        assertMalformed(minimal("<approvedTSA><name>t</name><url>u</url><cert>" + Certificates.base64(Certificates.encoded(TSA))
                + "</cert><costType>EXPENSIVE</costType></approvedTSA>", ""), "EXPENSIVE");
        assertMalformed(minimal("<globalGroup><groupCode>g</groupCode><description>d</description>"
                + "<groupMember id:objectType='SERVICE'><id:xRoadInstance>EE</id:xRoadInstance></groupMember></globalGroup>", ""),
                "SERVICE");
        assertMalformed(minimal("<globalGroup><groupCode>g</groupCode><description>d</description>"
                + "<groupMember id:objectType='SUBSYSTEM'><id:xRoadInstance>EE</id:xRoadInstance><id:memberClass>C</id:memberClass>"
                + "<id:memberCode>1</id:memberCode></groupMember></globalGroup>", ""), "without <id:subsystemCode>");
        assertMalformed(minimal("", "").replace("<globalSettings><ocspFreshnessSeconds>3600</ocspFreshnessSeconds>"
                + "</globalSettings>", ""), "missing <globalSettings> in conf");
        assertMalformed(minimal("", "").replace(">3600<", ">soon<"), "ocspFreshnessSeconds");
        assertMalformed("<conf/>", "root element");
        assertFault(() -> SharedParameters.parse(minimal("", "").getBytes(StandardCharsets.UTF_8), 1),
                ErrorCode.MALFORMED_GLOBAL_CONF);
    }

    @Test
    void groupMemberTypedMemberButWithSubsystemCodeIsThatSubsystem() {
        String xml = minimal("<globalGroup><groupCode>g</groupCode><description>d</description>"
                + "<groupMember id:objectType='MEMBER'><id:xRoadInstance>EE</id:xRoadInstance><id:memberClass>C</id:memberClass>"
                + "<id:memberCode>1</id:memberCode><id:subsystemCode>s</id:subsystemCode></groupMember></globalGroup>", "");
        var group = SharedParameters.parse(xml.getBytes(StandardCharsets.UTF_8), 2).globalGroups().get(0);
        assertThat(group.members()).containsExactly(new MemberId("EE", "C", "1").subsystem("s"));
    }

    @Test
    void writerRefusesServersReferringToUnknownClients() {
        var p = SharedParameters.builder("EE").securityServer(new SecurityServer(new SecurityServerId(GOV, "ss"),
                Optional.empty(), List.of(), List.of(), Optional.empty())).build();
        assertFault(p::toXml, ErrorCode.MALFORMED_GLOBAL_CONF).hasMessageContaining(GOV.toString());
    }

    static String minimal(String entries, String extensions) {
        return "<tns:conf xmlns:tns='http://x-road.eu/xsd/xroad.xsd' xmlns:id='http://x-road.eu/xsd/identifiers'>"
                + "<instanceIdentifier>EE</instanceIdentifier>" + entries
                + "<globalSettings><ocspFreshnessSeconds>3600</ocspFreshnessSeconds></globalSettings>" + extensions
                + "</tns:conf>";
    }

    private static void assertMalformed(String xml, String messagePart) {
        assertFault(() -> SharedParameters.parse(xml.getBytes(StandardCharsets.UTF_8), 6), ErrorCode.MALFORMED_GLOBAL_CONF)
                .hasMessageContaining(messagePart);
    }
}
