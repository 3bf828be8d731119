package org.sild.core.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartWriter;

/**
 * Writes a {@code multipart/related} SOAP package (PR-MESS §2.4): the envelope as the first part,
 * then the attachments, streamed.
 *
 * <p>Call {@link #soap} once, then {@link #attachment} or {@link #startAttachment} for each
 * attachment, then {@link #finish()}. Parts carry the MIME headers given (a forwarded package keeps
 * them unchanged); the HTTP Content-Type of a new package comes from {@link #contentType}, a
 * forwarded one keeps its original value, boundary included. Not thread-safe; does not close the
 * output stream.
 */
public final class SoapPackageWriter {

    private final MultipartWriter writer;
    private boolean soapWritten;

    /** A writer using {@code boundary}, the one named in the package's Content-Type. */
    public SoapPackageWriter(OutputStream out, String boundary) {
        this.writer = new MultipartWriter(out, boundary);
    }

    /**
     * The Content-Type of a new package: SwA ({@code type="text/xml"}) or, for MTOM,
     * {@code type="application/xop+xml"; start-info="text/xml"}.
     */
    public static String contentType(String boundary, boolean mtom) {
        var type = ContentType.of(SoapPackage.MULTIPART_RELATED)
                .withParameter("type", mtom ? SoapPackage.XOP_XML : SoapPackage.TEXT_XML);
        if (mtom) {
            type = type.withParameter("start-info", SoapPackage.TEXT_XML);
        }
        return type.withParameter("boundary", boundary).toString();
    }

    /** The headers of a new SOAP part: the envelope's Content-Type and {@code Content-Transfer-Encoding: 8bit}. */
    public static MimeHeaders soapPartHeaders(SoapEnvelope soap) {
        return MimeHeaders.of("Content-Type", soap.contentType(), "Content-Transfer-Encoding", "8bit");
    }

    /**
     * Writes the envelope's exact bytes as the first part. {@code headers} are written as given;
     * without a Content-Type among them the envelope's is added first.
     */
    public void soap(SoapEnvelope soap, MimeHeaders headers) {
        if (soapWritten) {
            throw new IllegalStateException("the SOAP part has already been written");
        }
        MimeHeaders h = headers;
        if (!headers.contains("Content-Type")) {
            var fields = new ArrayList<MimeHeaders.Header>(headers.fields());
            fields.add(0, new MimeHeaders.Header("Content-Type", soap.contentType()));
            h = new MimeHeaders(fields);
        }
        try {
            soap.writeTo(writer.startPart(h));
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "writing the SOAP part failed: " + e.getMessage(), e);
        }
        soapWritten = true;
    }

    /** Starts an attachment part; {@code headers} must include its Content-Type. Write the body to the stream. */
    public OutputStream startAttachment(MimeHeaders headers) {
        if (!soapWritten) {
            throw new IllegalStateException("the SOAP part must be written first");
        }
        if (!headers.contains("Content-Type")) {
            throw new IllegalArgumentException("an attachment needs a Content-Type header");
        }
        return writer.startPart(headers);
    }

    /** Writes a whole attachment, copying {@code body} to its end (the stream is not closed). */
    public void attachment(MimeHeaders headers, InputStream body) {
        OutputStream target = startAttachment(headers);
        try {
            body.transferTo(target);
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "copying an attachment failed: " + e.getMessage(), e);
        }
    }

    /** Copies every remaining attachment of {@code source}, headers unchanged. */
    public void attachments(SoapPackage source) {
        for (var a = source.nextAttachment(); a.isPresent(); a = source.nextAttachment()) {
            attachment(a.get().headers(), a.get().body());
        }
    }

    /** Writes the close delimiter. */
    public void finish() {
        if (!soapWritten) {
            throw new IllegalStateException("a SOAP package needs its SOAP part");
        }
        writer.finish();
    }

    /** The boundary in use. */
    public String boundary() {
        return writer.boundary();
    }
}
