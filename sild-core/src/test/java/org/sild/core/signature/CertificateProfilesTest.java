package org.sild.core.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.signature.SignatureTestSupport.assertFault;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.id.MemberId;
import org.sild.core.id.SubsystemId;
import org.sild.testing.KeyType;

class CertificateProfilesTest {

    private static final String PKG = "ee.ria.xroad.common.certificateprofile.impl.";
    private static final SubsystemId EXPECTED = new SubsystemId("EE", "X", "Y", "sub");

    private static X509Certificate cert(String subject) {
        return TestCredentials.withSubject(KeyType.EC_P256, subject, true).certificate();
    }

    private static CertificateProfile profile(String simpleName) {
        return CertificateProfiles.standard().byClassName(PKG + simpleName).orElseThrow();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "EjbcaCertificateProfileInfoProvider     | C=EE,O=COM,CN=1234                                  | EE/COM/1234",
        "BasicCertificateProfileInfoProvider     | C=EE,O=Org,CN=Org,2.5.4.15=GOV,SERIALNUMBER=70000001 | EE/GOV/70000001",
        "BasicACMECertificateProfileInfoProvider | C=LV,O=Org,2.5.4.15=COM,SERIALNUMBER=40003,CN=40003  | EE/COM/40003",
        "FiVRKCertificateProfileInfoProvider     | C=FI,O=Test client,CN=4321,SERIALNUMBER=DEV/ss2/COM | DEV/COM/4321",
        "FiVRKCertificateProfileInfoProvider     | C=FI,O=FI-TEST,OU=GOV,CN=0245437-2                  | FI-TEST/GOV/0245437-2",
        "FiVRKCertificateProfileInfoProvider     | C=FI,O=COM,CN=0245437-2                             | FI/COM/0245437-2",
        "FoCertificateProfileInfoProvider        | C=FO,O=FO,OU=GOV,CN=123456,SERIALNUMBER=FO/ss1/GOV  | FO/GOV/123456",
        "IsCertificateProfileInfoProvider        | C=IS,O=IS-DEV,OU=GOV,CN=5501692829,SERIALNUMBER=s1  | IS-DEV/GOV/5501692829",
        "IsCertificateProfileInfoProvider        | C=IS,O=GOV,CN=5501692829                            | IS/GOV/5501692829",
        "SkEsteIdCertificateProfileInfoProvider  | C=EE,CN=Mari,SERIALNUMBER=PNOEE-38001085718         | EE/PERSON/PNOEE-38001085718",
        "SkKlass3CertificateProfileInfoProvider  | C=EE,O=Firma,CN=Firma,2.5.4.97=NTREE-10137319       | EE/COM/10137319",
        "SkKlass3CertificateProfileInfoProvider  | C=EE,O=Amet,CN=Amet,2.5.4.97=GO:EE-70000562         | EE/GOV/70000562",
        "SkKlass3CertificateProfileInfoProvider  | C=EE,O=Selts,CN=Selts,2.5.4.97=NP:EE-80000001       | EE/NGO/80000001",
        "SkKlass3CertificateProfileInfoProvider  | C=LV,O=SIA,CN=SIA,2.5.4.97=VATLV-40003009497        | EE/NEE/VATLV-40003009497",
        "SkKlass3CertificateProfileInfoProvider  | C=EE,O=Vana,CN=Vana,SERIALNUMBER=10137319           | EE/COM/10137319",
        "SkKlass3CertificateProfileInfoProvider  | C=EE,O=Vana,CN=Vana,SERIALNUMBER=90000001           | EE/NGO/90000001",
    })
    void derivesTheMemberFromTheSubject(String profile, String subject, String member) {
        String[] m = member.split("/");
        assertThat(profile(profile).signerOf(cert(subject), EXPECTED))
                .isEqualTo(new MemberId(m[0], m[1], m[2]));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "EjbcaCertificateProfileInfoProvider    | O=COM,CN=1234                                  | country code",
        "EjbcaCertificateProfileInfoProvider    | C=EE,CN=1234                                   | organization",
        "BasicCertificateProfileInfoProvider    | C=EE,CN=Org,SERIALNUMBER=1                     | business category",
        "BasicCertificateProfileInfoProvider    | C=EE,CN=Org,2.5.4.15=COM                       | serial number",
        "FiVRKCertificateProfileInfoProvider    | C=SE,O=Org,CN=4321,SERIALNUMBER=DEV/ss2/COM   | valid country code",
        "FiVRKCertificateProfileInfoProvider    | C=FI,O=Org,CN=4321,SERIALNUMBER=DEV/COM       | serialNumber has invalid value",
        "FoCertificateProfileInfoProvider       | C=FO,O=FO,OU=GOV,CN=123456                     | serial number",
        "IsCertificateProfileInfoProvider       | C=FI,O=IS,OU=GOV,CN=1,SERIALNUMBER=s           | valid country code",
        "SkEsteIdCertificateProfileInfoProvider | C=EE,CN=Mari                                   | serial number",
        "SkKlass3CertificateProfileInfoProvider | C=EE,CN=Vana,SERIALNUMBER=1013731A             | not an integer",
        "SkKlass3CertificateProfileInfoProvider | C=EE,CN=Vana,SERIALNUMBER=101373190            | 8 digits",
    })
    void subjectsThatDoNotFitAreIncorrectCertificates(String profile, String subject, String message) {
        assertFault(() -> profile(profile).signerOf(cert(subject), EXPECTED), ErrorCode.INCORRECT_CERTIFICATE)
                .hasMessageContaining(message);
    }

    @Test
    void aRepeatedAttributeReadsAsXRoadReadsIt() {
        // X-Road parses the RFC 2253 form (most specific first) and takes the first: the last one encoded.
        X509Certificate c = cert("C=FI,O=Org,OU=IGNORED,OU=COM,CN=4321");
        assertThat(profile("FiVRKCertificateProfileInfoProvider").signerOf(c, EXPECTED))
                .isEqualTo(new MemberId("Org", "COM", "4321"));
    }

    @Test
    void knowsXRoadsClassNamesAndAcceptsMore() {
        assertThat(CertificateProfiles.standard().classNames()).hasSize(8)
                .allMatch(n -> n.startsWith(PKG));
        assertThat(CertificateProfiles.standard().byClassName("com.example.Unknown")).isEmpty();
        CertificateProfile custom = (certificate, expected) -> expected.member();
        var extended = CertificateProfiles.standard().with("com.example.Custom", custom);
        assertThat(extended.byClassName(" com.example.Custom ")).containsSame(custom);
        assertThat(CertificateProfiles.standard().byClassName("com.example.Custom")).isEmpty();
        assertThat(CertificateProfiles.ejbca()).isSameAs(profile("EjbcaCertificateProfileInfoProvider"));
    }
}
