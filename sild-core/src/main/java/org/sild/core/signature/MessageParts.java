package org.sild.core.signature;

import java.util.List;
import java.util.Objects;
import org.sild.core.hashchain.Digest;

/**
 * The parts of one X-Road message as a signature covers them: the message ({@code /message.xml}: the SOAP
 * envelope, or the REST header part, as carried) and the digests of its attachments ({@code /attachment1},
 * …; a REST body is attachment 1).
 *
 * <p>Attachments are given by digest because they are streamed and never held whole. Immutable.
 */
public record MessageParts(byte[] message, List<Digest> attachments) {

    public MessageParts {
        message = Objects.requireNonNull(message, "message").clone();
        attachments = List.copyOf(attachments);
    }

    /** A message without attachments. */
    public static MessageParts of(byte[] message) {
        return new MessageParts(message, List.of());
    }

    @Override
    public byte[] message() {
        return message.clone();
    }

    /** Whether there are attachments (which force a hash-chain signature). */
    public boolean hasAttachments() {
        return !attachments.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageParts p && java.util.Arrays.equals(message, p.message)
                && attachments.equals(p.attachments);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(message) + attachments.hashCode();
    }

    @Override
    public String toString() {
        return "MessageParts[" + message.length + " message bytes, " + attachments.size() + " attachments]";
    }
}
