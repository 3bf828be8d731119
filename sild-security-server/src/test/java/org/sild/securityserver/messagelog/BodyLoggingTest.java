package org.sild.securityserver.messagelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.ClientId;
import org.sild.core.id.MemberId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;
import org.sild.core.rest.HttpHeader;
import org.sild.core.rest.RestRequest;
import org.sild.core.rest.RestResponse;
import org.sild.core.signature.SignatureData;
import org.sild.core.transport.MessageType;

class BodyLoggingTest {

    static final SubsystemId CLIENT = new SubsystemId("DEV", "COM", "111", "portal");
    static final SubsystemId PROVIDER = new SubsystemId("DEV", "GOV", "222", "registry");
    static final SubsystemId OTHER = new SubsystemId("DEV", "GOV", "333", "other");
    static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");

    static final String ENVELOPE = """
            <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" \
            xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" xmlns:id="http://x-road.eu/xsd/identifiers" \
            xmlns:repr="http://x-road.eu/xsd/representation.xsd" xmlns:wsse="urn:wsse">\
            <SOAP-ENV:Header>\
            <xrd:client id:objectType="SUBSYSTEM"><id:xRoadInstance>DEV</id:xRoadInstance></xrd:client>\
            <xrd:id>q-1</xrd:id><xrd:protocolVersion>4.0</xrd:protocolVersion>\
            <repr:representedParty><repr:partyCode>X</repr:partyCode></repr:representedParty>\
            <wsse:Security>token</wsse:Security>\
            </SOAP-ENV:Header>\
            <SOAP-ENV:Body><ns1:getPerson xmlns:ns1="urn:persons"><ns1:code>SECRET-38001</ns1:code></ns1:getPerson>\
            </SOAP-ENV:Body></SOAP-ENV:Envelope>""";

    private final List<LogRecord> logged = new ArrayList<>();
    private final MessageLog recording = logged::add;

