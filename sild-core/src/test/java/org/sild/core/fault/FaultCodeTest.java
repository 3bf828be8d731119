package org.sild.core.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FaultCodeTest {

    @ParameterizedTest
    @CsvSource({
        "Server.ClientProxy.UnknownMember, server.clientproxy.unknown_member",
        "Server.ServerProxy.AccessDenied, server.serverproxy.access_denied",
        "Client.InvalidSoapAction, client.invalid_soap_action",
        "Server.ServerProxy.ServiceFailed.InvalidContentType, server.serverproxy.service_failed.invalid_content_type",
        "Server.ClientProxy.ServiceFailed.InconsistentResponse, server.clientproxy.service_failed.inconsistent_response",
        "MalformedSignature.InvalidHashChainRef, malformed_signature.invalid_hash_chain_ref",
        "MalformedSignature.HashChainUnusedInputs, malformed_signature.hashchain_unused_inputs",
        "Server.ClientProxy.SslAuthenticationFailed, server.clientproxy.ssl_authentication_failed",
        "Server.ClientProxy.OutdatedGlobalConf, server.clientproxy.global_conf_outdated",
        "Server.ServerProxy.ServiceType, server.serverproxy.service_type",
        "Server.ClientProxy.IOError, server.clientproxy.io_error",
        "Signer.HSMNonOperational, signer.hsm_non_operational",
    })
    void bothSpellingsAreTheSameCode(String classic, String snake) {
        FaultCode a = FaultCode.parse(classic);
        FaultCode b = FaultCode.parse(snake);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(b.format(FaultStyle.CLASSIC)).isEqualTo(classic);
        assertThat(a.format(FaultStyle.SNAKE_CASE)).isEqualTo(snake);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCatalogueEntryRoundTripsInBothStyles(ErrorCode code) {
        assertThat(ErrorCode.bySpelling(code.classic())).contains(code);
        assertThat(ErrorCode.bySpelling(code.snakeCase())).contains(code);
        assertThat(code.snakeCase()).matches("[a-z0-9_]+");
    }

    @Test
    void extraSpellingsAreReadButNeverWritten() {
        assertThat(FaultCode.parse("server.clientproxy.ssl_auth_failed").format(FaultStyle.SNAKE_CASE))
                .isEqualTo("server.clientproxy.ssl_authentication_failed");
        assertThat(FaultCode.parse("server.outdated_global_conf"))
                .isEqualTo(FaultCode.of(ErrorCode.SERVER, ErrorCode.OUTDATED_GLOBAL_CONF));
    }

    @Test
    void unknownSegmentsPassThroughUnchanged() {
        FaultCode code = FaultCode.parse("Server.MyService.SomethingBroke");
        assertThat(code.format(FaultStyle.SNAKE_CASE)).isEqualTo("server.MyService.SomethingBroke");
        assertThat(code.format(FaultStyle.CLASSIC)).isEqualTo("Server.MyService.SomethingBroke");
        assertThat(code.isServerFault()).isTrue();
    }

    @Test
    void prefixesAreAddedInFront() {
        var e = new XRoadException(ErrorCode.INVALID_SIGNATURE_VALUE, "digest of /message.xml differs")
                .withPrefix(ErrorCode.SERVER, ErrorCode.CLIENT_PROXY, ErrorCode.SIGNATURE_VERIFICATION);
        assertThat(e.formattedCode(FaultStyle.CLASSIC))
                .isEqualTo("Server.ClientProxy.SignatureVerification.InvalidSignatureValue");
        assertThat(e.formattedCode(FaultStyle.SNAKE_CASE))
                .isEqualTo("server.clientproxy.signature_verification.invalid_signature_value");
        assertThat(e.code().endsWith(ErrorCode.INVALID_SIGNATURE_VALUE)).isTrue();
        assertThat(e.getMessage()).isEqualTo("digest of /message.xml differs");
    }

    @Test
    void malformedCodesAreRejected() {
        assertThatThrownBy(() -> FaultCode.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultCode.parse("Server..X")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> FaultCode.parse("x".repeat(2000))).hasMessageContaining("longer");
    }

    @Test
    void mechanicalSnakeCaseKeepsAcronymsTogether() {
        assertThat(ErrorCode.snakeCaseOf("InvalidSignatureValue")).isEqualTo("invalid_signature_value");
        assertThat(ErrorCode.snakeCaseOf("IOError")).isEqualTo("io_error");
        assertThat(ErrorCode.snakeCaseOf("HSMNonOperational")).isEqualTo("hsm_non_operational");
    }
}
