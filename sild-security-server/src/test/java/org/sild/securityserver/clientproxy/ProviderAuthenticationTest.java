package org.sild.securityserver.clientproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.globalconf.SecurityServer;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.securityserver.proxy.FakeSigner;
import org.sild.securityserver.proxy.ProviderIs;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.proxy.Soap;

/** The consumer verifies the provider's authentication certificate before anything is sent. */
class ProviderAuthenticationTest {

    private static String call(ProxyHarness harness) {
        return harness.soap(Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "p"), Soap.TEXT_XML)
                .faultCode().orElse("none");
    }

    @Test
    void revokedOrStaleProviderCertificate() {
        try (var harness = ProxyHarness.start()) {
            var is = new ProviderIs();
            harness.providerIs(is.soapEcho());
            List<byte[]> good = harness.providerSigner.authOcspResponses();
            harness.providerSigner.authOcspResponses(List.of(harness.pki.ocsp(harness.providerSigner.auth().certificate())
                    .revoked(Instant.now().minusSeconds(60)).build(), good.get(1)));
            assertThat(call(harness)).isEqualTo("Server.ClientProxy.SslAuthenticationFailed");
            harness.providerSigner.authOcspResponses(List.of(harness.pki.ocsp(harness.providerSigner.auth().certificate())
                    .thisUpdate(Instant.now().minus(Duration.ofHours(3))).build(), good.get(1)));
            assertThat(call(harness)).isEqualTo("Server.ClientProxy.SslAuthenticationFailed");
            assertThat(is.received()).isEmpty();
            assertThat(harness.providerLog.records()).isEmpty();
            harness.providerSigner.authOcspResponses(good);
            assertThat(call(harness)).isEqualTo("none");
        }
    }

    @Test
    void serverThatDoesNotHostTheProviderIsRefused() {
        try (var harness = ProxyHarness.start()) {
            var is = new ProviderIs();
            harness.providerIs(is.soapEcho());
            // Global configuration says an impostor hosts the subsystem at the real provider's address; the server
            // answering there authenticates as the provider's server, which does not host the subsystem.
            var impostor = new FakeSigner(harness.pki, harness.pki.authCert("impostor"));
            harness.globalConf(p -> {
                var servers = new java.util.ArrayList<>(p.securityServers().stream().map(s -> s.id().equals(
                        ProxyHarness.PRODUCER_SS) ? new SecurityServer(s.id(), s.address(), s.authCertHashes(), List.of(),
                        Optional.empty()) : s).toList());
                servers.add(ProxyHarness.server(new SecurityServerId(ProxyHarness.PRODUCER, "impostor"),
                        "127.0.0.1:" + harness.serverPort(), impostor, List.of(ProxyHarness.PRODUCER_SUB)));
                return ProxyHarness.with(p, servers, p.globalGroups());
            });
            String fault = harness.soap(Soap.request(ProxyHarness.CONSUMER, new ServiceId(ProxyHarness.PRODUCER_SUB,
                    "getState"), "i"), Soap.TEXT_XML).faultCode().orElse("none");
            assertThat(fault).isEqualTo("Server.ClientProxy.SslAuthenticationFailed");
            assertThat(is.received()).isEmpty();
        }
    }
}
