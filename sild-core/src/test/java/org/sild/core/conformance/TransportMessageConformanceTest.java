package org.sild.core.conformance;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.transport.MessageType;
import org.sild.core.transport.PartDigest;
import org.sild.core.transport.TransportDecoder;
import org.sild.core.transport.TransportHeaders;
import org.sild.core.transport.TransportMessage;
import org.sild.core.transport.TransportVisitor;
import org.sild.core.xml.SafeXml;
import org.sild.testing.Vectors;

/**
 * X-Road's security-server-to-security-server messages ({@code proxy-core/src/test/proxymessages},
 * README-vectors section E), decoded with the HTTP headers X-Road's {@code ProxyMessageDecoderTest}
 * uses: {@code multipart/mixed; charset=UTF-8; boundary=<the file's boundary>} and SHA-512.
 */
class TransportMessageConformanceTest {

    private static final String DIR = "src/service/proxy/proxy-core/src/test/proxymessages/";
    private static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final AtomicInteger EXERCISED = new AtomicInteger();

    @AfterAll
    static void report() {
        Vectors.report("transport messages (proxymessages)", EXERCISED.get());
    }

    @Test
    void normalRequest() {
        var seen = decode("normal.request", false);
        assertThatCode(() -> seen.message.requireComplete(MessageType.SOAP)).doesNotThrowAnyException();
        assertThat(seen.soapIsFault).isFalse();
        assertThat(seen.soapXml).contains("<xroad:getState>a</xroad:getState>");
        assertThat(seen.signatureXml).startsWith("<?xml").contains("asic:XAdESSignatures");
        assertThat(seen.message.messageDigest().orElseThrow().digest()).isEqualTo(sha512(seen.soap));
        assertThat(seen.message.attachmentCount()).isZero();
        assertThat(seen.message.ocspResponses()).isEmpty();
    }

    @Test
    void normalResponse() {
        var seen = decode("normal.response", true);
        assertThatCode(() -> seen.message.requireComplete(MessageType.SOAP)).doesNotThrowAnyException();
        assertThat(seen.soapXml).contains("<xroad:getStateResponse>");
        assertThat(seen.signatureXml).endsWith("</asic:XAdESSignatures>\n");
    }

    @Test
    void attachmentRequest() {
        var seen = decode("attachment.request", false);
        assertThatCode(() -> seen.message.requireComplete(MessageType.SOAP)).doesNotThrowAnyException();
        assertThat(seen.attachments).containsExactly("text/plain:blaah");
        TransportMessage m = seen.message;
        assertThat(m.attachmentCount()).isEqualTo(1);
        assertThat(m.partDigests()).extracting(PartDigest::name).containsExactly("/message.xml", "/attachment1");
        assertThat(m.partDigests().get(1).digest()).isEqualTo(sha512("blaah".getBytes(US_ASCII)));
    }

    @Test
    void ocspRequest() {
        var seen = decode("ocsp.request", false);
        assertThatCode(() -> seen.message.requireComplete(MessageType.SOAP)).doesNotThrowAnyException();
        assertThat(seen.ocsp).hasSize(1);
        byte[] der = seen.ocsp.get(0);
        // An OCSPResponse SEQUENCE whose length field covers exactly the part.
        assertThat(der[0]).isEqualTo((byte) 0x30);
        assertThat(der.length).isEqualTo(4 + (((der[2] & 0xff) << 8) | (der[3] & 0xff)));
        assertThat(seen.message.ocspResponses()).hasSize(1);
    }

    @Test
    void soapFaultInTheMessagePosition() {
        var seen = decode("normal-soapfault.request", false);
        // X-Road's decoder parses the SOAP part and reports the fault; here the transport hands the
        // part over as bytes and the SOAP layer (a StAX check in this test) recognises the fault.
        assertThat(seen.soapIsFault).isTrue();
        assertThat(seen.signatureXml).contains("asic:XAdESSignatures");
        assertThat(seen.faults).isEmpty();
    }

