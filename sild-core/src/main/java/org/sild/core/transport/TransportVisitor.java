package org.sild.core.transport;

import java.io.IOException;
import java.io.InputStream;
import org.sild.core.multipart.MimeHeaders;

/**
 * Receives the parts of a transport message as {@link TransportDecoder} reads them, in wire order.
 *
 * <p>Streams are valid only during the call; whatever the visitor leaves unread is read (and
 * digested) by the decoder afterwards, and closing them does nothing. Byte arrays are the visitor's
 * to keep. An exception thrown by a callback stops decoding and reaches the decoder's caller
 * unchanged ({@link IOException} becomes {@code IOError}). Every method does nothing by default.
 * Called on the decoding thread only.
 */
public interface TransportVisitor {

    /** An OCSP response for the sender's authentication certificate chain (DER, structurally checked). */
    default void ocspResponse(byte[] der) {
    }

    /**
     * The SOAP part ({@code text/xml} or {@code application/xop+xml}) with all its MIME headers.
     * It may be a SOAP fault: X-Road sends one here when it fails before writing the response;
     * recognising it is the SOAP layer's business.
     */
    default void soap(MimeHeaders headers, InputStream envelope) throws IOException {
    }

    /** SOAP attachment {@code number} (from 1) with its original MIME headers. */
    default void attachment(int number, MimeHeaders headers, InputStream content) throws IOException {
    }

    /** The REST header part ({@code application/x-road-rest-request} or {@code -response}). */
    default void rest(MimeHeaders headers, byte[] headerPart) {
    }

    /** The REST body ({@code application/x-road-rest-body}). */
    default void restBody(MimeHeaders headers, InputStream body) throws IOException {
    }

    /** The hash chain result XML of a batch signature. */
    default void hashChainResult(byte[] xml) {
    }

    /** The hash chain XML of a batch signature. */
    default void hashChain(byte[] xml) {
    }

    /** The signature XML ({@code signature/bdoc-1.0/ts}). */
    default void signature(byte[] xml) {
    }

    /**
     * A SOAP fault sent instead of the signature, or as the whole body of a response. The decoder
     * does not parse it; a consumer that finds it is no fault must reject the message.
     */
    default void fault(byte[] xml) {
    }
}
