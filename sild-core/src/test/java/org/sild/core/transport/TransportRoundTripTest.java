package org.sild.core.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sild.core.multipart.GeneratedBytes;
import org.sild.core.multipart.MimeHeaders;

/** Encoder then decoder: the same parts, headers and digests come out, for SOAP and REST. */
class TransportRoundTripTest {

    static final byte[] SOAP = """
            <?xml version="1.0" encoding="UTF-8"?>
            <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">\
            <SOAP-ENV:Body><x/></SOAP-ENV:Body></SOAP-ENV:Envelope>""".getBytes(UTF_8);
    static final byte[] SIGNATURE = "<asic:XAdESSignatures/>".getBytes(UTF_8);

    static Stream<Long> seeds() {
        return LongStream.range(0, 300).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void soapWithAttachmentsRoundTrips(long seed) throws IOException {
        var random = new Random(seed);
        String algorithm = List.of("SHA-256", "SHA-384", "SHA-512").get(random.nextInt(3));
        var out = new ByteArrayOutputStream();
        var encoder = new TransportEncoder(out, algorithm, random);
        int ocspCount = random.nextInt(3);
        for (int i = 0; i < ocspCount; i++) {
            encoder.ocspResponse(Ocsp.tryLater());
        }
        var soapHeaders = random.nextBoolean() ? MimeHeaders.empty()
                : MimeHeaders.of("Content-Type", "application/xop+xml; charset=UTF-8; type=\"text/xml\"",
                        "Content-ID", "<rootpart>", "Content-Transfer-Encoding", "8bit");
        encoder.soap(soapHeaders, new ByteArrayInputStream(SOAP));
        var attachments = new ArrayList<byte[]>();
        var attachmentHeaders = new ArrayList<MimeHeaders>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            byte[] body = new byte[random.nextInt(5) == 0 ? 100_000 : random.nextInt(500)];
            random.nextBytes(body);
            var headers = MimeHeaders.of("Content-Type", "application/octet-stream",
                    "Content-ID", "<att" + i + "@x>", "X-Original", "value " + i);
            attachments.add(body);
            attachmentHeaders.add(headers);
            encoder.attachment(headers, new ByteArrayInputStream(body));
        }
        boolean batch = random.nextBoolean();
        if (batch) {
            encoder.hashChain("<HashChainResult/>".getBytes(UTF_8), "<HashChain/>".getBytes(UTF_8));
        }
        List<PartDigest> written = encoder.partDigests();
        encoder.signature(SIGNATURE);
        encoder.finish();

        var headers = TransportHeaders.builder(encoder.contentType()).hashAlgorithm(encoder.hashAlgorithm())
                .proxyVersion("7.8.0").requestId("9a1b").originalContentType("text/xml; charset=UTF-8")
                .originalSoapAction("\"\"").build();
        var received = TransportHeaders.parse(headers.toHttpHeaders());
        assertThat(received).isEqualTo(headers);

        var seen = new Recording(random);
        TransportMessage message = new TransportDecoder().decodeRequest(received,
                new ByteArrayInputStream(out.toByteArray()), seen);

        assertThatCode(() -> message.requireComplete(MessageType.SOAP)).doesNotThrowAnyException();
        assertThat(message.messageType()).contains(MessageType.SOAP);
        assertThat(message.hashAlgorithm()).contains(algorithm);
        assertThat(message.partDigests()).isEqualTo(written);
        assertThat(message.partDigests()).hasSize(1 + n);
        assertThat(message.partDigests().get(0).digest()).isEqualTo(digest(algorithm, SOAP));
        for (int i = 0; i < n; i++) {
            assertThat(message.partDigests().get(i + 1).digest()).isEqualTo(digest(algorithm, attachments.get(i)));
        }
        assertThat(message.attachmentCount()).isEqualTo(n);
        assertThat(message.attachmentBytes()).isEqualTo(attachments.stream().mapToLong(a -> a.length).sum());
        assertThat(message.ocspResponses()).hasSize(ocspCount);
        assertThat(seen.ocsp).isEqualTo(ocspCount);
        assertThat(message.signature()).hasValue(SIGNATURE);
        assertThat(message.hashChainResult().isPresent()).isEqualTo(batch);
        assertThat(message.hashChain().isPresent()).isEqualTo(batch);
        assertThat(message.fault()).isEmpty();

        assertThat(seen.soapHeaders.first("content-type")).isPresent();
        soapHeaders.fields().forEach(h -> assertThat(seen.soapHeaders.fields()).contains(h));
        assertThat(seen.attachmentHeaders).isEqualTo(attachmentHeaders);
        for (int i = 0; i < n; i++) {
            byte[] got = seen.attachments.get(i);
            assertThat(got).isEqualTo(Arrays.copyOf(attachments.get(i), got.length));
        }
    }

