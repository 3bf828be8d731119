package org.sild.core.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Objects;

/**
 * A SOAP envelope whose body is a {@code Fault}, with its exact bytes, as an information system
 * answers with one. Security servers pass such answers on unchanged. Immutable.
 */
public record SoapFaultMessage(SoapFault fault, byte[] bytes, String contentType, Charset charset)
        implements SoapEnvelope {

    public SoapFaultMessage {
        Objects.requireNonNull(fault, "fault");
        bytes = bytes.clone();
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(charset, "charset");
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public int size() {
        return bytes.length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    @Override
    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoapFaultMessage m && fault.equals(m.fault) && Arrays.equals(bytes, m.bytes)
                && contentType.equals(m.contentType) && charset.equals(m.charset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fault, Arrays.hashCode(bytes), contentType, charset);
    }

    @Override
    public String toString() {
        return "SoapFaultMessage[" + fault + ", " + bytes.length + " bytes, " + contentType + "]";
    }
}
