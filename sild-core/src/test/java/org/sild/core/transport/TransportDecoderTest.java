package org.sild.core.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.GeneratedBytes;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartLimits;
import org.sild.core.multipart.MultipartWriter;

/** The decoder's part-order state machine and its error codes. */
class TransportDecoderTest {

    private static final String B = "xtop0123456789";
    private static final TransportVisitor NOTHING = new TransportVisitor() {
    };

    /** A multipart body of parts given as alternating content types and bodies. */
    private static byte[] message(Object... typesAndBodies) {
        var out = new ByteArrayOutputStream();
        var writer = new MultipartWriter(out, B);
        for (int i = 0; i < typesAndBodies.length; i += 2) {
            Object body = typesAndBodies[i + 1];
            byte[] bytes = body instanceof byte[] b ? b : body.toString().getBytes(UTF_8);
            writer.part(MimeHeaders.of("Content-Type", (String) typesAndBodies[i]), bytes);
        }
        writer.finish();
        return out.toByteArray();
    }

    private static byte[] attachments() {
        var out = new ByteArrayOutputStream();
        var writer = new MultipartWriter(out, "xatt1");
        writer.part(MimeHeaders.of("Content-Type", "text/plain"), "a".getBytes(UTF_8));
        writer.finish();
        return out.toByteArray();
    }

    private static TransportHeaders headers(String contentType) {
        return TransportHeaders.parse(MimeHeaders.of("Content-Type", contentType, "x-hash-algorithm", "SHA-512"));
    }

    private static TransportMessage request(byte[] body) {
        return new TransportDecoder().decodeRequest(headers("multipart/mixed; charset=UTF-8; boundary=" + B),
                new ByteArrayInputStream(body), NOTHING);
    }

