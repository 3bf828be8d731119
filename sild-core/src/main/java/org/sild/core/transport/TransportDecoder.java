package org.sild.core.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.BodyPart;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MultipartReader;

/**
 * Reads a transport message between security servers (PR-MESSTRANSP §3.1; digest 03 §5.3) and
 * enforces its part order:
 * <pre>
 * application/ocsp-response*                                 (requests)
 * ( text/xml | application/xop+xml ) [multipart/mixed]       SOAP + attachments
 *   | application/x-road-rest-(request|response) [application/x-road-rest-body]
 * [application/hash-chain-result] [application/hash-chain]
 * signature/bdoc-1.0/ts | text/xml (a SOAP fault instead of the signature)
 * </pre>
 * Each part goes to the {@link TransportVisitor} as it streams by, and the signed parts are digested
 * over their raw bytes with the algorithm of {@code x-hash-algorithm}.
 *
 * <p>Errors, as X-Road's {@code ProxyMessageDecoder}: content type neither multipart/mixed nor
 * (responses only) text/xml, a multipart without boundary, or a part of the wrong type:
 * {@code InvalidContentType}; a part after the signature: {@code InvalidMessage}; an unreadable OCSP
 * part, a stream failure or a held part over its bound: {@code IOError}; malformed MIME:
 * {@code MimeParsingFailed}; no {@code x-hash-algorithm}: {@code InternalError}; an unknown one:
 * {@code UnsupportedAlgorithm}. Missing parts are checked by {@link TransportMessage#requireComplete}.
 * This layer does not parse SOAP, REST or signatures; X-Road's proxy adds the
 * {@code ServiceFailed} prefix to these codes, which is the caller's business.
 *
 * <p>Immutable and thread-safe; each decode call works on its own stream.
 */
public final class TransportDecoder {

    private enum Next { OCSP, REST, SOAP, REST_BODY, ATTACHMENTS, HASH_CHAIN_RESULT, HASH_CHAIN, SIGNATURE, NONE }

    private final TransportLimits limits;

