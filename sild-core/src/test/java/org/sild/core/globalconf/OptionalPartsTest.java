package org.sild.core.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.globalconf.Faults.assertFault;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.id.MemberId;

class OptionalPartsTest {

    @Test
    void roundTrips() {
        var monitoring = new MonitoringParameters(Optional.of(new MemberId("EE", "GOV", "1").subsystem("monitor")));
        assertThat(MonitoringParameters.parse(monitoring.toXml())).isEqualTo(monitoring);
        var none = new MonitoringParameters(Optional.empty());
        assertThat(MonitoringParameters.parse(none.toXml())).isEqualTo(none);
        assertThat(OcspFetchInterval.parse(new OcspFetchInterval(30).toXml())).isEqualTo(new OcspFetchInterval(30));
        assertThat(OcspNextUpdate.parse(new OcspNextUpdate(false).toXml())).isEqualTo(new OcspNextUpdate(false));
    }

    @Test
    void defaultsAndMinimum() {
        assertThat(OcspFetchInterval.defaults().seconds()).isEqualTo(1200);
        assertThat(new OcspFetchInterval(30).effectiveSeconds()).isEqualTo(60);
        assertThat(new OcspFetchInterval(500).effectiveSeconds()).isEqualTo(500);
        assertThat(OcspNextUpdate.defaults().verifyNextUpdate()).isTrue();
    }

    @Test
    void malformed() {
        assertFault(() -> OcspFetchInterval.parse(conf("<ocspFetchInterval>often</ocspFetchInterval>")),
                ErrorCode.MALFORMED_OPTIONAL_PARTS_CONF).hasMessageContaining("ocspFetchInterval");
        assertFault(() -> OcspNextUpdate.parse(conf("<verifyNextUpdate>maybe</verifyNextUpdate>")),
                ErrorCode.MALFORMED_OPTIONAL_PARTS_CONF).hasMessageContaining("not a boolean");
        assertFault(() -> MonitoringParameters.parse(conf("")), ErrorCode.MALFORMED_OPTIONAL_PARTS_CONF)
                .hasMessageContaining("missing <monitoringClient>");
        assertFault(() -> MonitoringParameters.parse(new byte[MonitoringParameters.MAX_SIZE + 1]),
                ErrorCode.MALFORMED_OPTIONAL_PARTS_CONF);
    }

    private static byte[] conf(String body) {
        return ("<x:conf xmlns:x='http://x-road.eu/xsd/xroad.xsd'>" + body + "</x:conf>").getBytes(StandardCharsets.UTF_8);
    }
}