    private static void assertCode(Runnable action, ErrorCode code, String message) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(code))).hasMessageContaining(message);
    }

    @Test
    void partsOutOfPlaceAreInvalidContentType() {
        assertCode(() -> request(message("signature/bdoc-1.0/ts", "<s/>")), ErrorCode.INVALID_CONTENT_TYPE,
                "invalid content type for SOAP message: 'signature/bdoc-1.0/ts'");
        assertCode(() -> request(message("text/xml", "<e/>", "text/plain", "x")), ErrorCode.INVALID_CONTENT_TYPE,
                "instead of signature: 'text/plain'");
        assertCode(() -> request(message("text/xml", "<e/>", "application/hash-chain", "<c/>",
                "application/hash-chain-result", "<r/>")), ErrorCode.INVALID_CONTENT_TYPE, "hash-chain-result");
        assertCode(() -> request(message("application/x-road-rest-request", "GET\r\n/r1",
                "multipart/mixed; boundary=xatt1", attachments(), "signature/bdoc-1.0/ts", "<s/>")),
                ErrorCode.INVALID_CONTENT_TYPE, "multipart/mixed");
        assertCode(() -> request(message("text/xml", "<e/>", "application/ocsp-response", Ocsp.tryLater())),
                ErrorCode.INVALID_CONTENT_TYPE, "ocsp-response");
        // a part without Content-Type is text/plain by RFC 2046
        var noType = "--" + B + "\r\n\r\n<e/>\r\n--" + B + "--\r\n";
        assertCode(() -> request(noType.getBytes(UTF_8)), ErrorCode.INVALID_CONTENT_TYPE, "text/plain");
    }

    @Test
    void anythingAfterTheSignatureOrFaultIsInvalidMessage() {
        assertCode(() -> request(message("text/xml", "<e/>", "signature/bdoc-1.0/ts", "<s/>", "text/plain", "x")),
                ErrorCode.INVALID_MESSAGE, "extra content (text/plain) after signature");
        assertCode(() -> request(message("text/xml", "<e/>", "text/xml", "<fault/>", "signature/bdoc-1.0/ts", "<s/>")),
                ErrorCode.INVALID_MESSAGE, "after signature");
    }

    @Test
    void theOrderX_RoadAcceptsIsAccepted() {
        var m = request(message("application/ocsp-response", Ocsp.tryLater(), "application/ocsp-response",
                Ocsp.tryLater(), "TEXT/XML; charset=utf-8", "<e/>", "multipart/mixed; boundary=xatt1", attachments(),
                "application/hash-chain-result", "<r/>", "application/hash-chain", "<c/>",
                "signature/bdoc-1.0/ts", "<s/>"));
        assertThat(m.ocspResponses()).hasSize(2);
        assertThat(m.attachmentCount()).isEqualTo(1);
        assertThat(m.signature()).isPresent();
        // X-Road lets a hash chain result stand without its hash chain; so do we
        assertThat(request(message("text/xml", "<e/>", "application/hash-chain-result", "<r/>",
                "signature/bdoc-1.0/ts", "<s/>")).hashChain()).isEmpty();
    }

    @Test
    void missingPartsAreReportedByRequireComplete() {
        assertCode(() -> request(message()).requireComplete(MessageType.SOAP), ErrorCode.MISSING_SOAP, "SOAP");
        assertCode(() -> request(message()).requireComplete(MessageType.REST), ErrorCode.MISSING_REST, "REST");
        assertCode(() -> request(message("text/xml", "<e/>")).requireComplete(MessageType.REST),
                ErrorCode.MISSING_REST, "REST");
        assertCode(() -> request(message("application/x-road-rest-request", "GET\r\n/")).requireComplete(
                MessageType.SOAP), ErrorCode.MISSING_SOAP, "SOAP");
        assertCode(() -> request(message("text/xml", "<e/>")).requireComplete(MessageType.SOAP),
                ErrorCode.MISSING_SIGNATURE, "signature");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "multipart/mixed; charset=UTF-8|InvalidContentType|missing required boundary",
        "application/json|InvalidContentType|application/json",
        "text/xml; charset=UTF-8|InvalidContentType|text/xml",
        "multipart/related; boundary=x|InvalidContentType|multipart/related",
    })
    void badHttpContentTypesOfRequests(String contentType, String code, String message) {
        assertCode(() -> new TransportDecoder().decodeRequest(headers(contentType),
                new ByteArrayInputStream(new byte[0]), NOTHING), ErrorCode.bySpelling(code).orElseThrow(), message);
    }

    @Test
    void hashAlgorithmMustBeAnnouncedAndKnown() {
        var noAlgorithm = TransportHeaders.parse(MimeHeaders.of("Content-Type", "multipart/mixed; boundary=" + B));
        assertCode(() -> new TransportDecoder().decodeRequest(noAlgorithm,
                new ByteArrayInputStream(message()), NOTHING), ErrorCode.INTERNAL_ERROR, "x-hash-algorithm");
        var md5 = TransportHeaders.parse(MimeHeaders.of("Content-Type", "multipart/mixed; boundary=" + B,
                "x-hash-algorithm", "MD5"));
        assertCode(() -> new TransportDecoder().decodeRequest(md5, new ByteArrayInputStream(message()), NOTHING),
                ErrorCode.UNSUPPORTED_ALGORITHM, "MD5");
    }

    @Test
    void brokenOcspPartsAreIoError() {
        assertCode(() -> request(message("application/ocsp-response", "OCSP RESPONSE DUMMY\n", "text/xml", "<e/>")),
                ErrorCode.IO_ERROR, "OCSP response part 1");
        byte[] trailing = concat(Ocsp.tryLater(), new byte[] {0});
        assertCode(() -> request(message("application/ocsp-response", trailing)), ErrorCode.IO_ERROR, "OCSP");
        byte[] notOcsp = {0x30, 0x03, 0x02, 0x01, 0x05};
        assertCode(() -> request(message("application/ocsp-response", notOcsp)), ErrorCode.IO_ERROR, "OCSP");
    }

    @Test
    void heldPartsAreBounded() {
        var small = TransportLimits.builder().maxOcspResponses(1).maxSignatureBytes(10).maxHashChainBytes(10)
                .maxRestHeaderBytes(10).maxFaultBytes(10).maxOcspResponseBytes(4).build();
        var decoder = new TransportDecoder(small);
        var h = headers("multipart/mixed; boundary=" + B);
        List<byte[]> bodies = List.of(
                message("application/ocsp-response", Ocsp.tryLater()),
                message("text/xml", "<e/>", "signature/bdoc-1.0/ts", "<s>0123456789</s>"),
                message("text/xml", "<e/>", "application/hash-chain-result", "<r>0123456789</r>"),
                message("application/x-road-rest-request", "GET\r\n/r1/0123456789"),
                message("text/xml", "<e/>", "text/xml", "<fault>0123456789</fault>"));
        for (byte[] body : bodies) {
            assertCode(() -> decoder.decodeRequest(h, new ByteArrayInputStream(body), NOTHING), ErrorCode.IO_ERROR,
                    "larger than");
        }
        var two = TransportLimits.builder().maxOcspResponses(1).build();
        assertCode(() -> new TransportDecoder(two).decodeRequest(h, new ByteArrayInputStream(message(
                "application/ocsp-response", Ocsp.tryLater(), "application/ocsp-response", Ocsp.tryLater())),
                NOTHING), ErrorCode.IO_ERROR, "more than 1 OCSP");
        var faultOnly = TransportLimits.builder().maxFaultBytes(3).build();
        assertCode(() -> new TransportDecoder(faultOnly).decodeResponse(headers("text/xml"),
                new ByteArrayInputStream("<fault/>".getBytes(UTF_8)), NOTHING), ErrorCode.IO_ERROR, "larger than");
    }

    @Test
    void anOversizedSignatureIsRefusedWithoutHoldingIt() {
        long size = 64L * 1024 * 1024;
        byte[] head = ("--" + B + "\r\nContent-Type: text/xml\r\n\r\n<e/>\r\n--" + B
                + "\r\nContent-Type: signature/bdoc-1.0/ts\r\n\r\n").getBytes(UTF_8);
        byte[] tail = ("\r\n--" + B + "--\r\n").getBytes(UTF_8);
        var generated = new GeneratedBytes(3, size);
        InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head), generated, new ByteArrayInputStream(tail))));
        assertCode(() -> new TransportDecoder().decodeRequest(headers("multipart/mixed; boundary=" + B), body,
                NOTHING), ErrorCode.IO_ERROR, "signature part is larger than");
        assertThat(generated.served()).isLessThan(TransportLimits.DEFAULTS.maxSignatureBytes() + 128 * 1024L);
    }

    @Test
    void malformedMimeIsMimeParsingFailed() {
        byte[] full = message("text/xml", "<e/>", "signature/bdoc-1.0/ts", "<s/>");
        byte[] truncated = java.util.Arrays.copyOf(full, full.length - 10);
        assertCode(() -> request(truncated), ErrorCode.MIME_PARSING_FAILED, "delimiter");
        var limits = TransportLimits.builder().multipart(new MultipartLimits(100, 100, 2)).build();
        assertCode(() -> new TransportDecoder(limits).decodeRequest(headers("multipart/mixed; boundary=" + B),
                new ByteArrayInputStream(message("text/xml", "<e/>", "text/xml", "<f/>", "text/plain", "x")),
                NOTHING), ErrorCode.MIME_PARSING_FAILED, "more than 2 parts");
    }

    @Test
    void visitorFailuresStopDecoding() {
        var failing = new TransportVisitor() {
            @Override
            public void soap(MimeHeaders headers, InputStream envelope) throws IOException {
                throw new IOException("disk full");
            }
        };
        assertCode(() -> new TransportDecoder().decodeRequest(headers("multipart/mixed; boundary=" + B),
                new ByteArrayInputStream(message("text/xml", "<e/>")), failing), ErrorCode.IO_ERROR, "disk full");
        var refusing = new TransportVisitor() {
            @Override
            public void signature(byte[] xml) {
                throw new XRoadException(ErrorCode.MALFORMED_SIGNATURE, "no");
            }
        };
        assertCode(() -> new TransportDecoder().decodeRequest(headers("multipart/mixed; boundary=" + B),
                new ByteArrayInputStream(message("text/xml", "<e/>", "signature/bdoc-1.0/ts", "<s/>")), refusing),
                ErrorCode.MALFORMED_SIGNATURE, "no");
    }

    @Test
    void aBrokenNestedMultipartIsReported() {
        assertCode(() -> request(message("text/xml", "<e/>", "multipart/mixed", "x")), ErrorCode.INVALID_CONTENT_TYPE,
                "no boundary");
        assertCode(() -> request(message("text/xml", "<e/>", "multipart/mixed; boundary=xatt1", "--xatt1\r\n\r\nx")),
                ErrorCode.MIME_PARSING_FAILED, "delimiter");
    }

    @Test
    void headersParseAndPrint() {
        var http = MimeHeaders.of("content-type", "multipart/mixed; charset=UTF-8; boundary=" + B,
                "X-Hash-Algorithm", "SHA-512", "X-Proxy-Version", "7.8.0", "x-original-content-type", "text/xml",
                "x-original-soapaction", "\"urn:x\"", "X-Road-Request-Id", "r1", "x-road-message-type", "rest",
                "Connection", "close");
        var h = TransportHeaders.parse(http);
        assertThat(h.contentType().boundary()).contains(B);
        assertThat(h.hashAlgorithm()).contains("SHA-512");
        assertThat(h.proxyVersion()).contains("7.8.0");
        assertThat(h.originalContentType()).contains("text/xml");
        assertThat(h.originalSoapAction()).contains("\"urn:x\"");
        assertThat(h.requestId()).contains("r1");
        assertThat(h.messageType()).isEqualTo(MessageType.REST);
        assertThat(h.toHttpHeaders().fields()).extracting(MimeHeaders.Header::name).containsExactly("Content-Type",
                "x-hash-algorithm", "x-proxy-version", "x-original-content-type", "x-original-soapaction",
                "x-road-request-id", "x-road-message-type");
        assertThat(TransportHeaders.parse(MimeHeaders.of("Content-Type", "text/xml")).messageType())
                .isEqualTo(MessageType.SOAP);
        assertCode(() -> TransportHeaders.parse(MimeHeaders.empty()), ErrorCode.INVALID_CONTENT_TYPE,
                "no Content-Type");
        assertThat(TransportHeaders.builder(ContentType.of("text/xml")).build().toHttpHeaders().size()).isEqualTo(1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
