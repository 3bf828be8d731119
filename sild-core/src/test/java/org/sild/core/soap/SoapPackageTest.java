package org.sild.core.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.MimeHeaders;

class SoapPackageTest {

    private static final String BOUNDARY = "b1-soap";
    private final SoapParser parser = new SoapParser(new SoapLimits(64 * 1024, 20, 3));
    private final SoapMessage soap = parser.parseRequest(SoapTexts.stream(SoapTexts.request("")), "text/xml; charset=UTF-8");

    @Test
    void writtenPackagesReadBackPartForPart() throws IOException {
        for (boolean mtom : new boolean[] {false, true}) {
            var out = new ByteArrayOutputStream();
            var writer = new SoapPackageWriter(out, BOUNDARY);
            writer.soap(soap, SoapPackageWriter.soapPartHeaders(soap).with("Content-ID", "<soap@x>"));
            writer.attachment(MimeHeaders.of("Content-Type", "text/plain", "Content-ID", "<a1@x>"),
                    new ByteArrayInputStream("first\r\n--b1-soapX".getBytes(StandardCharsets.UTF_8)));
            writer.startAttachment(MimeHeaders.of("Content-Type", "application/octet-stream")).write(new byte[] {0, 1, 2});
            writer.finish();

            String contentType = SoapPackageWriter.contentType(BOUNDARY, mtom);
            assertThat(contentType).startsWith("multipart/related; type=" + (mtom ? "\"application/xop+xml\"; "
                    + "start-info=\"text/xml\"" : "\"text/xml\"")).endsWith("; boundary=b1-soap");
            SoapPackage read = parser.readRequest(new ByteArrayInputStream(out.toByteArray()), contentType);
            assertThat(read.isMultipart()).isTrue();
            assertThat(read.soap().bytes()).isEqualTo(soap.bytes());
            assertThat(read.message().orElseThrow().header()).isEqualTo(soap.header());
            assertThat(read.soapPartHeaders()).isEqualTo(MimeHeaders.of("Content-Type", "text/xml; charset=UTF-8",
                    "Content-Transfer-Encoding", "8bit", "Content-ID", "<soap@x>"));
            Attachment first = read.nextAttachment().orElseThrow();
            assertThat(first.headers().first("Content-ID")).contains("<a1@x>");
            assertThat(new String(first.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first\r\n--b1-soapX");
            assertThat(read.nextAttachment().orElseThrow().body().readAllBytes()).containsExactly(0, 1, 2);
            assertThat(read.nextAttachment()).isEmpty();
            assertThat(read.attachmentCount()).isEqualTo(2);
        }
    }

    @Test
    void forwardingKeepsPartHeadersAndBoundary() throws IOException {
        String original = "--outer\nContent-Type: application/xop+xml; type=\"text/xml\"; charset=UTF-8\nContent-ID: <root>\n\n"
                + SoapTexts.request("") + "\n--outer\nContent-Type: image/png\nX-Custom:  kept \n\nPNG\n--outer--\n";
        String type = "multipart/related; type=\"application/xop+xml\"; start=\"<root>\"; boundary=outer";
        SoapPackage in = parser.read(SoapTexts.stream(original), type);

        var out = new ByteArrayOutputStream();
        var writer = new SoapPackageWriter(out, "outer");
        writer.soap(in.soap(), in.soapPartHeaders());
        writer.attachments(in);
        writer.finish();

        SoapPackage again = parser.read(new ByteArrayInputStream(out.toByteArray()), type);
        assertThat(again.soap().bytes()).isEqualTo(in.soap().bytes());
        assertThat(again.soapPartHeaders()).isEqualTo(in.soapPartHeaders());
        Attachment png = again.nextAttachment().orElseThrow();
        assertThat(png.headers()).isEqualTo(MimeHeaders.of("Content-Type", "image/png", "X-Custom", "kept"));
        assertThat(png.body().readAllBytes()).isEqualTo("PNG".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void attachmentsAreStreamedNotBuffered() throws IOException {
        long size = 24L * 1024 * 1024; // far above the 64 KiB envelope limit of this parser
        var body = new java.io.SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
                SoapTexts.stream("--x\r\nContent-Type: text/xml\r\n\r\n" + SoapTexts.request("")
                        + "\r\n--x\r\nContent-Type: application/octet-stream\r\n\r\n"),
                new Filler(size), SoapTexts.stream("\r\n--x--\r\n"))));
        SoapPackage pkg = parser.readRequest(body, "multipart/related; boundary=x");
        long counted = pkg.nextAttachment().orElseThrow().body().transferTo(OutputStream.nullOutputStream());
        assertThat(counted).isEqualTo(size);
        pkg.finish();
    }

    @Test
    void packageErrors() {
        String soapPart = "Content-Type: text/xml\n\n" + SoapTexts.request("") + "\n";
        assertFault("--x\n\n" + SoapTexts.request("") + "\n--x--\n", ErrorCode.INVALID_CONTENT_TYPE, "no Content-Type");
        assertFault("--x\nContent-Type: application/octet-stream\n\nabc\n--x--\n", ErrorCode.INVALID_CONTENT_TYPE,
                "application/octet-stream");
        assertFault("--x\n" + soapPart + ("--x\nContent-Type: text/plain\n\na\n").repeat(4) + "--x--\n",
                ErrorCode.MIME_PARSING_FAILED, "parts");
        // A package without its close delimiter is accepted, as X-Road accepts it from information systems.
        assertFault("--x--\n", ErrorCode.MISSING_SOAP, "no parts");
        assertFault(" \r\n", ErrorCode.MISSING_SOAP, "empty");
        String big = "--x\nContent-Type: text/xml\n\n" + SoapTexts.request("<x:pad xmlns:x='urn:x'>"
                + "p".repeat(70_000) + "</x:pad>") + "\n--x--\n";
        assertFault(big, ErrorCode.INVALID_MESSAGE, "65536 bytes");
        assertThatThrownBy(() -> parser.read(SoapTexts.stream("x"), "multipart/mixed; boundary=x"))
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_CONTENT_TYPE)));
    }

    @Test
    void singleEnvelopeIsAPackageWithoutAttachments() {
        SoapPackage pkg = parser.read(SoapTexts.stream(SoapTexts.request("")), "text/xml");
        assertThat(pkg.isMultipart()).isFalse();
        assertThat(pkg.soapPartHeaders().isEmpty()).isTrue();
        assertThat(pkg.nextAttachment()).isEmpty();
        assertThat(pkg.contentType()).isEqualTo("text/xml");
    }

    @Test
    void writerEnforcesSoapFirstAndContentTypes() {
        var writer = new SoapPackageWriter(new ByteArrayOutputStream(), BOUNDARY);
        assertThatThrownBy(() -> writer.startAttachment(MimeHeaders.of("Content-Type", "text/plain")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
        writer.soap(soap, MimeHeaders.empty());
        assertThatThrownBy(() -> writer.soap(soap, MimeHeaders.empty())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> writer.startAttachment(MimeHeaders.of("Content-ID", "<a>")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(writer.boundary()).isEqualTo(BOUNDARY);
    }

    private void assertFault(String body, ErrorCode code, String messagePart) {
        assertThatThrownBy(() -> parser.readRequest(SoapTexts.stream(body), "multipart/related; boundary=x").finish())
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code()).isEqualTo(FaultCode.of(code)))
                .hasMessageContaining(messagePart);
    }

    /** {@code size} bytes of 'a' without a backing array. */
    private static final class Filler extends InputStream {
        private long left;

        Filler(long size) {
            left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 'a' : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'a');
            left -= n;
            return n;
        }
    }
}
