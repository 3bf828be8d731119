package org.sild.trustservices.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sild.trustservices.ca.CaFixtures.assertFault;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.signature.CertificateProfiles;

class IssuingPolicyTest {

    @Test
    void defaults() {
        IssuingPolicy policy = IssuingPolicy.defaults();
        assertThat(policy.instance()).isEqualTo("DEV");
        assertThat(policy.signingProfile()).isEqualTo(IssuingPolicy.EJBCA_PROFILE);
        assertThat(policy.profile()).isSameAs(CertificateProfiles.ejbca());
        assertThat(policy.validity(CertificateType.AUTH)).isEqualTo(Duration.ofDays(730));
        assertThat(policy.validity(CertificateType.SIGN)).isEqualTo(Duration.ofDays(730));
        assertThat(policy.validity(CertificateType.TSA)).isEqualTo(Duration.ofDays(3650));
        assertThat(policy.ocspUrl()).isEmpty();
    }

    @Test
    void profilesByFullOrShortName() {
        assertThat(IssuingPolicy.resolveProfile("Ejbca")).isSameAs(CertificateProfiles.ejbca());
        assertThat(IssuingPolicy.resolveProfile("EjbcaCertificateProfileInfoProvider"))
                .isSameAs(CertificateProfiles.ejbca());
        assertThat(IssuingPolicy.resolveProfile("ee.ria.xroad.common.certificateprofile.impl."
                + "FiVRKCertificateProfileInfoProvider")).isNotSameAs(CertificateProfiles.ejbca());
        assertFault(() -> IssuingPolicy.builder().signingProfile("com.example.Nope").build(), ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> IssuingPolicy.builder().authValidity(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authValidity");
        assertThatThrownBy(() -> IssuingPolicy.builder().instance(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instance");
    }

    @Test
    void namesOfTypesAndReasons() {
        assertThat(CertificateType.byShortName("AUTH")).contains(CertificateType.AUTH);
        assertThat(CertificateType.byShortName("sign")).contains(CertificateType.SIGN);
        assertThat(CertificateType.byShortName("other")).isEmpty();
        assertThat(RevocationReason.byName("keyCompromise")).contains(RevocationReason.KEY_COMPROMISE);
        assertThat(RevocationReason.byName("key-compromise")).contains(RevocationReason.KEY_COMPROMISE);
        assertThat(RevocationReason.byName("CESSATION_OF_OPERATION")).contains(RevocationReason.CESSATION_OF_OPERATION);
        assertThat(RevocationReason.byName("certificateHold")).isEmpty();
        assertThat(RevocationReason.byCode(9)).contains(RevocationReason.PRIVILEGE_WITHDRAWN);
        assertThat(RevocationReason.byCode(6)).isEmpty();
    }
}
