package org.sild.core.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.rest.RestRequestTest.assertFault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.FaultStyle;

class RestResponseTest {

    private final RestRequest request = RestRequestTest.request(
            List.of(new HttpHeader("X-Road-Client", "DEV/COM/4422/TestClient")));

    @Test
    void providerSideAddsXRoadHeadersAfterTheProvidersOwn() {
        String hash = RestRequestHash.of(request.headerPart(), Optional.empty());
        var response = RestResponse.fromProvider(200, "OK", List.of(
                new HttpHeader("Content-Type", "application/json"),
                new HttpHeader("Connection", "keep-alive"),
                new HttpHeader("X-Road-Request-Hash", "forged-by-provider"),
                new HttpHeader("X-Road-Service", "forged")), request, hash);
        assertThat(new String(response.headerPart(), StandardCharsets.UTF_8)).isEqualTo(
                "200\r\nOK\r\nContent-Type:application/json\r\nx-road-id:DEV-generated\r\n"
                + "x-road-client:DEV/COM/4422/TestClient\r\nx-road-service:DEV/COM/1234/TestService/mock1\r\n"
                + "x-road-request-id:78b890f3-b1eb-45b2-a512-beec5d7ead23\r\nx-road-request-hash:" + hash + "\r\n");
        var parsed = RestResponse.parse(response.headerPart());
        parsed.checkAnswers(request, hash);
        assertThat(parsed.headerPart()).isEqualTo(response.headerPart());
        assertThat(parsed.isError()).isFalse();
    }

    @Test
    void consumerSideDetectsEveryMismatch() {
        String hash = RestRequestHash.of(request.headerPart(), Optional.empty());
        var other = RestRequestTest.request(List.of(new HttpHeader("X-Road-Client", "DEV/COM/4422/Other"),
                new HttpHeader("X-Road-Id", "other-id")));
        var response = RestResponse.parse(RestResponse.fromProvider(404, "Not Found", List.of(), request, hash)
                .headerPart());
        assertThat(response.isError()).isTrue();
        assertFault(() -> response.checkAnswers(request, "different"), ErrorCode.INCONSISTENT_RESPONSE,
                "X-Road-Request-Hash");
        assertFault(() -> response.checkAnswers(other, hash), ErrorCode.INCONSISTENT_RESPONSE, "X-Road-Id");
    }

    @Test
    void requestHashCoversHeaderAndBody() throws Exception {
        byte[] header = request.headerPart();
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        var sha = MessageDigest.getInstance("SHA-512");
        byte[] expected = sha.digest(concat(sha.digest(header), sha.digest(body)));
        assertThat(RestRequestHash.of(header, Optional.of(MessageDigest.getInstance("SHA-512").digest(body))))
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(expected));
        assertThat(RestRequestHash.of(header, Optional.empty()))
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(header)));
    }

    @Test
    void errorsAreJsonUnlessXmlIsAccepted() {
        var error = new RestError(FaultCode.of(ErrorCode.SERVER, ErrorCode.SERVER_PROXY, ErrorCode.ACCESS_DENIED),
                "Request is not allowed: \"x\"", "4f1e");
        var json = error.render(FaultStyle.CLASSIC, List.of());
        assertThat(json.status()).isEqualTo(500);
        assertThat(json.errorHeader()).isEqualTo("Server.ServerProxy.AccessDenied");
        assertThat(new String(json.body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"type\":\"Server.ServerProxy.AccessDenied\",\"message\":\"Request is not allowed: \\\"x\\\"\",\"detail\":\"4f1e\"}");
        var xml = error.render(FaultStyle.SNAKE_CASE, List.of("application/json;q=0.5, text/*"));
        assertThat(xml.contentType()).startsWith("text/xml");
        assertThat(new String(xml.body(), StandardCharsets.UTF_8))
                .contains("<type>server.serverproxy.access_denied</type>");
        var clientError = new RestError(FaultCode.of(ErrorCode.CLIENT, ErrorCode.INVALID_REQUEST), "bad <path>", "d");
        assertThat(clientError.status()).isEqualTo(400);
        assertThat(new String(clientError.render(FaultStyle.CLASSIC, List.of("application/xml")).body(),
                StandardCharsets.UTF_8)).contains("<message>bad &lt;path&gt;</message>");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
