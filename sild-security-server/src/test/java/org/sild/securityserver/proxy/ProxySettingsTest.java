package org.sild.securityserver.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.FaultStyle;

class ProxySettingsTest {

    @Test
    void defaultsAreXRoads() {
        var s = ProxySettings.defaults();
        assertThat(s.clientHttpPort()).isEqualTo(8080);
        assertThat(s.clientHttpsPort()).isEqualTo(8443);
        assertThat(s.serverPort()).isEqualTo(5500);
        assertThat(s.ocspPort()).isEqualTo(5577);
        assertThat(s.remoteServerPort() + s.ocspPortOffset()).isEqualTo(5577);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.responseTimeout()).isEmpty();
        assertThat(s.fastestConnectCachePeriod()).isEqualTo(Duration.ofHours(1));
        assertThat(s.faultStyle()).isEqualTo(FaultStyle.CLASSIC);
        assertThat(s.maxLoggedRestBodyBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> ProxySettings.builder().serverPort(70000).build()).hasMessageContaining("serverPort");
        assertThatThrownBy(() -> ProxySettings.builder().connectTimeout(Duration.ZERO).build())
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> ProxySettings.builder().minimumClientVersion("seven").build())
                .hasMessageContaining("minimumClientVersion");
    }

    @Test
    void versionsCompareAsSemanticVersions() {
        assertThat(ProxyVersion.tryParse("7.8.0").orElseThrow()).isGreaterThan(ProxyVersion.tryParse("7.7.10").orElseThrow());
        assertThat(ProxyVersion.tryParse("7.10.0").orElseThrow()).isGreaterThan(ProxyVersion.tryParse("7.9.0").orElseThrow());
        assertThat(ProxyVersion.tryParse("7.8.0-rc1").orElseThrow()).isLessThan(ProxyVersion.tryParse("7.8.0").orElseThrow());
        assertThat(ProxyVersion.tryParse("7.8.0+build.5").orElseThrow())
                .isEqualByComparingTo(ProxyVersion.tryParse("7.8.0").orElseThrow());
        assertThat(ProxyVersion.tryParse("unknown")).isEmpty();
        assertThat(ProxyVersion.tryParse("7.8")).isEmpty();
    }
}
