package org.sild.core.soap;

import java.io.InputStream;
import java.util.Objects;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MimeHeaders;

/**
 * One attachment of a {@link SoapPackage}: its MIME headers (passed on unchanged, as PR-MESS
 * §2.4 requires), its parsed Content-Type and its body as a stream.
 *
 * <p>The body reads straight from the HTTP body and is valid only until the package's next
 * attachment is requested; it is never buffered. Not thread-safe.
 */
public record Attachment(MimeHeaders headers, ContentType contentType, InputStream body) {

    public Attachment {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }
}