    @Test
    void restRequestWithBodyRoundTrips() throws IOException {
        byte[] header = "POST\r\n/r1/EE/GOV/1/sub/svc\r\nContent-Type:application/json\r\nx-road-request-id:1"
                .getBytes(UTF_8);
        byte[] body = "{\"a\":1}".getBytes(UTF_8);
        var out = new ByteArrayOutputStream();
        var encoder = new TransportEncoder(out, new Random(1));
        encoder.ocspResponse(Ocsp.tryLater());
        encoder.restRequest(header);
        encoder.restBody(new ByteArrayInputStream(body));
        encoder.hashChain("<r/>".getBytes(UTF_8), "<c/>".getBytes(UTF_8));
        encoder.signature(SIGNATURE);
        encoder.finish();
        assertThat(encoder.attachmentCount()).isEqualTo(1);
        assertThat(encoder.attachmentBytes()).isEqualTo(body.length);

        var headers = TransportHeaders.builder(encoder.contentType()).hashAlgorithm(encoder.hashAlgorithm())
                .messageType(MessageType.REST).build();
        assertThat(headers.toHttpHeaders().first("x-road-message-type")).contains("REST");
        var received = TransportHeaders.parse(headers.toHttpHeaders());
        assertThat(received.messageType()).isEqualTo(MessageType.REST);

        var seen = new Recording(new Random(0));
        var message = new TransportDecoder().decodeRequest(received, new ByteArrayInputStream(out.toByteArray()), seen);
        assertThatCode(() -> message.requireComplete(MessageType.REST)).doesNotThrowAnyException();
        assertThat(message.restHeaderPart()).hasValue(header);
        assertThat(seen.rest).isEqualTo(header);
        assertThat(message.partDigests()).extracting(PartDigest::name).containsExactly("/message.xml", "/attachment1");
        assertThat(message.partDigests()).isEqualTo(encoder.partDigests());
        assertThat(message.partDigests().get(0).digest()).isEqualTo(digest("SHA-512", header));
        assertThat(message.partDigests().get(1).digest()).isEqualTo(digest("SHA-512", body));
    }

    @Test
    void restResponseWithoutBodyRoundTrips() {
        byte[] header = "200\r\nOK\r\nx-road-request-id:1".getBytes(UTF_8);
        var out = new ByteArrayOutputStream();
        var encoder = new TransportEncoder(out, new Random(2));
        encoder.restResponse(header);
        encoder.signature(SIGNATURE);
        encoder.finish();
        var headers = TransportHeaders.builder(encoder.contentType()).hashAlgorithm("sha-512").build();
        var seen = new Recording(new Random(0));
        var message = new TransportDecoder().decodeResponse(headers, new ByteArrayInputStream(out.toByteArray()), seen);
        assertThatCode(() -> message.requireComplete(MessageType.REST)).doesNotThrowAnyException();
        assertThat(message.hashAlgorithm()).contains("SHA-512");
        assertThat(message.attachmentCount()).isZero();
        assertThat(seen.restHeaders.first("content-type")).contains("application/x-road-rest-response");
    }

    @Test
    void faultAfterAttachmentsReplacesTheSignature() {
        var out = new ByteArrayOutputStream();
        var encoder = new TransportEncoder(out, new Random(3));
        encoder.soap(MimeHeaders.empty(), new ByteArrayInputStream(SOAP));
        encoder.attachment(MimeHeaders.of("Content-Type", "text/plain"), new ByteArrayInputStream(new byte[10]));
        byte[] fault = "<SOAP-ENV:Envelope/>".getBytes(UTF_8);
        encoder.fault(fault);
        encoder.finish();
        var headers = TransportHeaders.builder(encoder.contentType()).hashAlgorithm("SHA-512").build();
        var seen = new Recording(new Random(0));
        var message = new TransportDecoder().decodeResponse(headers, new ByteArrayInputStream(out.toByteArray()), seen);
        assertThat(message.fault()).hasValue(fault);
        assertThat(seen.fault).isEqualTo(fault);
        assertThat(message.signature()).isEmpty();
        assertThat(message.attachmentCount()).isEqualTo(1);
    }

