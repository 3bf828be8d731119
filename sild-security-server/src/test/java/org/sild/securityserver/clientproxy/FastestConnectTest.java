package org.sild.securityserver.clientproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;

class FastestConnectTest {

    private static final SecurityServerId SS = new SecurityServerId(new MemberId("EE", "GOV", "1"), "ss");

    private static ProviderEndpoint endpoint(String host, int port) {
        return new ProviderEndpoint(SS, host, port, port + 77);
    }

    @Test
    void theServerThatAcceptsWinsAndIsRemembered() throws Exception {
        var listening = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        try {
            var up = endpoint("127.0.0.1", listening.getLocalPort());
            var down = endpoint("127.0.0.1", 1);
            var unresolvable = endpoint("host.invalid.", 5500);
            var fastest = new FastestConnect(Duration.ofSeconds(5), Duration.ofHours(1),
                    Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(1));
            for (int i = 0; i < 3; i++) {
                assertThat(fastest.select(List.of(down, unresolvable, up))).isEqualTo(up);
            }
            // Remembered: even with the winner gone, the cached choice comes back until forgotten.
            listening.close();
            assertThat(fastest.select(List.of(down, unresolvable, up))).isEqualTo(up);
            fastest.forget(List.of(down, unresolvable, up));
            assertThatThrownBy(() -> fastest.select(List.of(down, unresolvable, up)))
                    .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code().endsWith(ErrorCode.NETWORK_ERROR))
                            .isTrue());
        } finally {
            listening.close();
        }
    }

    @Test
    void aSingleCandidateNeedsNoRace() {
        var only = endpoint("127.0.0.1", 1);
        var fastest = new FastestConnect(Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC(), new Random(1));
        assertThat(fastest.select(List.of(only))).isEqualTo(only);
    }
}
