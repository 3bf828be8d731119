package org.sild.runtime.confsource;

import java.util.Objects;

/**
 * An optional configuration part published in the internal configuration beside the private and
 * shared parameters, such as {@code MONITORING}, {@code FETCHINTERVAL} or {@code NEXTUPDATE}.
 *
 * <p>Immutable.
 */
public record OptionalPart(String contentIdentifier, String fileName, byte[] content) {

    public OptionalPart {
        Objects.requireNonNull(contentIdentifier);
        Objects.requireNonNull(fileName);
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
