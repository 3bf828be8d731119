package org.sild.core.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class ContentTypeTest {

    @Test
    void readsTheTransportMessageType() {
        var ct = ContentType.parse("multipart/mixed; charset=UTF-8; boundary=xtop1357783211hcn1yiro");
        assertThat(ct.mediaType()).isEqualTo("multipart/mixed");
        assertThat(ct.isMultipart()).isTrue();
        assertThat(ct.boundary()).contains("xtop1357783211hcn1yiro");
        assertThat(ct.charset()).contains("UTF-8");
        assertThat(ct).hasToString("multipart/mixed; charset=UTF-8; boundary=xtop1357783211hcn1yiro");
    }

    @Test
    void readsSwaAndMtomTypesWithQuotedValues() {
        var swa = ContentType.parse("Multipart/Related; TYPE=\"text/xml\"; start=\"<rootpart>\"; boundary=\"MIME_b\\\"x\"");
        assertThat(swa.mediaType()).isEqualTo("multipart/related");
        assertThat(swa.parameter("type")).contains("text/xml");
        assertThat(swa.parameter("Start")).contains("<rootpart>");
        assertThat(swa.boundary()).contains("MIME_b\"x");
        assertThat(swa).hasToString("multipart/related; type=\"text/xml\"; start=\"<rootpart>\"; boundary=\"MIME_b\\\"x\"");

        var xop = ContentType.parse("application/xop+xml; charset=UTF-8; type=\"text/xml\"");
        assertThat(xop.is("APPLICATION/XOP+XML")).isTrue();
        assertThat(xop.parameter("type")).contains("text/xml");
    }

    @Test
    void toleratesSloppySenders() {
        assertThat(ContentType.parse("  text/xml ; charset=UTF-8 ;").charset()).contains("UTF-8");
        assertThat(ContentType.parse("text/xml;charset = utf-8;;").charset()).contains("utf-8");
        assertThat(ContentType.parse("multipart/related; boundary=----=_Part_0_1.2").boundary())
                .contains("----=_Part_0_1.2");
        assertThat(ContentType.parse("text/plain").parameters()).isEmpty();
    }

    @Test
    void subtypesMayHoldSlashesAsXRoadsSignatureTypeDoes() {
        var sig = ContentType.parse("Signature/BDOC-1.0/TS");
        assertThat(sig.mediaType()).isEqualTo("signature/bdoc-1.0/ts");
        assertThat(sig.subtype()).isEqualTo("bdoc-1.0/ts");
        assertThat(ContentType.of("signature/bdoc-1.0/ts")).isEqualTo(sig);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tsdfsdfsdf", "text/xml/", "text//xml", "text/", "/xml", "text/xml; charset", "text/xml; =x",
        "text/xml; a=\"unterminated", "text/xml; a=1; A=2", "text xml", "text/xml junk"})
    void rejectsMalformedValuesAsInvalidContentType(String text) {
        assertThatThrownBy(() -> ContentType.parse(text))
                .isInstanceOfSatisfying(XRoadException.class, e ->
                        assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_CONTENT_TYPE)))
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void withParameterReplacesInPlaceOrAppends() {
        var ct = ContentType.of("multipart/mixed").withParameter("charset", "UTF-8").withParameter("boundary", "b1");
        assertThat(ct).hasToString("multipart/mixed; charset=UTF-8; boundary=b1");
        assertThat(ct.withParameter("CHARSET", "x")).hasToString("multipart/mixed; charset=x; boundary=b1");
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 500).mapToObj(i -> 7_000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void printThenParseIsIdentity(long seed) {
        var random = new Random(seed);
        var ct = new ContentType(token(random), token(random), List.of());
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            ct = ct.withParameter(token(random) + i, value(random));
        }
        assertThat(ContentType.parse(ct.toString())).isEqualTo(ct);
    }

    private static String token(Random random) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-+.!#$%&'*^_`{|}~";
        var b = new StringBuilder();
        int len = 1 + random.nextInt(12);
        for (int i = 0; i < len; i++) {
            b.append(chars.charAt(random.nextInt(chars.length())));
        }
        return b.toString();
    }

    private static String value(Random random) {
        var b = new StringBuilder();
        int len = random.nextInt(20);
        for (int i = 0; i < len; i++) {
            b.append((char) (32 + random.nextInt(95)));
        }
        return b.toString();
    }
}
