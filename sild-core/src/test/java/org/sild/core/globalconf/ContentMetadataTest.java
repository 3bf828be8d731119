package org.sild.core.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.globalconf.Faults.assertFault;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sild.core.crypto.DigestAlgorithm;
import org.sild.core.crypto.SignatureAlgorithm;
import org.sild.core.fault.ErrorCode;

class ContentMetadataTest {

    @Test
    void readsWhatSecurityServersStore() {
        var m = parse("{\"contentIdentifier\":\"SHARED-PARAMETERS\",\"instanceIdentifier\":\"EE\","
                + "\"expirationDate\":\"2124-05-20T17:42:55Z\", \"configurationVersion\": \"6\"}");
        assertThat(m.contentIdentifier()).contains("SHARED-PARAMETERS");
        assertThat(m.instanceIdentifier()).contains("EE");
        assertThat(m.expirationDate()).contains(Instant.parse("2124-05-20T17:42:55Z"));
        assertThat(m.version()).isEqualTo(6);
        assertThat(parse("{\"configurationVersion\":\"3\"}").contentIdentifier()).isEmpty();
        assertThat(parse("{}").version()).isEqualTo(2);
    }

    @Test
    void toleratesNullsNumbersUnknownKeysEscapesAndBom() {
        var m = parse("\uFEFF { \"contentFileName\" : null, \"configurationVersion\" : 4, \"other\": true, "
                + "\"x\": -1.5e3, \"contentLocation\": \"/V4/\\u0041\\/b\\\"c\" }");
        assertThat(m.contentFileName()).isEmpty();
        assertThat(m.version()).isEqualTo(4);
        assertThat(m.contentLocation()).contains("/V4/A/b\"c");
    }

    @Test
    void writesAndReadsBack() {
        var m = new ContentMetadata(Optional.of("FOO"), Optional.of("EE"), Optional.empty(), Optional.of("/a \"b\"\n"),
                Optional.of(Instant.parse("2030-01-01T00:00:00Z")), Optional.of(5));
        assertThat(new String(m.toJson(), StandardCharsets.UTF_8)).startsWith("{\"contentIdentifier\":\"FOO\",");
        assertThat(ContentMetadata.parse(m.toJson())).isEqualTo(m);
    }

    @Test
    void builtFromADirectoryEntry() {
        var part = new ContentPart(Optional.of("SHARED-PARAMETERS"), Optional.of("EE"), "/V6/1/shared-params.xml",
                Optional.empty(), DigestAlgorithm.SHA512, "AAAA");
        var dir = new ConfigurationDirectory(Instant.parse("2030-01-01T00:00:00Z"), Optional.of(6), List.of(part),
                TestCerts.selfSigned(TestCerts.RSA, "x"), SignatureAlgorithm.RSA_SHA512);
        var m = ContentMetadata.of(part, dir);
        assertThat(m.contentLocation()).contains("/V6/1/shared-params.xml");
        assertThat(m.expirationDate()).contains(dir.expireDate());
        assertThat(m.version()).isEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"a\":{}}", "{\"a\":[1]}", "{\"a\":1,\"a\":2}", "{\"a\":1} x", "{a:1}",
        "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":tru}", "{\"a\":1,}", "{\"a\":\"unterminated}",
        "{\"contentIdentifier\":1}", "{\"configurationVersion\":\"six\"}", "{\"configurationVersion\":0}",
        "{\"expirationDate\":\"tomorrow\"}", "{\"a\":\"tab\there\"}"})
    void rejectsAnythingElse(String json) {
        assertFault(() -> parse(json), ErrorCode.MALFORMED_GLOBAL_CONF);
    }

    private static ContentMetadata parse(String json) {
        return ContentMetadata.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
