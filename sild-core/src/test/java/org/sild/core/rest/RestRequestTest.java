package org.sild.core.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.id.MemberId;
import org.sild.core.id.SecurityServerId;
import org.sild.core.id.ServiceId;
import org.sild.core.id.SubsystemId;

class RestRequestTest {

    private static final String REQUEST_ID = "78b890f3-b1eb-45b2-a512-beec5d7ead23";

    static RestRequest request(List<HttpHeader> headers) {
        return RestRequest.fromClient("GET", "/r1/DEV/COM/1234/TestService/mock1/pets/1", Optional.of("foo=bar"),
                headers, REQUEST_ID, () -> "DEV-generated");
    }

    @Test
    void headerPartIsByteExact() {
        var r = request(List.of(
                new HttpHeader("Host", "ss1:8080"),
                new HttpHeader("X-Road-Client", "DEV/COM/4422/TestClient"),
                new HttpHeader("Accept", "application/json"),
                new HttpHeader("User-Agent", "curl/8"),
                new HttpHeader("X-Road-Request-Hash", "forged"),
                new HttpHeader("x-road-request-id", "forged")));
        assertThat(new String(r.headerPart(), StandardCharsets.UTF_8)).isEqualTo(
                "GET\r\n/r1/DEV/COM/1234/TestService/mock1/pets/1?foo=bar\r\n"
                + "X-Road-Client:DEV/COM/4422/TestClient\r\nAccept:application/json\r\n"
                + "x-road-request-id:" + REQUEST_ID + "\r\nx-road-id:DEV-generated\r\n");
        assertThat(r.service()).isEqualTo(new ServiceId(new SubsystemId("DEV", "COM", "1234", "TestService"), "mock1"));
        assertThat(r.servicePath()).isEqualTo("/pets/1");
        assertThat(r.client()).isEqualTo(new SubsystemId("DEV", "COM", "4422", "TestClient"));
        assertThat(r.messageId()).isEqualTo("DEV-generated");
    }

    @Test
    void clientMessageIdIsKeptAndOptionalHeadersAreDecoded() {
        var r = request(List.of(
                new HttpHeader("X-Road-Client", "DEV/COM/4422"),
                new HttpHeader("X-Road-Id", "my-id"),
                new HttpHeader("X-Road-UserId", "EE37702211234"),
                new HttpHeader("X-Road-Issue", "case-1"),
                new HttpHeader("X-Road-Security-Server", "DEV/COM/1234/ss2"),
                new HttpHeader("X-Road-Represented-Party", "COM/55%2F1")));
        assertThat(r.messageId()).isEqualTo("my-id");
        assertThat(r.client()).isEqualTo(new MemberId("DEV", "COM", "4422"));
        assertThat(r.userId()).contains("EE37702211234");
        assertThat(r.issue()).contains("case-1");
        assertThat(r.targetServer()).contains(new SecurityServerId(new MemberId("DEV", "COM", "1234"), "ss2"));
        assertThat(r.representedParty()).contains(new RepresentedParty(Optional.of("COM"), "55/1"));
        assertThat(new String(r.headerPart(), StandardCharsets.UTF_8)).doesNotContain("x-road-id:");
    }

    @Test
    void lastClientHeaderWins() {
        var r = request(List.of(new HttpHeader("X-Road-Client", "DEV/COM/1"), new HttpHeader("x-road-client", "DEV/COM/2")));
        assertThat(r.client()).isEqualTo(new MemberId("DEV", "COM", "2"));
    }

    @Test
    void parsingTheHeaderPartGivesTheSameRequestAndBytes() {
        var original = request(List.of(new HttpHeader("X-Road-Client", "DEV/COM/4422/TestClient"),
                new HttpHeader("Content-Type", "application/json; charset=utf-8"),
                new HttpHeader("X-Empty", "")));
        var parsed = RestRequest.parse(original.headerPart());
        assertThat(parsed.headerPart()).isEqualTo(original.headerPart());
        assertThat(parsed.headers()).isEqualTo(original.headers());
        assertThat(parsed.service()).isEqualTo(original.service());
        assertThat(parsed.client()).isEqualTo(original.client());
        assertThat(parsed.query()).contains("foo=bar");
        assertThat(parsed.requestId()).isEqualTo(REQUEST_ID);
        assertThat(parsed.method()).isEqualTo(RestMethod.GET);
    }

