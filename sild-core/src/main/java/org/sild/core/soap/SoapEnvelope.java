package org.sild.core.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * A parsed SOAP envelope with its exact bytes: either an X-Road {@link SoapMessage} or a
 * {@link SoapFaultMessage}.
 *
 * <p>The bytes are the ones received (byte order mark included); they are what is signed, hashed
 * and logged, so they are never re-serialised. Implementations are immutable.
 */
public sealed interface SoapEnvelope permits SoapMessage, SoapFaultMessage {

    /** A copy of the envelope's bytes. Prefer {@link #writeTo} or {@link #openStream} for large ones. */
    byte[] bytes();

    /** The Content-Type the envelope came with (the HTTP header, or its MIME part's header). */
    String contentType();

    /** The charset the envelope was decoded with. */
    Charset charset();

    /** Number of bytes. */
    int size();

    /** Writes the exact bytes to {@code out}. */
    void writeTo(OutputStream out) throws IOException;

    /** A fresh stream over the exact bytes. */
    InputStream openStream();
}
