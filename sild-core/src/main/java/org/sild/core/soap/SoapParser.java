package org.sild.core.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.BodyPart;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MultipartLimits;
import org.sild.core.multipart.MultipartReader;
import org.sild.core.xml.SafeXml;

/**
 * Reads SOAP 1.1 messages as information systems send them to a security server (and receive
 * them back): an HTTP body plus its Content-Type, validated with X-Road's rules and fault codes.
 *
 * <p>An envelope is {@code text/xml} or {@code application/xop+xml}; {@link #read} also takes a
 * {@code multipart/related} package (SwA or MTOM) whose first part is the envelope. Anything else is
 * {@code InvalidContentType}. The envelope is read into memory up to
 * {@link SoapLimits#maxSoapBytes()} (it is signed, hashed and logged, so its exact bytes are kept)
 * and parsed with StAX, never into a DOM; attachments are streamed.
 *
 * <p><b>Fault codes are bare</b>: {@code MissingHeaderField}, {@code InvalidSoap}, ... The caller
 * knows which side it is on and adds the prefix with {@link XRoadException#withPrefix}: the
 * consumer proxy {@code Client}, the provider proxy reading its information system's answer
 * {@code Server.ServerProxy.ServiceFailed}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SoapParser {

    private static final int BLANK_PROBE = 16;

    private final SoapLimits limits;

    public SoapParser(SoapLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SoapLimits limits() {
        return limits;
    }

    /**
     * Parses one envelope: an X-Road message or a SOAP fault.
     *
     * @param contentType the HTTP (or MIME part) Content-Type; its charset decides the decoding
     * @throws XRoadException with a bare code: {@code InvalidContentType}, {@code InvalidSoap},
     *     {@code InvalidXml}, {@code MissingHeader}, {@code MissingHeaderField},
     *     {@code DuplicateHeaderField}, {@code InvalidProtocolVersion}, {@code MissingBody},
     *     {@code InvalidBody}, {@code InconsistentHeaders}, {@code InvalidMessage} (too large) or
     *     {@code IOError}
     */
    public SoapEnvelope parse(InputStream envelope, String contentType) {
        ContentType type = envelopeType(contentType, "the SOAP message");
        return parseBytes(readBounded(envelope), contentType, type);
    }

    /**
     * Parses one envelope that must be a request. A request whose body is a SOAP fault is refused
     * with the fault's own code and string, as X-Road does ({@code Client.} + that code once the
     * caller prefixes it).
     */
    public SoapMessage parseRequest(InputStream envelope, String contentType) {
        return requireMessage(parse(envelope, contentType));
    }

    /**
     * Reads an HTTP body: a single envelope, or a {@code multipart/related} package whose first part
     * is the envelope ({@code text/xml} or {@code application/xop+xml}) and whose other parts are
     * attachments, handed out as streams by the returned package.
     *
     * @throws XRoadException as {@link #parse}, plus {@code MissingSoap} for a package without parts
     *     and {@code MimeParsingFailed} for malformed MIME
     */
    public SoapPackage read(InputStream body, String contentType) {
        ContentType type = parseContentType(contentType, "the message");
        if (type.is(SoapPackage.MULTIPART_RELATED)) {
            return readMultipart(body, contentType, type);
        }
        requireEnvelopeType(type, "the message");
        return SoapPackage.single(parseBytes(readBounded(body), contentType, type), contentType);
    }

    /** {@link #read}, refusing a request that is a SOAP fault as {@link #parseRequest} does. */
    public SoapPackage readRequest(InputStream body, String contentType) {
        SoapPackage pkg = read(body, contentType);
        requireMessage(pkg.soap());
        return pkg;
    }

    private SoapPackage readMultipart(InputStream body, String contentType, ContentType type) {
        var in = new PushbackInputStream(body, BLANK_PROBE);
        if (isBlank(in)) {
            throw missingSoap("the multipart message is empty");
        }
        var mimeLimits = new MultipartLimits(MultipartLimits.DEFAULTS.maxHeaderLineLength(),
                MultipartLimits.DEFAULTS.maxHeaderCount(), limits.maxAttachments() + 1);
        // Packages come from information systems; X-Road accepts them without the close delimiter.
        MultipartReader reader = MultipartReader.of(in, type, mimeLimits).acceptingMissingCloseDelimiter();
        BodyPart soapPart = reader.next().orElseThrow(() -> missingSoap("the multipart message has no parts"));
        String partContentType = soapPart.headers().first("Content-Type").orElseThrow(() -> new XRoadException(
                ErrorCode.INVALID_CONTENT_TYPE, "the SOAP part (the first MIME part) has no Content-Type"));
        ContentType partType = envelopeType(partContentType, "the SOAP part (the first MIME part)");
        SoapEnvelope soap = parseBytes(readBounded(soapPart.body()), partContentType, partType);
        return SoapPackage.multipart(soap, contentType, soapPart.headers(), reader);
    }

    /** Parses envelope bytes already held in memory. */
    SoapEnvelope parseBytes(byte[] bytes, String contentType, ContentType type) {
        if (bytes.length > limits.maxSoapBytes()) {
            throw tooLarge();
        }
        if (bytes.length == 0) {
            throw EnvelopeReader.invalidSoap("the SOAP message is empty");
        }
        Charset charset = XmlText.charset(type, bytes);
        XMLStreamReader reader = null;
        try {
            reader = SafeXml.reader(XmlText.reader(new ByteArrayInputStream(bytes), charset));
            return switch (EnvelopeReader.read(reader, limits.maxHeaderElements())) {
                case EnvelopeReader.Message m ->
                        new SoapMessage(m.header(), m.bodyElement(), m.rpcEncoded(), bytes, contentType, charset);
                case EnvelopeReader.Fault f -> new SoapFaultMessage(f.fault(), bytes, contentType, charset);
            };
        } catch (XMLStreamException e) {
            throw new XRoadException(ErrorCode.INVALID_SOAP, "malformed SOAP message: " + describe(e), e);
        } finally {
            close(reader);
        }
    }

    private static SoapMessage requireMessage(SoapEnvelope envelope) {
        return switch (envelope) {
            case SoapMessage message -> message;
            case SoapFaultMessage fault -> throw fault.fault().toException();
        };
    }

    private static ContentType envelopeType(String contentType, String what) {
        ContentType type = parseContentType(contentType, what);
        requireEnvelopeType(type, what);
        return type;
    }

    private static ContentType parseContentType(String contentType, String what) {
        if (contentType.isBlank()) {
            throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE, what + " has no Content-Type");
        }
        return ContentType.parse(contentType);
    }

    private static void requireEnvelopeType(ContentType type, String what) {
        // The type parameter of application/xop+xml is not checked: X-Road accepts
        // type="application/soap+xml" there, and the envelope's namespace tells SOAP 1.2 apart.
        if (!type.is(SoapPackage.TEXT_XML) && !type.is(SoapPackage.XOP_XML)) {
            throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE, "invalid content type '" + type.mediaType()
                    + "' of " + what + " (expected text/xml, application/xop+xml or multipart/related)");
        }
    }

    /** Whether the stream holds nothing but a byte order mark and whitespace; pushes back what it read. */
    private static boolean isBlank(PushbackInputStream in) {
        try {
            byte[] probe = in.readNBytes(BLANK_PROBE);
            in.unread(probe);
            if (probe.length == BLANK_PROBE) {
                return false;
            }
            int i = probe.length >= 3 && (probe[0] & 0xFF) == 0xEF && (probe[1] & 0xFF) == 0xBB
                    && (probe[2] & 0xFF) == 0xBF ? 3 : 0;
            for (; i < probe.length; i++) {
                if (" \t\r\n".indexOf(probe[i]) < 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot read the message: " + e.getMessage(), e);
        }
    }

    private byte[] readBounded(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(limits.maxSoapBytes() + 1);
            if (bytes.length > limits.maxSoapBytes()) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "cannot read the SOAP message: " + e.getMessage(), e);
        }
    }

    private XRoadException tooLarge() {
        return new XRoadException(ErrorCode.INVALID_MESSAGE,
                "SOAP message is larger than the limit of " + limits.maxSoapBytes() + " bytes");
    }

    private static XRoadException missingSoap(String message) {
        return new XRoadException(ErrorCode.MISSING_SOAP, message);
    }

    static String describe(XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        Throwable cause = e.getNestedException() != null ? e.getNestedException() : e.getCause();
        if (cause instanceof java.nio.charset.CharacterCodingException) {
            message = "bytes that are not valid in the declared charset (" + cause + ")";
        }
        return message.replaceAll("\\s+", " ").strip();
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Nothing was acquired beyond the in-memory bytes.
            }
        }
    }
}