    public TransportDecoder(TransportLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A decoder with {@link TransportLimits#DEFAULTS}. */
    public TransportDecoder() {
        this(TransportLimits.DEFAULTS);
    }

    /** Decodes a request (consumer to provider security server): the body must be multipart. */
    public TransportMessage decodeRequest(TransportHeaders headers, InputStream body, TransportVisitor visitor) {
        return decode(headers, body, visitor, false);
    }

    /**
     * Decodes a response (provider to consumer security server): the body is multipart, or a SOAP
     * fault ({@code text/xml}) when the provider failed before it started the response.
     */
    public TransportMessage decodeResponse(TransportHeaders headers, InputStream body, TransportVisitor visitor) {
        return decode(headers, body, visitor, true);
    }

    private TransportMessage decode(TransportHeaders headers, InputStream body, TransportVisitor visitor,
            boolean faultAllowed) {
        ContentType type = headers.contentType();
        var collected = new TransportMessage.Collected();
        try {
            if (faultAllowed && type.is(PartTypes.TEXT_XML)) {
                collected.fault = Parts.readBounded(body, limits.maxFaultBytes(), "SOAP fault body");
                visitor.fault(collected.fault.clone());
            } else if (type.is(PartTypes.MULTIPART_MIXED)) {
                String algorithm = Digests.canonical(headers.hashAlgorithm().orElseThrow(() -> new XRoadException(
                        ErrorCode.INTERNAL_ERROR, "could not get hash algorithm identifier from message: no "
                        + TransportHeaders.HASH_ALGORITHM + " header")));
                collected.hashAlgorithm = algorithm;
                if (type.boundary().isEmpty()) {
                    throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                            "multipart content type is missing required boundary: '" + type + "'");
                }
                new Run(MultipartReader.of(body, type, limits.multipart()), visitor, collected).readAll();
            } else {
                throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                        "invalid content type for a transport message: '" + type.mediaType() + "'");
            }
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "reading transport message failed: " + e.getMessage(), e);
        }
        return new TransportMessage(collected);
    }

    /** One decoding pass: the part-order state machine. */
    private final class Run {
        private final MultipartReader reader;
        private final TransportVisitor visitor;
        private final TransportMessage.Collected out;
        private Next next = Next.OCSP;

        Run(MultipartReader reader, TransportVisitor visitor, TransportMessage.Collected out) {
            this.reader = reader;
            this.visitor = visitor;
            this.out = out;
        }

        void readAll() throws IOException {
            for (var part = reader.next(); part.isPresent(); part = reader.next()) {
                dispatch(part.get());
            }
        }

        /** Walks the states from {@link #next} until one takes the part, as X-Road's switch falls through. */
        private void dispatch(BodyPart part) throws IOException {
            String type = part.mediaType();
            while (true) {
                switch (next) {
                    case OCSP -> {
                        if (type.equals(PartTypes.OCSP_RESPONSE)) {
                            ocsp(part);
                            return;
                        }
                        next = Next.REST;
                    }
                    case REST -> {
                        if (type.equals(PartTypes.REST_REQUEST) || type.equals(PartTypes.REST_RESPONSE)) {
                            rest(part);
                            next = Next.REST_BODY;
                            return;
                        }
                        next = Next.SOAP;
                    }
                    case SOAP -> {
                        soap(part, type);
                        next = Next.ATTACHMENTS;
                        return;
                    }
                    case REST_BODY -> {
                        if (type.equals(PartTypes.REST_BODY)) {
                            restBody(part);
                            next = Next.HASH_CHAIN_RESULT;
                            return;
                        }
                        next = Next.ATTACHMENTS;
                    }
                    case ATTACHMENTS -> {
                        if (out.messageType == MessageType.SOAP && type.equals(PartTypes.MULTIPART_MIXED)) {
                            attachments(part);
                            next = Next.HASH_CHAIN_RESULT;
                            return;
                        }
                        next = Next.HASH_CHAIN_RESULT;
                    }
                    case HASH_CHAIN_RESULT -> {
                        if (type.equals(PartTypes.HASH_CHAIN_RESULT)) {
                            out.hashChainResult = Parts.readBounded(part.body(), limits.maxHashChainBytes(),
                                    "hash chain result part");
                            visitor.hashChainResult(out.hashChainResult.clone());
                            next = Next.HASH_CHAIN;
                            return;
                        }
                        next = Next.HASH_CHAIN;
                    }
                    case HASH_CHAIN -> {
                        if (type.equals(PartTypes.HASH_CHAIN)) {
                            out.hashChain = Parts.readBounded(part.body(), limits.maxHashChainBytes(),
                                    "hash chain part");
                            visitor.hashChain(out.hashChain.clone());
                            next = Next.SIGNATURE;
                            return;
                        }
                        next = Next.SIGNATURE;
                    }
                    case SIGNATURE -> {
                        signatureOrFault(part, type);
                        next = Next.NONE;
                        return;
                    }
                    case NONE -> throw new XRoadException(ErrorCode.INVALID_MESSAGE,
                            "extra content (" + type + ") after signature");
                    default -> throw new IllegalStateException("unknown state " + next);
                }
            }
        }

        private void ocsp(BodyPart part) throws IOException {
            if (out.ocspResponses.size() == limits.maxOcspResponses()) {
                throw new XRoadException(ErrorCode.IO_ERROR,
                        "more than " + limits.maxOcspResponses() + " OCSP response parts");
            }
            String what = "OCSP response part " + (out.ocspResponses.size() + 1);
            byte[] der = Parts.checkOcspResponse(
                    Parts.readBounded(part.body(), limits.maxOcspResponseBytes(), what), what);
            out.ocspResponses.add(der);
            visitor.ocspResponse(der.clone());
        }

        private void soap(BodyPart part, String type) throws IOException {
            if (!type.equals(PartTypes.TEXT_XML) && !type.equals(PartTypes.XOP_XML)) {
                throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                        "invalid content type for SOAP message: '" + type + "'");
            }
            out.messageType = MessageType.SOAP;
            out.messageHeaders = part.headers();
            var in = new DigestingInputStream(part.body(), Digests.create(out.hashAlgorithm));
            visitor.soap(part.headers(), in);
            in.drain();
            out.partDigests.add(new PartDigest(PartDigest.MESSAGE, out.hashAlgorithm, in.digest(), in.count()));
        }

        private void rest(BodyPart part) throws IOException {
            byte[] bytes = Parts.readBounded(part.body(), limits.maxRestHeaderBytes(), "REST header part");
            out.messageType = MessageType.REST;
            out.messageHeaders = part.headers();
            out.restHeaderPart = bytes;
            out.partDigests.add(new PartDigest(PartDigest.MESSAGE, out.hashAlgorithm,
                    Digests.create(out.hashAlgorithm).digest(bytes), bytes.length));
            visitor.rest(part.headers(), bytes.clone());
        }

        private void restBody(BodyPart part) throws IOException {
            var in = new DigestingInputStream(part.body(), Digests.create(out.hashAlgorithm));
            visitor.restBody(part.headers(), in);
            in.drain();
            addAttachmentDigest(in);
        }

        private void attachments(BodyPart part) throws IOException {
            var nested = MultipartReader.of(part.body(), part.contentType().orElseThrow(), limits.multipart());
            for (var a = nested.next(); a.isPresent(); a = nested.next()) {
                var in = new DigestingInputStream(a.get().body(), Digests.create(out.hashAlgorithm));
                visitor.attachment(out.attachmentCount + 1, a.get().headers(), in);
                in.drain();
                addAttachmentDigest(in);
            }
        }

        private void addAttachmentDigest(DigestingInputStream in) {
            out.attachmentCount++;
            out.attachmentBytes += in.count();
            out.partDigests.add(new PartDigest(PartDigest.attachment(out.attachmentCount), out.hashAlgorithm,
                    in.digest(), in.count()));
        }

        private void signatureOrFault(BodyPart part, String type) throws IOException {
            if (type.equals(PartTypes.SIGNATURE)) {
                out.signature = Parts.readBounded(part.body(), limits.maxSignatureBytes(), "signature part");
                visitor.signature(out.signature.clone());
            } else if (type.equals(PartTypes.TEXT_XML)) {
                out.fault = Parts.readBounded(part.body(), limits.maxFaultBytes(), "SOAP fault part");
                visitor.fault(out.fault.clone());
            } else {
                throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                        "received invalid content type instead of signature: '" + type + "'");
            }
        }
    }
}
