package org.sild.core.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;

class SoapHeaderTest {

    private static final MemberId CLIENT = new MemberId("EE", "GOV", "1");
    private static final ServiceId SERVICE = new ServiceId(new MemberId("EE", "GOV", "2"), "getX");

    @Test
    void comparesClientServiceUserIdRepresentedPartyIssueAndId() {
        SoapHeader request = base().build();
        assertInconsistent(request, b -> b.client(new MemberId("EE", "GOV", "9")), "'client'");
        assertInconsistent(request, b -> b.service(new ServiceId(SERVICE.provider(), "getX", "v2")), "'service'");
        assertInconsistent(request, b -> b.userId("EE2"), "'userId'");
        assertInconsistent(request, b -> b.representedParty(new RepresentedParty(Optional.empty(), "P")), "'representedParty'");
        assertInconsistent(request, b -> b.issue(""), "(absent) vs ''");
        assertInconsistent(request, b -> b.id("other"), "'id'");
    }

    @Test
    void protocolVersionSecurityServerAndOthersAreNotCompared() {
        SoapHeader request = base().securityServer(new SecurityServerId(new MemberId("EE", "GOV", "2"), "ss1")).build();
        SoapHeader response = base().protocolVersion("4.1")
                .requestHash(RequestHash.sha512("x".getBytes(StandardCharsets.UTF_8)))
                .securityToken(new SecurityToken("t", Optional.empty())).build();
        request.checkConsistentResponse(response);
    }

    @Test
    void builderDefaultsAndValidation() {
        SoapHeader h = base().build();
        assertThat(h.protocolVersion()).isEqualTo(SoapHeader.PROTOCOL_VERSION);
        assertThat(h.issue()).isEmpty();
        assertThat(SoapHeader.isSupportedProtocolVersion("4.9")).isTrue();
        assertThat(SoapHeader.isSupportedProtocolVersion("40")).isFalse();
        assertThatThrownBy(() -> SoapHeader.builder().client(CLIENT).id("1").build()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void requestHashComparesBytesNotSpellingOrAlgorithm() {
        RequestHash hash = RequestHash.sha512(new byte[0]);
        assertThat(hash.value()).isEqualTo(
                "z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==");
        String wrapped = hash.value().substring(0, 40) + "\r\n" + hash.value().substring(40);
        assertThat(hash.matches(new RequestHash(Optional.of("urn:other"), " " + wrapped + " "))).isTrue();
        assertThat(hash.matches(new RequestHash(Optional.empty(), "foo"))).isFalse();
        assertThat(hash.matches(new RequestHash(Optional.empty(), "not base64!"))).isFalse();
        assertThat(hash.matches(new RequestHash(Optional.empty(), ""))).isFalse();
    }

    private static SoapHeader.Builder base() {
        return SoapHeader.builder().client(CLIENT).service(SERVICE).id("id-1").userId("EE1");
    }

    private static void assertInconsistent(SoapHeader request, UnaryOperator<SoapHeader.Builder> change, String message) {
        SoapHeader response = change.apply(base()).build();
        assertThatThrownBy(() -> request.checkConsistentResponse(response)).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INCONSISTENT_HEADERS)))
                .hasMessageContaining(message);
    }
}
