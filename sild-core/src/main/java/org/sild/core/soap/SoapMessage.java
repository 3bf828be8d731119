package org.sild.core.soap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Objects;
import javax.xml.namespace.QName;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * An X-Road SOAP message (request or response): its parsed {@link SoapHeader}, the qualified name
 * of the body's wrapper element, and the exact bytes as received.
 *
 * <p>The bytes are what is signed, hashed ({@code requestHash}) and logged; nothing here
 * re-serialises them. The one sanctioned rewrite is {@link #withRequestHash}, done by the
 * provider's security server on responses. Immutable and thread-safe.
 */
public record SoapMessage(SoapHeader header, QName bodyElement, boolean rpcEncoded, byte[] bytes,
        String contentType, Charset charset) implements SoapEnvelope {

    public SoapMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(bodyElement, "bodyElement");
        bytes = bytes.clone();
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(charset, "charset");
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public int size() {
        return bytes.length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    @Override
    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    /** base64(SHA-512(bytes)): the {@code requestHash} the response to this request must carry. */
    public RequestHash requestHash() {
        return RequestHash.sha512(bytes);
    }

    /**
     * Checks, as the consumer's security server does, that {@code response} carries this request's
     * hash. The algorithm id is ignored.
     *
     * @throws XRoadException {@code InconsistentResponse} when the hash is missing or differs
     */
    public void checkResponseHash(SoapMessage response) {
        RequestHash expected = requestHash();
        RequestHash actual = response.header().requestHash().orElseThrow(() -> new XRoadException(
                ErrorCode.INCONSISTENT_RESPONSE, "response to '" + header.id() + "' has no requestHash header"));
        if (!expected.matches(actual)) {
            throw new XRoadException(ErrorCode.INCONSISTENT_RESPONSE, "requestHash '" + abbreviate(actual.value())
                    + "' of the response does not match the request ('" + abbreviate(expected.value()) + "')");
        }
    }

    /**
     * This response as the provider's security server forwards it: any {@code requestHash} the
     * information system supplied removed and {@code hash} inserted right after {@code id}, the
     * rest of the document preserved (see {@link ResponseRewriter}).
     */
    public SoapMessage withRequestHash(RequestHash hash) {
        var out = new ByteArrayOutputStream(bytes.length + 256);
        try {
            ResponseRewriter.insertRequestHash(new ByteArrayInputStream(bytes), charset, hash, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return new SoapMessage(header.withRequestHash(hash), bodyElement, rpcEncoded, out.toByteArray(),
                contentType, charset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoapMessage m && header.equals(m.header) && bodyElement.equals(m.bodyElement)
                && rpcEncoded == m.rpcEncoded && Arrays.equals(bytes, m.bytes)
                && contentType.equals(m.contentType) && charset.equals(m.charset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, bodyElement, rpcEncoded, Arrays.hashCode(bytes), contentType, charset);
    }

    @Override
    public String toString() {
        return "SoapMessage[" + header.id() + ", " + header.service() + ", body " + bodyElement + ", "
                + bytes.length + " bytes]";
    }

    private static String abbreviate(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "...";
    }
}
