package org.sild.core.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.multipart.ContentType;
import org.sild.core.multipart.MimeHeaders;

/**
 * The HTTP headers of a transport message between security servers (PR-MESSTRANSP; digest 03 §5.1).
 *
 * <p>{@link #parse} reads them from the received HTTP headers (other headers are ignored: they are
 * not propagated); {@link #toHttpHeaders()} gives the fields to send, in a fixed order. The message
 * type is {@link MessageType#REST} when {@code x-road-message-type: REST} is present and SOAP
 * otherwise, as X-Road decides. Immutable and thread-safe.
 *
 * @param contentType {@code multipart/mixed; charset=UTF-8; boundary=...}, or {@code text/xml} for a
 *     fault-only response
 * @param hashAlgorithm {@code x-hash-algorithm}: the part digest algorithm name, e.g. {@code SHA-512}
 * @param proxyVersion {@code x-proxy-version}: the sender's software version
 * @param originalContentType {@code x-original-content-type}: the content type the information system used
 * @param originalSoapAction {@code x-original-soapaction}: the SOAPAction from the information system
 * @param requestId {@code x-road-request-id}: the exchange's UUID
 * @param messageType SOAP or REST ({@code x-road-message-type})
 */
public record TransportHeaders(
        ContentType contentType,
        Optional<String> hashAlgorithm,
        Optional<String> proxyVersion,
        Optional<String> originalContentType,
        Optional<String> originalSoapAction,
        Optional<String> requestId,
        MessageType messageType) {

    public static final String CONTENT_TYPE = "Content-Type";
    public static final String HASH_ALGORITHM = "x-hash-algorithm";
    public static final String PROXY_VERSION = "x-proxy-version";
    public static final String ORIGINAL_CONTENT_TYPE = "x-original-content-type";
    public static final String ORIGINAL_SOAP_ACTION = "x-original-soapaction";
    public static final String REQUEST_ID = "x-road-request-id";
    public static final String MESSAGE_TYPE = "x-road-message-type";
    /** The value of {@link #MESSAGE_TYPE} for REST messages. */
    public static final String MESSAGE_TYPE_REST = "REST";

    public TransportHeaders {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        Objects.requireNonNull(proxyVersion, "proxyVersion");
        Objects.requireNonNull(originalContentType, "originalContentType");
        Objects.requireNonNull(originalSoapAction, "originalSoapAction");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(messageType, "messageType");
    }

    /** A builder for headers of a message with {@code contentType}. */
    public static Builder builder(ContentType contentType) {
        return new Builder(contentType);
    }

    /**
     * Reads the transport headers from received HTTP headers.
     *
     * @throws XRoadException {@code InvalidContentType} if Content-Type is missing or malformed
     */
    public static TransportHeaders parse(MimeHeaders http) {
        String ct = http.first(CONTENT_TYPE).orElseThrow(() -> new XRoadException(ErrorCode.INVALID_CONTENT_TYPE,
                "transport message has no Content-Type header"));
        boolean rest = http.first(MESSAGE_TYPE).filter(MESSAGE_TYPE_REST::equalsIgnoreCase).isPresent();
        return new TransportHeaders(ContentType.parse(ct), http.first(HASH_ALGORITHM), http.first(PROXY_VERSION),
                http.first(ORIGINAL_CONTENT_TYPE), http.first(ORIGINAL_SOAP_ACTION), http.first(REQUEST_ID),
                rest ? MessageType.REST : MessageType.SOAP);
    }

    /** The HTTP header fields to send. */
    public MimeHeaders toHttpHeaders() {
        var list = new ArrayList<MimeHeaders.Header>();
        list.add(new MimeHeaders.Header(CONTENT_TYPE, contentType.toString()));
        hashAlgorithm.ifPresent(v -> list.add(new MimeHeaders.Header(HASH_ALGORITHM, v)));
        proxyVersion.ifPresent(v -> list.add(new MimeHeaders.Header(PROXY_VERSION, v)));
        originalContentType.ifPresent(v -> list.add(new MimeHeaders.Header(ORIGINAL_CONTENT_TYPE, v)));
        originalSoapAction.ifPresent(v -> list.add(new MimeHeaders.Header(ORIGINAL_SOAP_ACTION, v)));
        requestId.ifPresent(v -> list.add(new MimeHeaders.Header(REQUEST_ID, v)));
        if (messageType == MessageType.REST) {
            list.add(new MimeHeaders.Header(MESSAGE_TYPE, MESSAGE_TYPE_REST));
        }
        return new MimeHeaders(List.copyOf(list));
    }

    /** Builds {@link TransportHeaders}; not thread-safe. */
    public static final class Builder {
        private final ContentType contentType;
        private Optional<String> hashAlgorithm = Optional.empty();
        private Optional<String> proxyVersion = Optional.empty();
        private Optional<String> originalContentType = Optional.empty();
        private Optional<String> originalSoapAction = Optional.empty();
        private Optional<String> requestId = Optional.empty();
        private MessageType messageType = MessageType.SOAP;

        private Builder(ContentType contentType) {
            this.contentType = Objects.requireNonNull(contentType, "contentType");
        }

        public Builder hashAlgorithm(String value) {
            hashAlgorithm = Optional.of(value);
            return this;
        }

        public Builder proxyVersion(String value) {
            proxyVersion = Optional.of(value);
            return this;
        }

        public Builder originalContentType(String value) {
            originalContentType = Optional.of(value);
            return this;
        }

        public Builder originalSoapAction(String value) {
            originalSoapAction = Optional.of(value);
            return this;
        }

        public Builder requestId(String value) {
            requestId = Optional.of(value);
            return this;
        }

        public Builder messageType(MessageType value) {
            messageType = Objects.requireNonNull(value);
            return this;
        }

        public TransportHeaders build() {
            return new TransportHeaders(contentType, hashAlgorithm, proxyVersion, originalContentType,
                    originalSoapAction, requestId, messageType);
        }
    }
}
