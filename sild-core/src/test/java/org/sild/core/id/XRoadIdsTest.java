package org.sild.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

class XRoadIdsTest {

    private static final MemberId MEMBER = new MemberId("EE", "GOV", "70000001");

    @Test
    void shortFormOfEveryType() {
        assertThat(MEMBER).hasToString("MEMBER:EE/GOV/70000001");
        assertThat(MEMBER.subsystem("clinic")).hasToString("SUBSYSTEM:EE/GOV/70000001/clinic");
        assertThat(new ServiceId(MEMBER.subsystem("clinic"), "getX", "v1"))
                .hasToString("SERVICE:EE/GOV/70000001/clinic/getX/v1");
        assertThat(new ServiceId(MEMBER, "getX")).hasToString("SERVICE:EE/GOV/70000001//getX");
        assertThat(new SecurityServerId(MEMBER, "ss1")).hasToString("SERVER:EE/GOV/70000001/ss1");
        assertThat(new GlobalGroupId("EE", "security-server-owners"))
                .hasToString("GLOBALGROUP:EE/security-server-owners");
        assertThat(new LocalGroupId("doctors")).hasToString("LOCALGROUP:doctors");
        assertThat(new CentralServiceId("EE", "central")).hasToString("CENTRALSERVICE:EE/central");
    }

    @Test
    void restPathFormPercentEncodesEachPartSeparately() {
        var service = new ServiceId(new SubsystemId("INSTANCE", "CLASS", "MEMBER", "SUBSYSTEM"), "BAR/SERVICE");
        assertThat(XRoadIds.toPath(service)).isEqualTo("INSTANCE/CLASS/MEMBER/SUBSYSTEM/BAR%2FSERVICE");
        assertThat(XRoadIds.parseServicePath("INSTANCE/CLASS/MEMBER/SUBSYSTEM/BAR%2FSERVICE")).isEqualTo(service);
        assertThat(XRoadIds.parseServicePath("EE/GOV/1/sub/svc/v2").serviceVersion()).contains("v2");
    }

    @Test
    void unicodeAndReservedCharactersSurviveTheHeaderForm() {
        var client = new SubsystemId("EE", "GOV", "Õun äri", "a?b%c");
        String header = XRoadIds.toPath(client);
        assertThat(header).isEqualTo("EE/GOV/%C3%95un%20%C3%A4ri/a%3Fb%25c");
        assertThat(XRoadIds.parseClientPath(header)).isEqualTo(client);
    }

    @Test
    void plusIsNotASpace() {
        assertThat(XRoadIds.parseClientPath("EE/GOV/a+b")).isEqualTo(new MemberId("EE", "GOV", "a+b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EE/GOV", "EE/GOV/1/sub/extra", "EE//1", "EE/GOV/1/", "EE/GOV/%zz", "EE/GOV/%C3"})
    void badClientHeadersNameTheProblem(String header) {
        assertThatThrownBy(() -> XRoadIds.parseClientPath(header))
                .isInstanceOf(XRoadException.class)
                .satisfies(e -> assertThat(((XRoadException) e).code())
                        .isEqualTo(org.sild.core.fault.FaultCode.of(ErrorCode.INVALID_ENCODED_ID)))
                .message().isNotBlank();
    }

    @Test
    void errorsNameTheBadPart() {
        assertThatThrownBy(() -> XRoadIds.parseClientPath("EE//1")).hasMessageContaining("memberClass is empty");
        assertThatThrownBy(() -> XRoadIds.parseClientPath("EE/GOV/1/"))
                .hasMessageContaining("subsystemCode is empty");
        assertThatThrownBy(() -> XRoadIds.parseServicePath("EE/GOV/1/sub"))
                .hasMessageContaining("has 4 parts");
        assertThatThrownBy(() -> XRoadIds.parseShortForm("THING:EE/GOV"))
                .hasMessageContaining("unknown object type 'THING'");
        assertThatThrownBy(() -> new MemberId("EE", "GOV", " 12"))
                .hasMessageContaining("memberCode ' 12' starts or ends with whitespace");
        assertThatThrownBy(() -> new MemberId("EE", "GOV", "a\u0001b"))
                .hasMessageContaining("control character at position 1");
    }

    @Test
    void memberLevelServiceUsesAnEmptySubsystemSlot() {
        var service = (ServiceId) XRoadIds.parseShortForm("SERVICE:EE/GOV/123//getX/v1");
        assertThat(service.provider()).isEqualTo(new MemberId("EE", "GOV", "123"));
        assertThat(service.serviceVersion()).isEqualTo(Optional.of("v1"));
    }

    @Test
    void characterRecommendations() {
        assertThat(new MemberId("EE", "GOV", "(a)+b,c-d.e=f?g'").hasRecommendedCharacters()).isTrue();
        assertThat(new MemberId("EE", "GOV", "a_b").hasRecommendedCharacters()).isFalse();
        assertThat(new MemberId("EE", "GOV", "a:b").hasDiscouragedCharacters()).isTrue();
        assertThat(new MemberId("EE", "GOV", "a\u200Bb").hasDiscouragedCharacters()).isTrue();
        assertThat(new MemberId("EE", "GOV", "ab").hasDiscouragedCharacters()).isFalse();
    }

    @Test
    void subsystemsBelongToTheirMember() {
        ClientId sub = MEMBER.subsystem("x");
        assertThat(sub.member()).isEqualTo(MEMBER);
        assertThat(sub.sameMember(MEMBER.subsystem("y"))).isTrue();
        assertThat(sub.sameMember(new MemberId("EE", "GOV", "other"))).isFalse();
    }
}