    @Test
    void faultInsteadOfSignature() {
        var seen = decode("fault-signature.request", false);
        assertThat(seen.faults).hasSize(1);
        assertThat(isSoapFault(seen.faults.get(0))).isTrue();
        assertThat(seen.signatureXml).isNull();
        assertThat(seen.message.signature()).isEmpty();
        assertThat(seen.message.fault()).isPresent();
        assertCode(() -> seen.message.requireComplete(MessageType.SOAP), ErrorCode.MISSING_SIGNATURE);
    }

    @Test
    void extraContentAfterSignature() {
        assertCode(() -> decode("extracontent.request", false), ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void invalidOcsp() {
        assertCode(() -> decode("invalid-ocsp.request", false), ErrorCode.IO_ERROR);
    }

    @Test
    void invalidSoapContentType() {
        assertCode(() -> decode("invalid-soap-contenttype.request", false), ErrorCode.INVALID_CONTENT_TYPE);
    }

    @Test
    void invalidContentTypeForSignature() {
        assertCode(() -> decode("invalid-contenttype-signature.request", false), ErrorCode.INVALID_CONTENT_TYPE);
    }

    // ProxyMessageDecoderTest.invalidContentType: an HTTP Content-Type that is no media type at all.
    @Test
    void contentTypeThatIsNoMediaType() {
        assertCode(() -> TransportHeaders.parse(MimeHeaders.of("Content-Type", "tsdfsdfsdf")),
                ErrorCode.INVALID_CONTENT_TYPE);
    }

    // --- helpers ---

    /** What the visitor saw, and the decoder's result. */
    private static final class Seen implements TransportVisitor {
        final List<byte[]> ocsp = new ArrayList<>();
        final List<String> attachments = new ArrayList<>();
        final List<byte[]> faults = new ArrayList<>();
        byte[] soap;
        String soapXml;
        boolean soapIsFault;
        String signatureXml;
        TransportMessage message;

        @Override
        public void ocspResponse(byte[] der) {
            ocsp.add(der);
        }

        @Override
        public void soap(MimeHeaders headers, InputStream envelope) throws IOException {
            soap = envelope.readAllBytes();
            soapXml = new String(soap, UTF_8);
            soapIsFault = isSoapFault(soap);
        }

        @Override
        public void attachment(int number, MimeHeaders headers, InputStream content) throws IOException {
            attachments.add(headers.first("content-type").orElse("") + ":" + new String(content.readAllBytes(), UTF_8));
        }

        @Override
        public void signature(byte[] xml) {
            signatureXml = new String(xml, UTF_8);
        }

        @Override
        public void fault(byte[] xml) {
            faults.add(xml);
        }
    }

    private static Seen decode(String file, boolean response) {
        byte[] raw = Vectors.bytes(DIR + file);
        EXERCISED.incrementAndGet();
        String firstLine = new String(raw, 0, indexOf(raw, (byte) '\n'), US_ASCII).strip();
        assertThat(firstLine).startsWith("--");
        var headers = TransportHeaders.parse(MimeHeaders.of(
                "Content-Type", "multipart/mixed; charset=UTF-8; boundary=" + firstLine.substring(2),
                "x-hash-algorithm", "SHA-512"));
        var seen = new Seen();
        var decoder = new TransportDecoder();
        var in = new ByteArrayInputStream(raw);
        seen.message = response ? decoder.decodeResponse(headers, in, seen) : decoder.decodeRequest(headers, in, seen);
        return seen;
    }

    /** Whether the first child of the SOAP Body is a SOAP 1.1 Fault. */
    static boolean isSoapFault(byte[] xml) {
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(xml));
            boolean inBody = false;
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    if (inBody) {
                        return SOAP_ENV.equals(r.getNamespaceURI()) && r.getLocalName().equals("Fault");
                    }
                    inBody = SOAP_ENV.equals(r.getNamespaceURI()) && r.getLocalName().equals("Body");
                }
            }
            return false;
        } catch (XMLStreamException e) {
            throw new AssertionError("not XML: " + e.getMessage(), e);
        }
    }

    private static void assertCode(Runnable action, ErrorCode code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo(FaultCode.of(code)));
    }

    private static int indexOf(byte[] b, byte value) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return b.length;
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