    @Test
    void percentEncodedIdentifierPartsAreDecodedOneByOne() {
        var r = RestRequest.fromClient("POST", "/r1/DEV/COM/1234/Test%20Service/BAR%2FSERVICE", Optional.empty(),
                List.of(new HttpHeader("X-Road-Client", "DEV/COM/4422/TestClient")), REQUEST_ID, () -> "id");
        assertThat(r.service().serviceCode()).isEqualTo("BAR/SERVICE");
        assertThat(r.service().provider().subsystemCode()).contains("Test Service");
        assertThat(r.servicePath()).isEmpty();
    }

    @Test
    void protocolViolationsNameTheProblem() {
        var client = List.of(new HttpHeader("X-Road-Client", "DEV/COM/4422/TestClient"));
        assertFault(() -> RestRequest.fromClient("GET", "/r2/DEV/COM/1/S/svc", Optional.empty(), client, "x", () -> "id"),
                ErrorCode.INVALID_REQUEST, "Unsupported protocol version 'r2'");
        assertFault(() -> RestRequest.fromClient("GET", "/rest/DEV/COM/1/S/svc", Optional.empty(), client, "x", () -> "id"),
                ErrorCode.INVALID_REQUEST, "Invalid protocol version 'rest'");
        assertFault(() -> RestRequest.fromClient("GET", "/r1/DEV/COM/1/svc", Optional.empty(), client, "x", () -> "id"),
                ErrorCode.INVALID_REQUEST, "must be /r1/");
        assertFault(() -> RestRequest.fromClient("GET", "/r1/DEV/COM/1//svc", Optional.empty(), client, "x", () -> "id"),
                ErrorCode.INVALID_REQUEST, "no subsystem code");
        assertFault(() -> RestRequest.fromClient("GET", "/r1/DEV/COM/1/S/svc", Optional.empty(), List.of(), "x", () -> "id"),
                ErrorCode.MISSING_HEADER_FIELD, "X-Road-Client");
        assertFault(() -> RestRequest.fromClient("FETCH", "/r1/DEV/COM/1/S/svc", Optional.empty(), client, "x", () -> "id"),
                ErrorCode.INVALID_HTTP_METHOD, "FETCH");
        assertFault(() -> RestRequest.fromClient("GET", "/r1/DEV/COM/1/S/svc", Optional.empty(),
                List.of(new HttpHeader("X-Road-Client", "DEV/COM")), "x", () -> "id"),
                ErrorCode.INVALID_ENCODED_ID, "has 2 parts");
        assertFault(() -> RestRequest.fromClient("GET", "/r1/DEV/COM/1/S/svc", Optional.empty(),
                List.of(client.get(0), new HttpHeader("X-Road-Represented-Party", "a/b/c")), "x", () -> "id"),
                ErrorCode.INVALID_REQUEST, "[CLASS/]CODE");
    }

    @Test
    void headerPartParsingRefusesSkippedHeadersAndGarbage() {
        assertFault(() -> RestRequest.parse("GET\r\n/r1/DEV/COM/1/S/svc\r\nHost:x\r\n".getBytes(StandardCharsets.UTF_8)),
                ErrorCode.INVALID_REST, "Host");
        assertFault(() -> RestRequest.parse("BREW\r\n/r1/DEV/COM/1/S/svc\r\n".getBytes(StandardCharsets.UTF_8)),
                ErrorCode.INVALID_REST, "BREW");
        assertFault(() -> RestRequest.parse("GET\r\nhttp://evil/r1/DEV/COM/1/S/svc\r\n".getBytes(StandardCharsets.UTF_8)),
                ErrorCode.INVALID_REST, "must be a path");
        assertFault(() -> RestRequest.parse(new byte[0]), ErrorCode.INVALID_REST, "empty");
    }

    static void assertFault(Runnable action, ErrorCode code, String messagePart) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code()).isEqualTo(FaultCode.of(code)))
                .hasMessageContaining(messagePart);
    }
}
