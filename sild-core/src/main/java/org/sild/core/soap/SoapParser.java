package org.sild.core.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.xml.SafeXml;

/**
 * Reads SOAP 1.1 envelopes as information systems send them to a security server: the HTTP body
 * plus its Content-Type, validated with X-Road's rules and fault codes.
 *
 * <p>Accepted content types are {@code text/xml} and {@code application/xop+xml} (an MTOM root
 * part); anything else is {@code InvalidContentType}. The envelope is read into memory up to
 * {@link SoapLimits#maxSoapBytes()} (it is signed, hashed and logged, so its exact bytes are
 * kept) and parsed with StAX, never into a DOM.
 *
 * <p><b>Fault codes are bare</b>: {@code MissingHeaderField}, {@code InvalidSoap}, ... The caller
 * knows which side it is on and adds the prefix with {@link XRoadException#withPrefix}: the
 * consumer proxy {@code Client}, the provider proxy reading its information system's answer
 * {@code Server.ServerProxy.ServiceFailed}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SoapParser {

    private final SoapLimits limits;

    public SoapParser(SoapLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SoapLimits limits() {
        return limits;
    }

    /**
     * Parses an X-Road message or a SOAP fault.
     *
     * @param contentType the HTTP (or MIME part) Content-Type; its charset decides the decoding
     * @throws XRoadException with a bare code: {@code InvalidContentType}, {@code InvalidSoap},
     *     {@code InvalidXml}, {@code MissingHeader}, {@code MissingHeaderField},
     *     {@code DuplicateHeaderField}, {@code InvalidProtocolVersion}, {@code MissingBody},
     *     {@code InvalidBody}, {@code InconsistentHeaders}, {@code InvalidMessage} (too large) or
     *     {@code IOError}
     */
    public SoapEnvelope parse(InputStream body, String contentType) {
        MediaType type = soapPartType(contentType);
        return parseBytes(readBounded(body), contentType, type);
    }

    /**
     * Parses a request. A request whose body is a SOAP fault is refused with the fault's own code
     * and string, as X-Road does ({@code Client.} + that code once the caller prefixes it).
     */
    public SoapMessage parseRequest(InputStream body, String contentType) {
        return switch (parse(body, contentType)) {
            case SoapMessage message -> message;
            case SoapFaultMessage fault -> throw fault.fault().toException();
        };
    }

    /** Parses envelope bytes already held in memory (the SOAP part of a package). */
    SoapEnvelope parseBytes(byte[] bytes, String contentType, MediaType type) {
        if (bytes.length > limits.maxSoapBytes()) {
            throw tooLarge();
        }
        if (bytes.length == 0) {
            throw EnvelopeReader.invalidSoap("the SOAP message is empty");
        }
        Charset charset = XmlText.charset(type.charset(), bytes);
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

    /** The media type of a SOAP envelope, or {@code InvalidContentType}. */
    static MediaType soapPartType(String contentType) {
        if (contentType.isBlank()) {
            throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE, "the SOAP message has no Content-Type");
        }
        MediaType type = MediaType.parse(contentType);
        if (!type.is(MediaType.TEXT_XML) && !type.is(MediaType.XOP_XML)) {
            throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE, "invalid content type '" + type.baseType()
                    + "' for a SOAP message (expected text/xml or application/xop+xml)");
        }
        return type;
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