    @Test
    void aFaultWrittenFirstArrivesInTheSoapPosition() {
        var out = new ByteArrayOutputStream();
        var encoder = new TransportEncoder(out, new Random(4));
        encoder.fault(SOAP);
        encoder.finish();
        var headers = TransportHeaders.builder(encoder.contentType()).hashAlgorithm("SHA-512").build();
        var seen = new Recording(new Random(0));
        var message = new TransportDecoder().decodeResponse(headers, new ByteArrayInputStream(out.toByteArray()), seen);
        assertThat(message.messageType()).contains(MessageType.SOAP);
        assertThat(message.fault()).isEmpty();
        assertThat(seen.soapHeaders.first("content-type")).contains("text/xml; charset=UTF-8");
    }

    @Test
    void faultOnlyResponseBody() {
        var headers = TransportHeaders.parse(MimeHeaders.of("Content-Type", "text/xml; charset=UTF-8"));
        var seen = new Recording(new Random(0));
        var message = new TransportDecoder().decodeResponse(headers, new ByteArrayInputStream(SOAP), seen);
        assertThat(message.fault()).hasValue(SOAP);
        assertThat(seen.fault).isEqualTo(SOAP);
        assertThat(message.messageType()).isEmpty();
        assertThat(message.hashAlgorithm()).isEmpty();
    }

    @Test
    void aHugeAttachmentStreamsThroughWithItsDigest() throws Exception {
        long size = 128L * 1024 * 1024;
        var pipeIn = new PipedInputStream(256 * 1024);
        var pipeOut = new PipedOutputStream(pipeIn);
        var failure = new AtomicReference<Throwable>();
        var encoder = new TransportEncoder(pipeOut, new Random(5));
        Thread producer = Thread.ofVirtual().start(() -> {
            try (pipeOut) {
                encoder.soap(MimeHeaders.empty(), new ByteArrayInputStream(SOAP));
                encoder.attachment(MimeHeaders.of("Content-Type", "application/octet-stream"),
                        new GeneratedBytes(11, size));
                encoder.signature(SIGNATURE);
                encoder.finish();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        var headers = TransportHeaders.builder(encoder.contentType()).hashAlgorithm("SHA-512").build();
        var message = new TransportDecoder().decodeRequest(headers, pipeIn, new TransportVisitor() {
        });
        producer.join();
        assertThat(failure.get()).isNull();
        assertThat(message.attachmentBytes()).isEqualTo(size);
        assertThat(message.partDigests()).isEqualTo(encoder.partDigests());
        assertThat(message.signature()).hasValue(SIGNATURE);
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Records what it is given, reading streamed parts fully or partly at random. */
    static final class Recording implements TransportVisitor {
        private final Random random;
        int ocsp;
        MimeHeaders soapHeaders;
        MimeHeaders restHeaders;
        byte[] rest;
        byte[] fault;
        final List<MimeHeaders> attachmentHeaders = new ArrayList<>();
        final List<byte[]> attachments = new ArrayList<>();

        Recording(Random random) {
            this.random = random;
        }

        @Override
        public void ocspResponse(byte[] der) {
            ocsp++;
        }

        @Override
        public void soap(MimeHeaders headers, InputStream envelope) throws IOException {
            soapHeaders = headers;
            envelope.readNBytes(random.nextInt(SOAP.length + 1));
        }

        @Override
        public void attachment(int number, MimeHeaders headers, InputStream content) throws IOException {
            assertThat(number).isEqualTo(attachments.size() + 1);
            attachmentHeaders.add(headers);
            attachments.add(random.nextBoolean() ? content.readAllBytes() : content.readNBytes(random.nextInt(50)));
        }

        @Override
        public void rest(MimeHeaders headers, byte[] headerPart) {
            restHeaders = headers;
            rest = headerPart;
        }

        @Override
        public void restBody(MimeHeaders headers, InputStream body) throws IOException {
            body.read();
        }

        @Override
        public void fault(byte[] xml) {
            fault = xml;
        }
    }
}
