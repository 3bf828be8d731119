package org.sild.core.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartWriter;

/**
 * Writes a transport message between security servers in the part order {@link TransportDecoder}
 * enforces, digesting the signed parts as they stream out so the signature can be made afterwards.
 *
 * <p>Use: send {@link #contentType()} (and the other {@link TransportHeaders}) as HTTP headers;
 * write OCSP responses (requests only), then the SOAP part and its attachments or the REST header
 * part and its body; take {@link #partDigests()} to sign; write the signature (after the hash chain
 * parts of a batch signature) or, if something failed after streaming began, a {@link #fault};
 * then {@link #finish()}. The boundaries are {@code xtop} and {@code xatt} followed by the same 30
 * random characters, as X-Road makes them. A call out of order is an {@link IllegalStateException}.
 *
 * <p>Not thread-safe. The encoder never closes the output stream.
 */
public final class TransportEncoder {

    private enum State { START, SOAP, ATTACHMENTS, REST, REST_BODY, HASH_CHAIN, END, FINISHED }

    private final String hashAlgorithm;
    private final MultipartWriter top;
    private final String attachmentBoundary;
    private final List<PartDigest> digests = new ArrayList<>();
    private MultipartWriter nested;
    private State state = State.START;
    private int attachmentCount;
    private long attachmentBytes;

    /**
     * An encoder over {@code out} digesting parts with {@code hashAlgorithm} (for example
     * {@code SHA-512}); {@code random} makes the boundaries (a SecureRandom in production).
     *
     * @throws XRoadException {@code UnsupportedAlgorithm} for an unknown digest algorithm
     */
    public TransportEncoder(OutputStream out, String hashAlgorithm, Random random) {
        Objects.requireNonNull(out, "out");
        this.hashAlgorithm = Digests.canonical(hashAlgorithm);
        String unique = MultipartWriter.newBoundary("", random);
        this.top = new MultipartWriter(out, "xtop" + unique);
        this.attachmentBoundary = "xatt" + unique;
    }

    /** An encoder digesting with SHA-512, X-Road's default. */
    public TransportEncoder(OutputStream out, Random random) {
        this(out, Digests.DEFAULT, random);
    }

    /** {@code multipart/mixed; charset=UTF-8; boundary=xtop...}: the HTTP Content-Type. */
    public ContentType contentType() {
        return ContentType.of(PartTypes.MULTIPART_MIXED).withParameter("charset", "UTF-8")
                .withParameter("boundary", top.boundary());
    }

    /** The canonical digest algorithm name: the value of {@code x-hash-algorithm}. */
    public String hashAlgorithm() {
        return hashAlgorithm;
    }

    /** Writes an OCSP response of the sender's authentication certificate chain (requests only). */
    public void ocspResponse(byte[] der) {
        require(State.START, "an OCSP response");
        top.part(MimeHeaders.of("Content-Type", PartTypes.OCSP_RESPONSE), der);
    }

    /**
     * Writes the SOAP part with {@code headers}, which carry the information system's MIME headers;
     * without a Content-Type, {@code text/xml; charset=UTF-8} is added first.
     *
     * @throws IllegalArgumentException if the Content-Type is neither text/xml nor application/xop+xml
     */
    public void soap(MimeHeaders headers, InputStream envelope) {
        require(State.START, "the SOAP part");
        var ct = headers.contentType();
        if (ct.isEmpty()) {
            var list = new ArrayList<MimeHeaders.Header>();
            list.add(new MimeHeaders.Header("Content-Type", PartTypes.TEXT_XML_UTF8));
            list.addAll(headers.fields());
            headers = new MimeHeaders(list);
        } else if (!ct.get().is(PartTypes.TEXT_XML) && !ct.get().is(PartTypes.XOP_XML)) {
            throw new IllegalArgumentException("SOAP part content type '" + ct.get() + "' is not text/xml "
                    + "or application/xop+xml");
        }
        digests.add(stream(top, headers, envelope, PartDigest.MESSAGE));
        state = State.SOAP;
    }

    /** Writes a SOAP attachment with its original MIME headers; the first one opens the nested multipart. */
    public void attachment(MimeHeaders headers, InputStream content) {
        if (state == State.SOAP) {
            var nestedType = ContentType.of(PartTypes.MULTIPART_MIXED).withParameter("charset", "UTF-8")
                    .withParameter("boundary", attachmentBoundary);
            nested = new MultipartWriter(top.startPart(MimeHeaders.of("Content-Type", nestedType.toString())),
                    attachmentBoundary);
            state = State.ATTACHMENTS;
        }
        require(State.ATTACHMENTS, "an attachment");
        addAttachment(stream(nested, headers, content, PartDigest.attachment(attachmentCount + 1)));
    }

