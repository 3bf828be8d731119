package org.sild.securityserver.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.transport.TransportVisitor;

/**
 * Collects the parts of a transport message as it is decoded: the OCSP parts, the SOAP envelope or
 * REST header part in memory (bounded), attachments and REST bodies spooled (they may be large and must be held
 * until the signature at the end has been verified), and a fault sent instead of the message.
 *
 * <p>The {@code onMessage} hook runs as soon as the SOAP or REST header part has arrived, before
 * the rest of the message is read: the provider checks the headers there, as X-Road does. Not
 * thread-safe; one decoding pass.
 */
public final class IncomingParts implements TransportVisitor {

    /** An attachment (or REST body) with its MIME headers, spooled. */
    public record Part(MimeHeaders headers, Spools.Spool body) {
        public Part {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
        }
    }

    private final Spools spools;
    private final int maxSoapBytes;
    private final Consumer<IncomingParts> onMessage;
    private final List<byte[]> ocspResponses = new ArrayList<>();
    private Optional<MimeHeaders> soapHeaders = Optional.empty();
    private Optional<byte[]> soap = Optional.empty();
    private Optional<byte[]> rest = Optional.empty();
    private final List<Part> attachments = new ArrayList<>();
    private Optional<Part> restBody = Optional.empty();
    private Optional<byte[]> fault = Optional.empty();

    public IncomingParts(Spools spools, int maxSoapBytes, Consumer<IncomingParts> onMessage) {
        this.spools = Objects.requireNonNull(spools, "spools");
        this.maxSoapBytes = maxSoapBytes;
        this.onMessage = Objects.requireNonNull(onMessage, "onMessage");
    }

    /** Parts collected without a hook. */
    public static IncomingParts collecting(Spools spools, int maxSoapBytes) {
        return new IncomingParts(spools, maxSoapBytes, parts -> { });
    }

    @Override
    public void ocspResponse(byte[] der) {
        ocspResponses.add(der);
    }

    @Override
    public void soap(MimeHeaders headers, InputStream envelope) throws IOException {
        byte[] bytes = envelope.readNBytes(maxSoapBytes + 1);
        if (bytes.length > maxSoapBytes) {
            throw new XRoadException(ErrorCode.INVALID_MESSAGE,
                    "SOAP message is larger than the limit of " + maxSoapBytes + " bytes");
        }
        soapHeaders = Optional.of(headers);
        soap = Optional.of(bytes);
        onMessage.accept(this);
    }

    @Override
    public void attachment(int number, MimeHeaders headers, InputStream content) {
        attachments.add(new Part(headers, spools.copy(content, "attachment " + number)));
    }

    @Override
    public void rest(MimeHeaders headers, byte[] headerPart) {
        rest = Optional.of(headerPart);
        onMessage.accept(this);
    }

    @Override
    public void restBody(MimeHeaders headers, InputStream body) {
        restBody = Optional.of(new Part(headers, spools.copy(body, "REST body")));
    }

    @Override
    public void fault(byte[] xml) {
        fault = Optional.of(xml);
    }

    /** The OCSP responses of the sender's authentication certificate chain, as they came before the message. */
    public List<byte[]> ocspResponses() {
        return List.copyOf(ocspResponses);
    }

    /** The MIME headers of the SOAP part. */
    public Optional<MimeHeaders> soapHeaders() {
        return soapHeaders;
    }

    /** The SOAP envelope bytes, exactly as carried. */
    public Optional<byte[]> soap() {
        return soap;
    }

    /** The REST header part bytes. */
    public Optional<byte[]> rest() {
        return rest;
    }

    /** The SOAP attachments in order. */
    public List<Part> attachments() {
        return List.copyOf(attachments);
    }

    /** The REST body. */
    public Optional<Part> restBody() {
        return restBody;
    }

    /** A SOAP fault sent as the whole body or instead of the signature. */
    public Optional<byte[]> fault() {
        return fault;
    }
}
