package org.sild.core.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class MediaTypeTest {

    @Test
    void parsesTypeAndParametersCaseInsensitivelyWithQuotes() {
        MediaType t = MediaType.parse("Multipart/Related; start-info=\"application/soap+xml\"; "
                + "type=\"application/xop+xml\"; boundary=\"jetty771207119h3h10dty\";charset=UTF-8");
        assertThat(t.baseType()).isEqualTo("multipart/related");
        assertThat(t.parameter("type")).contains("application/xop+xml");
        assertThat(t.parameter("boundary")).contains("jetty771207119h3h10dty");
        assertThat(t.charset()).contains(StandardCharsets.UTF_8);
        assertThat(MediaType.parse("text/xml;").parameters()).isEmpty();
        assertThat(MediaType.parse("text/xml; a=\"x\\\"y;z\" ; b = c").parameters())
                .containsEntry("a", "x\"y;z").containsEntry("b", "c");
    }

    @Test
    void malformedValuesAreInvalidContentType() {
        for (String bad : new String[] {"textxml", "/xml", "text/", "text/xml; a", "text/xml; a=\"open",
                "text/xml; a=\"x\" junk", "te xt/xml", "text/xml; charset=utf-99", "x".repeat(5000)}) {
            assertThatThrownBy(() -> MediaType.parse(bad).charset()).as(bad).isInstanceOfSatisfying(XRoadException.class,
                    e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_CONTENT_TYPE)));
        }
    }
}