    @Test
    void soapWithoutBodyKeepsXRoadHeadersRepresentedPartyAndAnEmptyWrapper() {
        var log = new BodyLogging(recording, MessageLogSettings.builder().bodyLogging(false).build());
        LogRecord record = soap(PROVIDER, false);
        log.append(record);

        LogRecord stored = logged.getFirst();
        String xml = new String(stored.message(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<xrd:client", "<xrd:id>q-1</xrd:id>", "<xrd:protocolVersion>4.0",
                "<repr:representedParty>", "<ns1:getPerson xmlns:ns1=\"urn:persons\"/>")
                .doesNotContain("SECRET", "wsse:Security", "token", "<?xml");
        assertThat(stored.signature()).isEqualTo(record.signature());
        assertThat(stored.queryId()).isEqualTo(record.queryId());
        assertThat(stored.time()).isEqualTo(record.time());
    }

    @Test
    void restRequestWithoutBodyKeepsVerbServicePathPrefixAndXRoadHeaders() {
        var log = new BodyLogging(recording, MessageLogSettings.builder().bodyLogging(false).build());
        RestRequest request = restRequest();
        log.append(rest(request.headerPart(), false));

        LogRecord stored = logged.getFirst();
        assertThat(new String(stored.message(), StandardCharsets.UTF_8)).isEqualTo("POST\r\n"
                + "/r1/DEV/GOV/222/registry/persons\r\n"
                + "X-Road-Client:DEV/COM/111/portal\r\n"
                + "X-Road-Id:q-1\r\n"
                + "x-road-request-id:rid-1\r\n");
        assertThat(stored.restBody()).isEmpty();
    }

    @Test
    void restResponseWithoutBodyKeepsStatusReasonAndXRoadHeaders() {
        var log = new BodyLogging(recording, MessageLogSettings.builder().bodyLogging(false).build());
        RestResponse response = RestResponse.fromProvider(200, "OK", List.of(new HttpHeader("Content-Type",
                "application/json"), new HttpHeader("Set-Cookie", "secret")), restRequest(), "aGFzaA==");
        log.append(rest(response.headerPart(), true));

        String stored = new String(logged.getFirst().message(), StandardCharsets.UTF_8);
        assertThat(stored).startsWith("200\r\nOK\r\nx-road-id:q-1\r\nx-road-client:DEV/COM/111/portal\r\n")
                .contains("x-road-request-hash:aGFzaA==\r\n").doesNotContain("Content-Type", "secret");
        assertThat(logged.getFirst().restBody()).isEmpty();
    }

    @Test
    void theProviderSubsystemsOverridesDecide() {
        var off = MessageLogSettings.builder().bodyLogging(false)
                .bodyLoggingEnabledFor(List.of("DEV/GOV/222/registry")).build();
        var offButProvider = new BodyLogging(recording, off);
        assertThat(offButProvider.logsBody(PROVIDER)).isTrue();
        assertThat(offButProvider.logsBody(OTHER)).isFalse();
        assertThat(offButProvider.logsBody(CLIENT)).as("the client does not decide").isFalse();

        var on = MessageLogSettings.builder().bodyLoggingDisabledFor(List.of("DEV/GOV/222/registry")).build();
        var onButProvider = new BodyLogging(recording, on);
        assertThat(onButProvider.logsBody(PROVIDER)).isFalse();
        assertThat(onButProvider.logsBody(OTHER)).isTrue();
        assertThat(onButProvider.logsBody(new MemberId("DEV", "GOV", "222"))).as("the member is another id").isTrue();

        onButProvider.append(soap(OTHER, false));
        onButProvider.append(soap(PROVIDER, true));
        assertThat(new String(logged.get(0).message(), StandardCharsets.UTF_8)).contains("SECRET");
        assertThat(new String(logged.get(1).message(), StandardCharsets.UTF_8)).doesNotContain("SECRET");
    }

    @Test
    void wrapReturnsTheLogItselfWhenEveryBodyIsLogged() {
        assertThat(BodyLogging.wrap(recording, MessageLogSettings.defaults())).isSameAs(recording);
        assertThat(BodyLogging.wrap(recording, MessageLogSettings.builder().bodyLogging(false).build()))
                .isInstanceOf(BodyLogging.class);
    }

    @Test
    void aMessageThatCannotBeReducedFailsTheLogging() {
        var log = new BodyLogging(recording, MessageLogSettings.builder().bodyLogging(false).build());
        LogRecord broken = new LogRecord("q", "r", CLIENT, service(PROVIDER), false, MessageType.SOAP,
                "<not-closed>".getBytes(StandardCharsets.UTF_8), Optional.empty(), SignatureData.of(new byte[] {1}), T);
        assertThatThrownBy(() -> log.append(broken)).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code().contains(ErrorCode.LOGGING_FAILED)).isTrue());
        assertThat(logged).isEmpty();
    }

    @Test
    void aBadSubsystemInTheSettingsIsRefused() {
        var settings = MessageLogSettings.builder().bodyLoggingDisabledFor(List.of("DEV/GOV")).build();
        assertThatThrownBy(() -> new BodyLogging(recording, settings)).isInstanceOf(XRoadException.class)
                .hasMessageContaining("DEV/GOV");
    }

    static RestRequest restRequest() {
        return RestRequest.fromClient("POST", "/r1/DEV/GOV/222/registry/persons/38001/details",
                Optional.of("secret=1"), List.of(new HttpHeader("X-Road-Client", "DEV/COM/111/portal"),
                        new HttpHeader("Authorization", "Bearer secret"), new HttpHeader("X-Road-Id", "q-1")),
                "rid-1", () -> "unused");
    }

    private static LogRecord rest(byte[] headerPart, boolean response) {
        return new LogRecord("q-1", "rid-1", CLIENT, new ServiceId(PROVIDER, "persons"), response, MessageType.REST,
                headerPart, Optional.of("{\"secret\":1}".getBytes(StandardCharsets.UTF_8)),
                SignatureData.of(new byte[] {1}), T);
    }

    private static LogRecord soap(ClientId provider, boolean response) {
        return new LogRecord("q-1", "rid-1", CLIENT, service(provider), response, MessageType.SOAP,
                ENVELOPE.getBytes(StandardCharsets.UTF_8), Optional.empty(), SignatureData.of(new byte[] {1}), T);
    }

    private static ServiceId service(ClientId provider) {
        return new ServiceId(provider, "getPerson");
    }
}
