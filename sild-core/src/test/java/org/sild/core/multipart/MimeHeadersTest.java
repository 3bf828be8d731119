package org.sild.core.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class MimeHeadersTest {

    @Test
    void keepsOrderAndSpellingAndLooksUpCaseInsensitively() {
        var h = MimeHeaders.of("Content-Type", "text/xml", "X-A", "1", "x-a", "2");
        assertThat(h.first("content-TYPE")).contains("text/xml");
        assertThat(h.all("X-a")).containsExactly("1", "2");
        assertThat(h.contains("missing")).isFalse();
        assertThat(h.fields()).extracting(MimeHeaders.Header::name).containsExactly("Content-Type", "X-A", "x-a");
        assertThat(h.contentType().orElseThrow().mediaType()).isEqualTo("text/xml");
    }

    @Test
    void editingGivesCopies() {
        var h = MimeHeaders.of("A", "1", "b", "2", "B", "3");
        assertThat(h.replacing("B", "x")).isEqualTo(MimeHeaders.of("A", "1", "b", "x"));
        assertThat(h.replacing("C", "y")).isEqualTo(MimeHeaders.of("A", "1", "b", "2", "B", "3", "C", "y"));
        assertThat(h.without("b")).isEqualTo(MimeHeaders.of("A", "1"));
        assertThat(h.with("A", "9").all("a")).containsExactly("1", "9");
        assertThat(h.size()).isEqualTo(3);
        assertThat(MimeHeaders.empty().isEmpty()).isTrue();
    }

    @Test
    void valuesAreStrippedAndLineBreaksRejected() {
        assertThat(new MimeHeaders.Header("A", " \tv v\t ").value()).isEqualTo("v v");
        assertThatThrownBy(() -> new MimeHeaders.Header("A", "x\r\nInjected: y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MimeHeaders.Header("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MimeHeaders.Header("a:b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MimeHeaders.of("odd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedContentTypeIsInvalidContentType() {
        assertThatThrownBy(() -> MimeHeaders.of("Content-Type", "nonsense").contentType())
                .isInstanceOfSatisfying(XRoadException.class, e ->
                        assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_CONTENT_TYPE)));
    }
}
