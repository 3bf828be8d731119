package org.sild.core.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;

class MultipartWriterTest {

    @Test
    void writesCrlfFramingExactly() {
        var out = new ByteArrayOutputStream();
        var writer = new MultipartWriter(out, "b1");
        writer.part(MimeHeaders.of("Content-Type", "text/xml; charset=UTF-8", "X-Gone", "õ").without("x-gone"),
                "<a/>".getBytes(UTF_8));
        writer.part(MimeHeaders.empty(), new byte[0]);
        writer.part(MimeHeaders.of("Content-ID", "<x>"), new ByteArrayInputStream("tail\r\n".getBytes(UTF_8)));
        writer.finish();
        assertThat(out.toString(UTF_8)).isEqualTo("--b1\r\nContent-Type: text/xml; charset=UTF-8\r\n\r\n<a/>"
                + "\r\n--b1\r\n\r\n"
                + "\r\n--b1\r\nContent-ID: <x>\r\n\r\ntail\r\n"
                + "\r\n--b1--\r\n");
    }

    @Test
    void headerValuesAreWrittenAsUtf8() {
        var out = new ByteArrayOutputStream();
        var writer = new MultipartWriter(out, "b");
        writer.part(MimeHeaders.of("Content-Disposition", "attachment; filename=\"tõde.txt\""), new byte[0]);
        writer.finish();
        var part = MultipartReader.of(new ByteArrayInputStream(out.toByteArray()), "b").next().orElseThrow();
        assertThat(part.headers().first("content-disposition")).contains("attachment; filename=\"tõde.txt\"");
    }

    @Test
    void noPartsIsJustTheCloseDelimiter() {
        var out = new ByteArrayOutputStream();
        new MultipartWriter(out, "b").finish();
        assertThat(out.toString(UTF_8)).isEqualTo("--b--\r\n");
    }

    @Test
    void generatedBoundariesAreDeterministicForASeed() {
        String a = MultipartWriter.newBoundary("xtop", new Random(1));
        assertThat(a).startsWith("xtop").hasSize(4 + MultipartWriter.RANDOM_BOUNDARY_LENGTH)
                .isEqualTo(MultipartWriter.newBoundary("xtop", new Random(1)))
                .isNotEqualTo(MultipartWriter.newBoundary("xtop", new Random(2)));
        assertThat(a.substring(4)).matches("[0-9a-zA-Z]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ends with space ", "bad\"quote", "tab\there", "ümlaut",
        "x23456789012345678901234567890123456789012345678901234567890123456789012"})
    void rejectsBoundariesOutsideRfc2046(String boundary) {
        assertThatThrownBy(() -> new MultipartWriter(new ByteArrayOutputStream(), boundary))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--b\r\n", "--b\n", "--b--", "x\r\n--b\r\n", "x\n--b  \ny", "--b", "x\n--b \t",
        "x\r\n--b--and more"})
    void refusesABodyThatHoldsADelimiterLine(String body) {
        var writer = new MultipartWriter(new ByteArrayOutputStream(), "b");
        assertThatThrownBy(() -> {
            writer.part(MimeHeaders.empty(), body.getBytes(UTF_8));
            writer.finish();
        }).isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code())
                .isEqualTo(FaultCode.of(ErrorCode.INTERNAL_ERROR))).hasMessageContaining("--b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bx", "x--b\r\n", "\r--b\r\n", "--b-x", "x\n--b\r", "x\n--bb--", "x\n--b-", " --b--"})
    void acceptsBoundaryLikeLinesThatAreNoDelimiter(String body) throws IOException {
        var out = new ByteArrayOutputStream();
        var writer = new MultipartWriter(out, "b");
        OutputStream part = writer.startPart(MimeHeaders.empty());
        for (byte b : body.getBytes(UTF_8)) {
            part.write(b);
        }
        writer.finish();
        var read = MultipartReader.of(new ByteArrayInputStream(out.toByteArray()), "b").next().orElseThrow();
        assertThat(new String(read.body().readAllBytes(), UTF_8)).isEqualTo(body);
    }

    @Test
    void endedPartsAndFinishedWritersRefuseMore() throws IOException {
        var writer = new MultipartWriter(new ByteArrayOutputStream(), "b");
        OutputStream first = writer.startPart(MimeHeaders.empty());
        first.write('x');
        writer.startPart(MimeHeaders.empty());
        assertThatThrownBy(() -> first.write('y')).isInstanceOf(IllegalStateException.class);
        writer.finish();
        assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> writer.startPart(MimeHeaders.empty())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failingOutputIsIoError() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        };
        assertThatThrownBy(() -> new MultipartWriter(broken, "b").part(MimeHeaders.empty(), new byte[1]))
                .isInstanceOfSatisfying(XRoadException.class, e ->
                        assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.IO_ERROR)))
                .hasMessageContaining("broken pipe");
    }
}
