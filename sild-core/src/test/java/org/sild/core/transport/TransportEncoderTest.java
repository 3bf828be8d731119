package org.sild.core.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MimeHeaders;

class TransportEncoderTest {

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(UTF_8));
    }

    @Test
    void writesX_RoadShapedMessages() {
        var out = new ByteArrayOutputStream();
        var encoder = new TransportEncoder(out, "sha-512", new Random(7));
        ContentType ct = encoder.contentType();
        String boundary = ct.boundary().orElseThrow();
        assertThat(ct.toString()).isEqualTo("multipart/mixed; charset=UTF-8; boundary=" + boundary);
        assertThat(boundary).startsWith("xtop").hasSize(34);
        assertThat(encoder.hashAlgorithm()).isEqualTo("SHA-512");

        encoder.soap(MimeHeaders.of("Content-ID", "<root>"), text("<e/>"));
        encoder.attachment(MimeHeaders.of("Content-Type", "text/plain"), text("blaah"));
        encoder.signature("<sig/>".getBytes(UTF_8));
        encoder.finish();

        String att = "xatt" + boundary.substring(4);
        assertThat(out.toString(UTF_8)).isEqualTo("--" + boundary + "\r\n"
                + "Content-Type: text/xml; charset=UTF-8\r\nContent-ID: <root>\r\n\r\n<e/>\r\n"
                + "--" + boundary + "\r\nContent-Type: multipart/mixed; charset=UTF-8; boundary=" + att + "\r\n\r\n"
                + "--" + att + "\r\nContent-Type: text/plain\r\n\r\nblaah\r\n--" + att + "--\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: signature/bdoc-1.0/ts\r\n\r\n<sig/>\r\n"
                + "--" + boundary + "--\r\n");
        assertThat(encoder.partDigests()).extracting(PartDigest::name).containsExactly("/message.xml", "/attachment1");
        assertThat(encoder.partDigests().get(1).digest())
                .isEqualTo(TransportRoundTripTest.digest("SHA-512", "blaah".getBytes(UTF_8)));
        assertThat(encoder.attachmentCount()).isEqualTo(1);
        assertThat(encoder.attachmentBytes()).isEqualTo(5);
    }

    @Test
    void boundariesComeFromTheInjectedRandomness() {
        var a = new TransportEncoder(new ByteArrayOutputStream(), new Random(1)).contentType();
        var b = new TransportEncoder(new ByteArrayOutputStream(), new Random(1)).contentType();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void outOfOrderCallsAreIllegalState() {
        var encoder = new TransportEncoder(new ByteArrayOutputStream(), new Random(1));
        assertThatThrownBy(() -> encoder.attachment(MimeHeaders.empty(), text("x")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> encoder.restBody(text("x"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> encoder.signature(new byte[0])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(encoder::finish).isInstanceOf(IllegalStateException.class);
        encoder.restRequest("GET\r\n/r1".getBytes(UTF_8));
        assertThatThrownBy(() -> encoder.ocspResponse(Ocsp.tryLater())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> encoder.soap(MimeHeaders.empty(), text("<e/>")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> encoder.attachment(MimeHeaders.empty(), text("x")))
                .isInstanceOf(IllegalStateException.class);
        encoder.signature("<s/>".getBytes(UTF_8));
        assertThatThrownBy(() -> encoder.fault(new byte[0])).isInstanceOf(IllegalStateException.class);
        encoder.finish();
        assertThatThrownBy(encoder::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void soapPartMustBeXml() {
        var encoder = new TransportEncoder(new ByteArrayOutputStream(), new Random(1));
        assertThatThrownBy(() -> encoder.soap(MimeHeaders.of("Content-Type", "application/json"), text("{}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownAlgorithmIsUnsupportedAlgorithm() {
        assertThatThrownBy(() -> new TransportEncoder(new ByteArrayOutputStream(), "SHA-1", new Random(1)))
                .isInstanceOfSatisfying(XRoadException.class, e ->
                        assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.UNSUPPORTED_ALGORITHM)));
    }

    @Test
    void aFailingSourceIsIoError() {
        var encoder = new TransportEncoder(new ByteArrayOutputStream(), new Random(1));
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        };
        assertThatThrownBy(() -> encoder.soap(MimeHeaders.empty(), broken))
                .isInstanceOfSatisfying(XRoadException.class, e ->
                        assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.IO_ERROR)))
                .hasMessageContaining("client went away");
    }

    @Test
    void ocspDownloadResponseRoundTrips() {
        var out = new ByteArrayOutputStream();
        byte[] first = Ocsp.tryLater();
        var ct = OcspDownloadResponse.contentType("jetty625909216ic7gfi1u");
        assertThat(ct).hasToString("multipart/related; type=\"application/ocsp-response\"; charset=UTF-8; "
                + "boundary=jetty625909216ic7gfi1u");
        OcspDownloadResponse.write(out, "jetty625909216ic7gfi1u", List.of(first, first));
        var read = OcspDownloadResponse.read(ContentType.parse(ct.toString()),
                new ByteArrayInputStream(out.toByteArray()), TransportLimits.DEFAULTS);
        assertThat(read).hasSize(2).allSatisfy(r -> assertThat(r).isEqualTo(first));
        // the 7.x documentation example omits the type parameter
        var plain = ContentType.parse("multipart/related; charset=UTF-8; boundary=jetty625909216ic7gfi1u");
        assertThat(OcspDownloadResponse.read(plain, new ByteArrayInputStream(out.toByteArray()),
                TransportLimits.DEFAULTS)).hasSize(2);
    }

    @Test
    void ocspDownloadResponseErrors() {
        var ct = OcspDownloadResponse.contentType("b");
        var wrongPart = "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--".getBytes(UTF_8);
        assertThatThrownBy(() -> OcspDownloadResponse.read(ct, new ByteArrayInputStream(wrongPart),
                TransportLimits.DEFAULTS)).isInstanceOfSatisfying(XRoadException.class, e ->
                        assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_CONTENT_TYPE)));
        var badDer = "--b\r\nContent-Type: application/ocsp-response\r\n\r\nnope\r\n--b--".getBytes(UTF_8);
        assertThatThrownBy(() -> OcspDownloadResponse.read(ct, new ByteArrayInputStream(badDer),
                TransportLimits.DEFAULTS)).isInstanceOfSatisfying(XRoadException.class, e ->
                        assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.IO_ERROR)));
        assertThatThrownBy(() -> OcspDownloadResponse.read(ContentType.parse("text/plain"),
                new ByteArrayInputStream(new byte[0]), TransportLimits.DEFAULTS))
                .isInstanceOfSatisfying(XRoadException.class, e ->
                        assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.INVALID_CONTENT_TYPE)));
        var out = new ByteArrayOutputStream();
        OcspDownloadResponse.write(out, "b", List.of(Ocsp.tryLater(), Ocsp.tryLater()));
        var one = TransportLimits.builder().maxOcspResponses(1).build();
        assertThatThrownBy(() -> OcspDownloadResponse.read(ct, new ByteArrayInputStream(out.toByteArray()), one))
                .isInstanceOfSatisfying(XRoadException.class, e ->
                        assertThat(e.code()).isEqualTo(FaultCode.of(ErrorCode.IO_ERROR)));
    }
}
