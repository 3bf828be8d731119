package org.sild.core.globalconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.id.GlobalGroupId;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;

class SharedParametersIndexTest {

    private final SharedParametersIndex index = new SharedParametersIndex(SharedParametersTest.sample());
    private final MemberId gov = SharedParametersTest.GOV;
    private final MemberId com = SharedParametersTest.COM;

    @Test
    void caCertificatesAndOcspResponders() {
        var ca = SharedParametersTest.CA;
        var ocsp = SharedParametersTest.OCSP;
        assertThat(index.caCert(ca.getSubjectX500Principal())).contains(ca);
        assertThat(index.issuerCert(ocsp)).contains(ca);
        assertThat(index.issuerCert(SharedParametersTest.TSA)).isEmpty();
        assertThat(index.approvedCa(ocsp)).map(ApprovedCa::name).contains("Test CA");
        assertThat(index.ocspResponders(ca)).extracting(ApprovedCa.OcspResponder::url).containsExactly("http://ocsp");
        assertThat(index.ocspResponders(ocsp)).isEmpty();
        assertThat(index.ocspResponders(SharedParametersTest.TSA)).isEmpty();
        assertThat(index.ocspResponderCerts()).containsExactly(ocsp);
    }

    @Test
    void securityServers() {
        var ss1 = new SecurityServerId(gov, "ss1");
        assertThat(index.securityServerByAuthCert(SharedParametersTest.OCSP)).map(SecurityServer::id).contains(ss1);
        assertThat(index.securityServerByAuthCert(SharedParametersTest.CA)).isEmpty();
        assertThat(index.securityServer(ss1)).map(SecurityServer::inMaintenanceMode).contains(true);
        assertThat(index.securityServers(gov.subsystem("sub"))).extracting(s -> s.id().serverCode())
                .containsExactly("ss1", "ss2");
        assertThat(index.addresses(gov.subsystem("sub"))).containsExactly("ss1.example");
        assertThat(index.addresses(gov)).containsExactly("ss1.example");
        assertThat(index.serves(new SecurityServerId(com, "ss2"), com)).isTrue();
        assertThat(index.serves(new SecurityServerId(com, "ss2"), gov)).isFalse();
        assertThat(index.securityServers(gov.subsystem("other"))).isEmpty();
    }

    @Test
    void sha1HashesOfVersion2AreFoundToo() {
        var cert = SharedParametersTest.TSA;
        var p = SharedParameters.builder("EE").version(2)
                .member(new Member(gov, "G", "Gov", List.of()))
                .securityServer(new SecurityServer(new SecurityServerId(gov, "old"), Optional.empty(),
                        List.of(DigestAlgorithm.SHA1.base64Digest(Certificates.encoded(cert))), List.of(), Optional.empty()))
                .build();
        assertThat(new SharedParametersIndex(p).securityServerByAuthCert(cert)).isPresent();
    }

    @Test
    void namesRegistrationAndGroups() {
        assertThat(index.memberName(gov.subsystem("sub"))).contains("Agency & Co <one>");
        assertThat(index.subsystemName(gov.subsystem("sub"))).contains("Sub system");
        assertThat(index.subsystemName(gov.subsystem("other"))).isEmpty();
        assertThat(index.member(com)).map(Member::memberClassDescription).contains("Commercial");
        assertThat(index.isRegistered(gov.subsystem("other"))).isTrue();
        assertThat(index.isRegistered(gov.subsystem("nope"))).isFalse();
        assertThat(index.isRegistered(new MemberId("EE", "GOV", "999"))).isFalse();
        var owners = new GlobalGroupId("EE", "owners");
        assertThat(index.isMember(gov, owners)).isTrue();
        assertThat(index.isMember(gov.subsystem("sub"), owners)).isFalse();
        assertThat(index.isMember(com.subsystem("x"), owners)).isTrue();
        assertThat(index.isMember(gov, new GlobalGroupId("EE", "none"))).isFalse();
        assertThat(index.globalGroupsOf(gov)).containsExactly(owners);
        assertThat(index.approvedTsas()).extracting(ApprovedTsa::url).containsExactly("http://tsa");
    }
}
