package org.sild.core.globalconf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An unsigned configuration directory as the central server builds it: the inner
 * {@code multipart/mixed} with its own {@code Content-Type} line, ready for {@link DirectorySigner}.
 *
 * <p>Immutable. {@link #signable()} is exactly what the signature covers.
 */
public final class DirectoryContent {

    private final String boundary;
    private final byte[] signable;

    DirectoryContent(String boundary, byte[] signable) {
        this.boundary = Objects.requireNonNull(boundary);
        this.signable = signable.clone();
    }

    /** The boundary of the {@code multipart/mixed}. */
    public String boundary() {
        return boundary;
    }

    /** The {@code Content-Type} header value of the directory. */
    public String contentType() {
        return "multipart/mixed; charset=UTF-8; boundary=" + boundary;
    }

    /** The multipart body, from the first delimiter to the close delimiter and its CRLF: the signed bytes. */
    public byte[] signable() {
        return signable.clone();
    }

    /** The directory with its {@code Content-Type} line: the first part of the signed multipart. */
    public byte[] bytes() {
        byte[] head = ("Content-Type: " + contentType() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + signable.length);
        System.arraycopy(signable, 0, all, head.length, signable.length);
        return all;
    }

    @Override
    public String toString() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