    /** Writes the REST header part of a request ({@code application/x-road-rest-request}). */
    public void restRequest(byte[] headerPart) {
        rest(PartTypes.REST_REQUEST, headerPart);
    }

    /** Writes the REST header part of a response ({@code application/x-road-rest-response}). */
    public void restResponse(byte[] headerPart) {
        rest(PartTypes.REST_RESPONSE, headerPart);
    }

    /** Writes the REST body ({@code application/x-road-rest-body}), signed as {@code /attachment1}. */
    public void restBody(InputStream body) {
        require(State.REST, "the REST body");
        addAttachment(stream(top, MimeHeaders.of("Content-Type", PartTypes.REST_BODY), body, PartDigest.attachment(1)));
        state = State.REST_BODY;
    }

    /** Digests of the parts written so far: {@code /message.xml}, then {@code /attachment1..N}. */
    public List<PartDigest> partDigests() {
        return List.copyOf(digests);
    }

    /** How many attachments (or REST bodies) were written. */
    public int attachmentCount() {
        return attachmentCount;
    }

    /** The total size of the attachments or REST body written. */
    public long attachmentBytes() {
        return attachmentBytes;
    }

    /** Writes the hash chain result and hash chain of a batch signature; the signature follows. */
    public void hashChain(byte[] hashChainResult, byte[] hashChain) {
        endMessage("the hash chain");
        top.part(MimeHeaders.of("Content-Type", PartTypes.HASH_CHAIN_RESULT), hashChainResult);
        top.part(MimeHeaders.of("Content-Type", PartTypes.HASH_CHAIN), hashChain);
        state = State.HASH_CHAIN;
    }

    /** Writes the signature XML ({@code signature/bdoc-1.0/ts}). */
    public void signature(byte[] signatureXml) {
        if (state != State.HASH_CHAIN) {
            endMessage("the signature");
        }
        top.part(MimeHeaders.of("Content-Type", PartTypes.SIGNATURE), signatureXml);
        state = State.END;
    }

    /**
     * Writes a SOAP fault as the last part, when the exchange failed after the message started
     * streaming (for example when signing failed). Allowed at any point before the signature.
     */
    public void fault(byte[] faultXml) {
        if (state == State.END || state == State.FINISHED) {
            throw new IllegalStateException("a fault cannot follow the signature");
        }
        closeAttachments();
        top.part(MimeHeaders.of("Content-Type", PartTypes.TEXT_XML_UTF8), faultXml);
        state = State.END;
    }

    /** Writes the close delimiter. Only a message ended by a signature or a fault can be finished. */
    public void finish() {
        require(State.END, "finish");
        top.finish();
        state = State.FINISHED;
    }

    private void rest(String type, byte[] headerPart) {
        require(State.START, "the REST header part");
        top.part(MimeHeaders.of("Content-Type", type), headerPart);
        digests.add(new PartDigest(PartDigest.MESSAGE, hashAlgorithm, Digests.create(hashAlgorithm).digest(headerPart),
                headerPart.length));
        state = State.REST;
    }

    private void endMessage(String what) {
        if (state != State.SOAP && state != State.ATTACHMENTS && state != State.REST && state != State.REST_BODY) {
            throw new IllegalStateException(what + " needs a SOAP or REST message before it, not state " + state);
        }
        closeAttachments();
    }

    private void closeAttachments() {
        if (state == State.ATTACHMENTS) {
            nested.finish();
            nested = null;
        }
    }

    private void addAttachment(PartDigest digest) {
        digests.add(digest);
        attachmentCount++;
        attachmentBytes += digest.length();
    }

    private PartDigest stream(MultipartWriter writer, MimeHeaders headers, InputStream content, String name) {
        var out = new DigestingOutputStream(writer.startPart(headers), Digests.create(hashAlgorithm));
        try {
            content.transferTo(out);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "streaming part " + name + " failed: " + e.getMessage(), e);
        }
        return new PartDigest(name, hashAlgorithm, out.digest(), out.count());
    }

    private void require(State expected, String what) {
        if (state != expected) {
            throw new IllegalStateException(what + " cannot be written in state " + state);
        }
    }
}
