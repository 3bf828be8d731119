package org.sild.core.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.MimeHeaders;

/**
 * What {@link TransportDecoder} found in a transport message: which parts came, the digests of the
 * signed parts, and the small parts held in memory (OCSP responses, REST header part, hash chain,
 * signature, fault). The streamed parts went to the {@link TransportVisitor}.
 *
 * <p>With the digests a signature can be checked without reading the message again. Immutable;
 * byte arrays are copied on the way out.
 */
public final class TransportMessage {

    private final Optional<MessageType> messageType;
    private final Optional<String> hashAlgorithm;
    private final List<byte[]> ocspResponses;
    private final Optional<MimeHeaders> messageHeaders;
    private final Optional<byte[]> restHeaderPart;
    private final List<PartDigest> partDigests;
    private final int attachmentCount;
    private final long attachmentBytes;
    private final Optional<byte[]> hashChainResult;
    private final Optional<byte[]> hashChain;
    private final Optional<byte[]> signature;
    private final Optional<byte[]> fault;

    TransportMessage(Collected c) {
        this.messageType = Optional.ofNullable(c.messageType);
        this.hashAlgorithm = Optional.ofNullable(c.hashAlgorithm);
        this.ocspResponses = List.copyOf(c.ocspResponses);
        this.messageHeaders = Optional.ofNullable(c.messageHeaders);
        this.restHeaderPart = Optional.ofNullable(c.restHeaderPart);
        this.partDigests = List.copyOf(c.partDigests);
        this.attachmentCount = c.attachmentCount;
        this.attachmentBytes = c.attachmentBytes;
        this.hashChainResult = Optional.ofNullable(c.hashChainResult);
        this.hashChain = Optional.ofNullable(c.hashChain);
        this.signature = Optional.ofNullable(c.signature);
        this.fault = Optional.ofNullable(c.fault);
    }

    /** SOAP or REST, after whichever message part came; empty when none did. */
    public Optional<MessageType> messageType() {
        return messageType;
    }

    /** The canonical part digest algorithm name; empty for a fault-only body. */
    public Optional<String> hashAlgorithm() {
        return hashAlgorithm;
    }

    /** The OCSP responses in wire order (DER). */
    public List<byte[]> ocspResponses() {
        return ocspResponses.stream().map(byte[]::clone).toList();
    }

    /** The MIME headers of the SOAP or REST header part. */
    public Optional<MimeHeaders> messageHeaders() {
        return messageHeaders;
    }

    /** The REST header part bytes, exactly as carried (02 §4). */
    public Optional<byte[]> restHeaderPart() {
        return restHeaderPart.map(byte[]::clone);
    }

    /** Digests of {@code /message.xml} and {@code /attachment1..N}, in that order. */
    public List<PartDigest> partDigests() {
        return partDigests;
    }

    /** The digest of {@code /message.xml}. */
    public Optional<PartDigest> messageDigest() {
        return partDigests.stream().filter(d -> d.name().equals(PartDigest.MESSAGE)).findFirst();
    }

    /** How many attachments (SOAP) or bodies (REST) came. */
    public int attachmentCount() {
        return attachmentCount;
    }

    /** The total size of the attachments or the REST body. */
    public long attachmentBytes() {
        return attachmentBytes;
    }

    /** The hash chain result XML of a batch signature. */
    public Optional<byte[]> hashChainResult() {
        return hashChainResult.map(byte[]::clone);
    }

    /** The hash chain XML of a batch signature. */
    public Optional<byte[]> hashChain() {
        return hashChain.map(byte[]::clone);
    }

    /** The signature XML. */
    public Optional<byte[]> signature() {
        return signature.map(byte[]::clone);
    }

    /** The SOAP fault sent instead of the signature or as the whole body (unparsed). */
    public Optional<byte[]> fault() {
        return fault.map(byte[]::clone);
    }

    /**
     * Checks that the message has the parts a complete {@code expected} message needs, in X-Road's
     * order of checks. Call it after handling a {@link #fault()}.
     *
     * @throws XRoadException {@code MissingSoap}, {@code MissingRest} or {@code MissingSignature}
     */
    public void requireComplete(MessageType expected) {
        if (messageType.filter(t -> t == expected).isEmpty()) {
            if (expected == MessageType.SOAP) {
                throw new XRoadException(ErrorCode.MISSING_SOAP, "transport message has no SOAP message part");
            }
            throw new XRoadException(ErrorCode.MISSING_REST, "transport message has no REST message part");
        }
        if (signature.isEmpty()) {
            throw new XRoadException(ErrorCode.MISSING_SIGNATURE, "transport message has no signature part");
        }
    }

    /** The decoder's mutable notes while reading. */
    static final class Collected {
        MessageType messageType;
        String hashAlgorithm;
        final List<byte[]> ocspResponses = new ArrayList<>();
        MimeHeaders messageHeaders;
        byte[] restHeaderPart;
        final List<PartDigest> partDigests = new ArrayList<>();
        int attachmentCount;
        long attachmentBytes;
        byte[] hashChainResult;
        byte[] hashChain;
        byte[] signature;
        byte[] fault;
    }
}
