package org.sild.core.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MimeHeaders;
import org.sild.core.multipart.MultipartReader;
import org.sild.core.multipart.MultipartWriter;

/**
 * The body of the answer to an OCSP download request on port 5577 (PR-MESSTRANSP §2.2; digest 03
 * §3): {@code multipart/related; type="application/ocsp-response"; charset=UTF-8; boundary=...}
 * with one {@code application/ocsp-response} part per requested certificate, in request order.
 *
 * <p>The reader accepts any multipart type with a boundary (X-Road's client does not check the
 * subtype) but only OCSP response parts; it returns them for the caller to match against the
 * certificates it asked for (X-Road requires exactly one per certificate). Stateless.
 */
public final class OcspDownloadResponse {

    private OcspDownloadResponse() {
    }

    /** The HTTP Content-Type for a body written with {@code boundary}. */
    public static ContentType contentType(String boundary) {
        return ContentType.of(PartTypes.MULTIPART_RELATED).withParameter("type", PartTypes.OCSP_RESPONSE)
                .withParameter("charset", "UTF-8").withParameter("boundary", boundary);
    }

    /** Writes {@code responses} (DER OCSPResponse each) with {@code boundary}; the stream stays open. */
    public static void write(OutputStream out, String boundary, List<byte[]> responses) {
        var writer = new MultipartWriter(out, boundary);
        for (byte[] der : responses) {
            writer.part(MimeHeaders.of("Content-Type", PartTypes.OCSP_RESPONSE), der);
        }
        writer.finish();
    }

    /**
     * Reads the OCSP responses from a body of {@code contentType}.
     *
     * @throws XRoadException {@code InvalidContentType} for a non-multipart body or a part of another
     *     type, {@code IOError} for an unreadable response or more than
     *     {@link TransportLimits#maxOcspResponses()}, {@code MimeParsingFailed} for malformed MIME
     */
    public static List<byte[]> read(ContentType contentType, InputStream body, TransportLimits limits) {
        var reader = MultipartReader.of(body, contentType, limits.multipart());
        var responses = new ArrayList<byte[]>();
        try {
            for (var part = reader.next(); part.isPresent(); part = reader.next()) {
                String type = part.get().mediaType();
                if (!type.equals(PartTypes.OCSP_RESPONSE)) {
                    throw new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                            "OCSP download response has a part of type '" + type + "'");
                }
                if (responses.size() == limits.maxOcspResponses()) {
                    throw new XRoadException(ErrorCode.IO_ERROR,
                            "OCSP download response has more than " + limits.maxOcspResponses() + " parts");
                }
                String what = "OCSP response " + (responses.size() + 1);
                responses.add(Parts.checkOcspResponse(
                        Parts.readBounded(part.get().body(), limits.maxOcspResponseBytes(), what), what));
            }
        } catch (IOException e) {
            throw new XRoadException(ErrorCode.IO_ERROR, "reading OCSP download response failed: " + e.getMessage(), e);
        }
        return responses;
    }
}
