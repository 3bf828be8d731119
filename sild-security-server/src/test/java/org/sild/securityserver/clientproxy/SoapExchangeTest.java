package org.sild.securityserver.clientproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sild.core.soap.SoapLimits;
import org.sild.core.soap.SoapMessage;
import org.sild.core.soap.SoapParser;
import org.sild.securityserver.proxy.ProviderIs;
import org.sild.securityserver.proxy.ProxyHarness;
import org.sild.securityserver.proxy.Soap;

class SoapExchangeTest {

    private static ProxyHarness harness;
    private ProviderIs is;

    @BeforeAll
    static void start() {
        harness = ProxyHarness.start();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void provider() {
        is = new ProviderIs();
        harness.providerIs(is.soapEcho());
        harness.consumerLog.clear();
        harness.providerLog.clear();
    }

    @Test
    void soapRequestPassesBothServersAndComesBackWithTheRequestHash() {
        byte[] request = Soap.request(ProxyHarness.CONSUMER, ProxyHarness.GET_STATE, "id-1");

        ProxyHarness.Answer answer = harness.soap(request, Soap.TEXT_XML);

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.faultCode()).isEmpty();
        SoapMessage reply = new SoapParser(SoapLimits.withMaxSoapBytes(1 << 20))
                .parse(new ByteArrayInputStream(answer.body()), answer.contentType()) instanceof SoapMessage m ? m : null;
        assertThat(reply).isNotNull();
        assertThat(reply.header().requestHash()).isPresent();
        assertThat(reply.header().requestHash().get().matches(org.sild.core.soap.RequestHash.sha512(request))).isTrue();
        assertThat(is.received()).hasSize(1);
        assertThat(is.received().get(0).body()).isEqualTo(request);
        assertThat(harness.consumerLog.records()).hasSize(2);
        assertThat(harness.providerLog.records()).hasSize(2);
    }
}
