package org.sild.core.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.FaultStyle;
import org.sild.core.fault.XRoadException;

class SoapFaultWriterTest {

    @Test
    void writesXRoadsFaultFormatInTheConfiguredStyle() {
        var e = new XRoadException(ErrorCode.UNKNOWN_MEMBER, "Client 'SUBSYSTEM:EE/GOV/1/x' not found")
                .withPrefix(ErrorCode.SERVER, ErrorCode.CLIENT_PROXY);
        UUID detail = new SoapFaultWriter(FaultStyle.CLASSIC, new Random(7)).nextDetail();

        String classic = new String(new SoapFaultWriter(FaultStyle.CLASSIC, new Random(7)).write(e), StandardCharsets.UTF_8);
        assertThat(classic).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>"
                + "<SOAP-ENV:Fault><faultcode>Server.ClientProxy.UnknownMember</faultcode>"
                + "<faultstring>Client &apos;SUBSYSTEM:EE/GOV/1/x&apos; not found</faultstring><faultactor></faultactor>"
                + "<detail><faultDetail xmlns=\"\">" + detail + "</faultDetail></detail>"
                + "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>");

        String snake = new String(new SoapFaultWriter(FaultStyle.SNAKE_CASE, new Random(7)).write(e), StandardCharsets.UTF_8);
        assertThat(snake).contains("<faultcode>server.clientproxy.unknown_member</faultcode>");
    }

    @Test
    void detailsAreVersion4UuidsFromTheInjectedRandomness() {
        var writer = new SoapFaultWriter(FaultStyle.CLASSIC, new Random(1));
        UUID first = writer.nextDetail();
        assertThat(first.version()).isEqualTo(4);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(writer.nextDetail()).isNotEqualTo(first);
        assertThat(new SoapFaultWriter(FaultStyle.CLASSIC, new Random(1)).nextDetail()).isEqualTo(first);
    }

    @Test
    void faultsReadBackWithTheParser() {
        byte[] xml = new SoapFaultWriter(FaultStyle.SNAKE_CASE, new Random(3))
                .write(FaultCode.of(ErrorCode.CLIENT, ErrorCode.INVALID_SOAP_ACTION), "bad <action> & \u0001 more");
        var parsed = new SoapParser(SoapLimits.withMaxSoapBytes(4096))
                .parse(new ByteArrayInputStream(xml), SoapFaultWriter.CONTENT_TYPE);
        assertThat(parsed).isInstanceOfSatisfying(SoapFaultMessage.class, f -> {
            assertThat(f.fault().faultCode()).isEqualTo("client.invalid_soap_action");
            assertThat(f.fault().faultString()).isEqualTo("bad <action> &  more");
            assertThat(f.fault().faultActor()).contains("");
            assertThat(UUID.fromString(f.fault().faultDetail().orElseThrow()).version()).isEqualTo(4);
            assertThat(f.fault().toException().code()).isEqualTo(FaultCode.parse("Client.InvalidSoapAction"));
        });
    }

    @Test
    void optionalPartsAreLeftOutWhenAbsent() {
        String xml = new String(SoapFaultWriter.toXml(new SoapFault("soap:Server", "x", Optional.empty(), Optional.empty())),
                StandardCharsets.UTF_8);
        assertThat(xml).contains("<faultstring>x</faultstring></SOAP-ENV:Fault>").doesNotContain("faultactor", "detail");
    }

    @Test
    void httpResponseValuesAreXRoadsOnes() {
        assertThat(SoapFaultWriter.HTTP_STATUS).isEqualTo(200);
        assertThat(SoapFaultWriter.CONTENT_TYPE).isEqualTo("text/xml; charset=UTF-8");
        assertThat(SoapFaultWriter.SOAP_ACTION_HEADER + ": " + SoapFaultWriter.SOAP_ACTION_VALUE).isEqualTo("SOAPAction: \"\"");
    }
}
