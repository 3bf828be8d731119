package org.sild.core.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.core.globalconf.Faults.assertFault;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;

class MultipartScannerTest {

    @Test
    void crlfBodiesExcludeTheLineBreakBeforeTheDelimiter() {
        String text = "preamble\r\n--b\r\nA: 1\r\n\r\nfirst\r\nline\r\n--b\r\nB: 2\r\n\r\n\r\n--b--\r\nepilogue";
        var result = split(text, "b");
        assertThat(result.closed()).isTrue();
        assertThat(result.parts()).hasSize(2);
        assertThat(body(text, result.parts().get(0))).isEqualTo("first\r\nline");
        assertThat(body(text, result.parts().get(1))).isEmpty();
        assertThat(result.parts().get(1).headers().get("b")).contains("2");
    }

    @Test
    void bareLineFeedsAndFoldedHeaders() {
        String text = "--b\nName: first\n  second\nOther:x\n\nbody\n--b--";
        var result = split(text, "b");
        assertThat(result.parts().get(0).headers().get("NAME")).contains("first second");
        assertThat(result.parts().get(0).headers().get("other")).contains("x");
        assertThat(body(text, result.parts().get(0))).isEqualTo("body");
    }

    @Test
    void headersCutShortByADelimiterGiveAnEmptyBody() {
        String text = "--b\nA: 1\n--b\nB: 2\n\nx\n--b--";
        var result = split(text, "b");
        assertThat(result.parts()).hasSize(2);
        assertThat(body(text, result.parts().get(0))).isEmpty();
        assertThat(body(text, result.parts().get(1))).isEqualTo("x");
    }

    @Test
    void unclosedMultipartRunsToTheEnd() {
        String text = "--b\r\nA: 1\r\n\r\nrest of input";
        var result = split(text, "b");
        assertThat(result.closed()).isFalse();
        assertThat(body(text, result.parts().get(0))).isEqualTo("rest of input");
    }

    @Test
    void boundaryPrefixInsideABodyIsNotADelimiter() {
        String text = "--b\r\n\r\n--bx is text\r\n--b--\r\n";
        var result = split(text, "b");
        assertThat(body(text, result.parts().get(0))).isEqualTo("--bx is text");
    }

    @Test
    void malformedHeaders() {
        assertFault(() -> split("--b\r\nno colon\r\n\r\n--b--", "b"), ErrorCode.MALFORMED_GLOBAL_CONF)
                .hasMessageContaining("no colon");
        assertFault(() -> split("--b\r\n continuation\r\n\r\n--b--", "b"), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertFault(() -> split("--b\r\nBad Name: 1\r\n\r\n--b--", "b"), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertFault(() -> split("--b\r\nA: 1", "b"), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertFault(() -> split("--b\r\n" + "A: x\r\n".repeat(101) + "\r\n--b--", "b"), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertFault(() -> split("--b\r\nA: " + "x".repeat(9000) + "\r\n\r\n--b--", "b"), ErrorCode.MALFORMED_GLOBAL_CONF);
        assertFault(() -> split("no delimiter", "b"), ErrorCode.MALFORMED_GLOBAL_CONF);
    }

    @Test
    void headerValueParameters() {
        var v = MimeHeaders.HeaderValue.parse("SHARED-PARAMETERS; instance='EE'; Other=\"a;b\"; bare=x");
        assertThat(v.main()).isEqualTo("SHARED-PARAMETERS");
        assertThat(v.parameter("INSTANCE")).contains("EE");
        assertThat(v.parameter("other")).contains("a;b");
        assertThat(v.parameter("bare")).contains("x");
        assertFault(() -> MimeHeaders.HeaderValue.parse("x; novalue"), ErrorCode.MALFORMED_GLOBAL_CONF);
    }

    private static MultipartScanner.Result split(String text, String boundary) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return MultipartScanner.split(data, 0, data.length, boundary);
    }

    private static String body(String text, MultipartScanner.Part part) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return new String(data, part.bodyStart(), part.bodyEnd() - part.bodyStart(), StandardCharsets.UTF_8);
    }
}
