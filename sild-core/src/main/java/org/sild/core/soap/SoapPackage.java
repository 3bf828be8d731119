package org.sild.core.soap;

import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.BodyPart;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartReader;

/**
 * A SOAP message as carried over HTTP: a single envelope, or a {@code multipart/related} package
 * (SOAP with attachments, or MTOM) whose first part is the envelope.
 *
 * <p>The envelope is parsed and held with its exact bytes; the attachments are not read yet.
 * {@link #nextAttachment()} hands them out one at a time as streams straight from the HTTP body,
 * so a package of any size passes in bounded memory. {@link #finish()} reads to the end of the
 * package, which also verifies that it is complete. Single-threaded, single pass; the package does
 * not close the stream it reads from.
 */
public final class SoapPackage {

    static final String TEXT_XML = "text/xml";
    static final String XOP_XML = "application/xop+xml";
    static final String MULTIPART_RELATED = "multipart/related";

    private final SoapEnvelope soap;
    private final String contentType;
    private final MimeHeaders soapPartHeaders;
    private final Optional<MultipartReader> reader;
    private int attachments;
    private boolean finished;

    private SoapPackage(SoapEnvelope soap, String contentType, MimeHeaders soapPartHeaders,
            Optional<MultipartReader> reader) {
        this.soap = Objects.requireNonNull(soap, "soap");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.soapPartHeaders = soapPartHeaders;
        this.reader = reader;
    }

    static SoapPackage single(SoapEnvelope soap, String contentType) {
        return new SoapPackage(soap, contentType, MimeHeaders.empty(), Optional.empty());
    }

    static SoapPackage multipart(SoapEnvelope soap, String contentType, MimeHeaders soapPartHeaders,
            MultipartReader reader) {
        return new SoapPackage(soap, contentType, soapPartHeaders, Optional.of(reader));
    }

    /** The envelope: the whole HTTP body, or the first MIME part's body. */
    public SoapEnvelope soap() {
        return soap;
    }

    /** The envelope when it is an X-Road message rather than a fault. */
    public Optional<SoapMessage> message() {
        return soap instanceof SoapMessage m ? Optional.of(m) : Optional.empty();
    }

    /** The HTTP Content-Type of the whole package (with the boundary when multipart). */
    public String contentType() {
        return contentType;
    }

    /** Whether this is a multipart package (it may still have no attachments). */
    public boolean isMultipart() {
        return reader.isPresent();
    }

    /** The MIME headers of the SOAP part (such as its Content-ID); empty for a single envelope. */
    public MimeHeaders soapPartHeaders() {
        return soapPartHeaders;
    }

    /**
     * The next attachment; the previous one's body can no longer be read.
     *
     * @throws XRoadException {@code InvalidContentType} for a part without (or with a malformed)
     *     Content-Type, {@code MimeParsingFailed} for malformed MIME or too many parts,
     *     {@code IOError} when the stream fails
     */
    public Optional<Attachment> nextAttachment() {
        if (reader.isEmpty() || finished) {
            return Optional.empty();
        }
        Optional<BodyPart> next = reader.get().next();
        if (next.isEmpty()) {
            finished = true;
            return Optional.empty();
        }
        BodyPart part = next.get();
        attachments++;
        var type = part.contentType().orElseThrow(() -> new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                "attachment " + attachments + " (MIME part " + (part.index() + 1) + ") has no Content-Type"));
        return Optional.of(new Attachment(part.headers(), type, part.body()));
    }

    /** How many attachments {@link #nextAttachment()} has handed out. */
    public int attachmentCount() {
        return attachments;
    }

    /** Skips the remaining attachments (checking each as {@link #nextAttachment()} does) to the end of the package. */
    public void finish() {
        while (nextAttachment().isPresent()) {
            // each call skips the unread rest of the previous part
        }
    }
}
